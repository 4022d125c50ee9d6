// How one caller sees PII: everything (access_pii), or masked except the entities they revealed
// for a stated purpose. Every read path that returns entity values or free text goes through a
// lens, so masking is decided in one place, in the main process.
import type { EntityRef } from '../../src-shared/workspace-model';
import { PII_KINDS, type EntityKind } from '../entities/entity-kinds';
import { maskEntity, maskText } from '../entities/masking';

export interface PiiLens {
  /** True when this caller sees every value unmasked. */
  readonly seesAll: boolean;
  entity(entity: { id: string; kind: EntityKind; value: string }): EntityRef;
  value(kind: EntityKind, value: string): string;
  /** Masks PII in free text: values found in the text plus `known` entities (accounts, card ids). */
  text(text: string, known?: readonly { kind: EntityKind; value: string }[]): string;
}

export const FULL_VIEW: PiiLens = {
  seesAll: true,
  entity: (e) => ({ id: e.id, kind: e.kind, value: e.value, masked: false }),
  value: (_kind, value) => value,
  text: (text) => text,
};

/** A masking lens that leaves the given revealed values (by kind and value) as they are. */
export function maskingLens(revealed: ReadonlySet<string> = new Set()): PiiLens {
  const isRevealed = (kind: EntityKind, value: string) => revealed.has(revealKey(kind, value));
  const value = (kind: EntityKind, raw: string) => (PII_KINDS.has(kind) && !isRevealed(kind, raw) ? maskEntity(kind, raw) : raw);
  return {
    seesAll: false,
    entity: (e) => {
      const shown = value(e.kind, e.value);
      return { id: e.id, kind: e.kind, value: shown, masked: shown !== e.value };
    },
    value,
    text: (text, known = []) => maskText(text, known, isRevealed),
  };
}

export function revealKey(kind: EntityKind, value: string): string {
  return `${kind}\u0000${value.toLowerCase()}`;
}
