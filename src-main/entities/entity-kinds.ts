// The kinds of observables Vigil links alerts and investigations by (defined once, in src-shared),
// and which of them are PII.
import { ENTITY_KINDS, type EntityKind } from '../../src-shared/workspace-model';

export { ENTITY_KINDS, type EntityKind };

/**
 * Kinds whose values are masked for roles without access_pii. URLs are among them: their paths and
 * queries carry emails, phone numbers and account names (a masked URL keeps its host).
 */
export const PII_KINDS: ReadonlySet<EntityKind> = new Set(['account', 'email', 'ip', 'phone', 'payment', 'url']);

/** The same kinds as an SQL list, for queries that fetch the PII a masked caller must not see. */
export const PII_KINDS_SQL = [...PII_KINDS].map((k) => `'${k}'`).join(',');
