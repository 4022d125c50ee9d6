// The command palette's lookup: investigations by key ("INV-2026-0012", "INV-12", "inv-2026-00") and
// entities by value, a few of each, through the caller's PII lens. Gathered into the one contract by
// contract.ts. A caller without access_pii finds a PII entity only by its whole value (one they
// already know, as search allows), never by a prefix, which would let them spell unknown values out
// a character at a time; and sees it masked.
import { z } from 'zod';
import { channel, needs } from './channel';
import type { EntityRef, InvestigationStatus } from './workspace-model';

/** At most this many of each kind: the palette shows a handful above its commands. */
export const LOOKUP_LIMIT = 5;
/** Prefix matching starts at this many characters (a shorter prefix matches too much to be useful). */
export const LOOKUP_MIN_PREFIX = 3;

export interface InvestigationLookupHit {
  id: string;
  key: string;
  /** Through the caller's lens, like every investigation title. */
  title: string;
  status: InvestigationStatus;
}

export interface PaletteLookup {
  investigations: InvestigationLookupHit[];
  entities: EntityRef[];
}

export const lookupChannels = {
  'lookup.find': channel<PaletteLookup>()({
    input: z.object({ text: z.string().trim().min(1, 'Type a key or a value').max(200) }).strict(),
    access: needs('read_investigations'),
  }),
};
