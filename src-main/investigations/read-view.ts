// How one request sees investigation text: through the caller's PII lens, with the investigation's
// own PII entities as known values (so an account name is masked in a note even though free-text
// extraction cannot recognise it), and user ids resolved to names.
import type { UserRef } from '../../src-shared/workspace-model';
import type { EntityKind } from '../entities/entity-kinds';
import type { PiiLens } from '../pii/pii-lens';

export interface ReadView {
  lens: PiiLens;
  user: (id: string | null) => UserRef | null;
  /** Free text through the lens with the investigation's known PII values. */
  text: (investigationId: string, text: string) => string;
}

export function createReadView(lens: PiiLens, user: (id: string | null) => UserRef | null, knownPii: (investigationId: string) => readonly { kind: EntityKind; value: string }[]): ReadView {
  const known = new Map<string, readonly { kind: EntityKind; value: string }[]>();
  return {
    lens,
    user,
    text: (investigationId, text) => {
      if (lens.seesAll) return text;
      let values = known.get(investigationId);
      if (!values) {
        values = knownPii(investigationId);
        known.set(investigationId, values);
      }
      return lens.text(text, values);
    },
  };
}
