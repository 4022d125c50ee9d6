// An alert's links and sightings as record fields (docs/SYNC.md, "Records": a link is part of the
// alert's `entities` field). Values sort by id so two vaults holding the same set ship the same value.
import { z } from 'zod';
import type { FeedPayload } from '../store/change-feed';
import type { LinkOrigin } from '../alerts/alert-links';

export interface LinkValue {
  entity: string;
  origin: LinkOrigin;
}
export interface SightingValue {
  source: string;
  externalId: string;
  occurredAt: number;
}

export const linksValue = z.array(z.object({ entity: z.string(), origin: z.enum(['mapped', 'extracted']) }));
export const sightingsValue = z.array(z.object({ source: z.string(), externalId: z.string(), occurredAt: z.number() }));

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each alert's links in a payload, by alert id. */
export function linksByAlert(payload: FeedPayload): Map<string, LinkValue[]> {
  const byAlert = new Map<string, LinkValue[]>();
  for (const link of payload.links) {
    const list = byAlert.get(link.alertId) ?? [];
    list.push({ entity: link.entityId, origin: link.origin === 0 ? 'mapped' : 'extracted' });
    byAlert.set(link.alertId, list);
  }
  for (const list of byAlert.values()) list.sort((a, b) => byText(a.entity, b.entity));
  return byAlert;
}

/** Each alert's folded sightings in a payload, by alert id. */
export function sightingsByAlert(payload: FeedPayload): Map<string, SightingValue[]> {
  const byAlert = new Map<string, SightingValue[]>();
  for (const s of payload.sightings) {
    const list = byAlert.get(s.alertId) ?? [];
    list.push({ source: s.source, externalId: s.externalId, occurredAt: s.occurredAt });
    byAlert.set(s.alertId, list);
  }
  for (const list of byAlert.values()) list.sort((a, b) => byText(a.source, b.source) || byText(a.externalId, b.externalId));
  return byAlert;
}
