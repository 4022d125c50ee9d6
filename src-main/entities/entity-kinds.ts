// The kinds of observables Vigil links alerts and investigations by (defined once, in src-shared),
// and which of them are PII.
import { ENTITY_KINDS, type EntityKind } from '../../src-shared/workspace-model';

export { ENTITY_KINDS, type EntityKind };

/** Kinds whose values are masked for roles without access_pii (DESIGN §6). */
export const PII_KINDS: ReadonlySet<EntityKind> = new Set(['account', 'email', 'ip', 'phone', 'payment']);
