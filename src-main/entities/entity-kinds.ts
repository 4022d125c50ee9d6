// The kinds of observables Vigil links alerts and investigations by, and which of them are PII.

export const ENTITY_KINDS = ['account', 'email', 'ip', 'domain', 'url', 'phone', 'device', 'content', 'payment'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Kinds whose values are masked for roles without access_pii (DESIGN §6). */
export const PII_KINDS: ReadonlySet<EntityKind> = new Set(['account', 'email', 'ip', 'phone', 'payment']);
