// The PII values a masked caller must not see in an investigation's text beyond what the scanner
// recognises by shape: the entities of its alerts (accounts and card ids have no shape). One
// statement, used by every read that shows an investigation's title or text.
import { PII_KINDS_SQL, type EntityKind } from '../entities/entity-kinds';
import type { SqliteDatabase } from '../store/database';

export type KnownPii = { kind: EntityKind; value: string }[];

/** Bounds the work per investigation; values past it are still masked when their shape is recognised. */
export const MAX_KNOWN_PII = 500;

export function investigationPiiReader(db: SqliteDatabase): (investigationId: string) => KnownPii {
  const statement = db.prepare<[string, number], { kind: EntityKind; value: string }>(
    `SELECT DISTINCT e.kind, e.value FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid JOIN entities e ON e.rid = ae.entity_rid
     WHERE a.investigation_id = ? AND e.kind IN (${PII_KINDS_SQL}) LIMIT ?`,
  );
  return (investigationId) => statement.all(investigationId, MAX_KNOWN_PII);
}
