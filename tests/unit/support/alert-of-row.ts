// The alert an imported source row went into, by its external id: the alert made from it (the row is
// its own sighting, schema v23) or the one it folded into (alert_sightings).
import type { SqliteDatabase } from '../../../src-main/store/database';

export function alertOfRow(db: SqliteDatabase, externalId: string): string {
  const row = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM alerts WHERE external_id = ? UNION ALL SELECT alert_id FROM alert_sightings WHERE external_id = ? LIMIT 1',
  ).get(externalId, externalId);
  if (!row) throw new Error(`No alert holds the source row ${externalId}`);
  return row.id;
}
