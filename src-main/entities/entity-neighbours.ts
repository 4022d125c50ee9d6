// An entity's neighbours: the entities seen in the same alerts, most shared first, for the link
// graph's "expand" (entities.neighbours). Bounded twice: only the entity's most recent alerts are
// read (a domain on a million alerts answers as fast as an account on three), and at most `limit`
// neighbours come back. Values leave through the caller's lens, like every entity read.
import type { EntityNeighbours } from '../../src-shared/investigation-views-contract';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';
import type { EntityKind } from './entity-kinds';

/** The most recent alerts of the entity read for one expansion. */
export const NEIGHBOUR_ALERTS_READ = 5_000;

export class EntityNeighbourQuery {
  private readonly entity;
  private readonly alertsRead;
  private readonly neighbours;

  constructor(db: SqliteDatabase) {
    this.entity = db.prepare<[string], { id: string; kind: EntityKind; value: string }>(
      'SELECT id, kind, value FROM entities WHERE id = ? AND deleted_at IS NULL',
    );
    // Alert rids grow as alerts are written: the index on (entity_rid, alert_rid) gives the newest first without a sort.
    const recent = `SELECT ae.alert_rid FROM alert_entities ae JOIN alerts a ON a.rid = ae.alert_rid
      WHERE ae.entity_rid = (SELECT rid FROM entities WHERE id = @entityId) AND a.deleted_at IS NULL ORDER BY ae.alert_rid DESC LIMIT @alerts`;
    this.alertsRead = db.prepare<[{ entityId: string; alerts: number }], { n: number }>(`SELECT count(*) AS n FROM (${recent})`);
    this.neighbours = db.prepare<[{ entityId: string; alerts: number; limit: number }], { id: string; kind: EntityKind; value: string; shared: number }>(
      `WITH recent AS (${recent})
       SELECT e.id, e.kind, e.value, count(*) AS shared
       FROM recent r JOIN alert_entities o ON o.alert_rid = r.alert_rid JOIN entities e ON e.rid = o.entity_rid
       WHERE e.id <> @entityId AND e.deleted_at IS NULL
       GROUP BY e.id ORDER BY shared DESC, e.id LIMIT @limit`,
    );
  }

  /** Null when there is no such entity. */
  neighboursOf(entityId: string, limit: number, lens: PiiLens, alertsToRead = NEIGHBOUR_ALERTS_READ): EntityNeighbours | null {
    const entity = this.entity.get(entityId);
    if (!entity) return null;
    // One more than asked for of each, to say whether anything was left out.
    const read = this.alertsRead.get({ entityId, alerts: alertsToRead + 1 })?.n ?? 0;
    const rows = this.neighbours.all({ entityId, alerts: alertsToRead, limit: limit + 1 });
    return {
      entity: lens.entity(entity),
      neighbours: rows.slice(0, limit).map((row) => ({ ...lens.entity(row), sharedAlerts: row.shared })),
      alertsRead: Math.min(read, alertsToRead),
      truncated: read > alertsToRead || rows.length > limit,
    };
  }
}
