// The entity graph of an investigation: the entities of its alerts, linked when they appear in the
// same alerts (weight = alerts shared). Read in pages of alerts with a yield between pages, so a
// huge investigation never holds the event loop; cut to the most-connected nodes (by distinct
// neighbours, then alerts) and masked through the caller's lens.
import type { EntityGraph } from '../../src-shared/workspace-model';
import type { EntityKind } from '../entities/entity-kinds';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';

const PAGE = 2_000;
const SEP = '\u0000';

export class EntityGraphQuery {
  private readonly alertPage;
  private readonly entitiesOf;
  private readonly entityRows;

  constructor(db: SqliteDatabase) {
    this.alertPage = db.prepare<[string, number, number], { rid: number; id: string }>(
      'SELECT rid, id FROM alerts WHERE investigation_id = ? AND deleted_at IS NULL AND rid > ? ORDER BY rid LIMIT ?',
    );
    this.entitiesOf = db.prepare<[string], { alert_rid: number; entity_id: string }>(
      `SELECT ae.alert_rid, e.id AS entity_id FROM alert_entities ae JOIN entities e ON e.rid = ae.entity_rid
       WHERE ae.alert_rid IN (SELECT value FROM json_each(?)) ORDER BY ae.alert_rid, e.id`,
    );
    this.entityRows = db.prepare<[string], { id: string; kind: EntityKind; value: string }>(
      'SELECT id, kind, value FROM entities WHERE id IN (SELECT value FROM json_each(?))',
    );
  }

  async graph(investigationId: string, maxNodes: number, lens: PiiLens): Promise<EntityGraph> {
    const alertCount = new Map<string, number>();
    const shared = new Map<string, number>();
    let after = 0;
    for (;;) {
      const alerts = this.alertPage.all(investigationId, after, PAGE);
      if (alerts.length === 0) break;
      after = alerts[alerts.length - 1]?.rid ?? after;
      const byAlert = new Map<number, string[]>();
      for (const { alert_rid, entity_id } of this.entitiesOf.all(JSON.stringify(alerts.map((a) => a.rid)))) {
        const list = byAlert.get(alert_rid) ?? [];
        list.push(entity_id);
        byAlert.set(alert_rid, list);
      }
      for (const entities of byAlert.values()) {
        for (const id of entities) alertCount.set(id, (alertCount.get(id) ?? 0) + 1);
        // Sorted by the query, so each pair is keyed one way.
        for (let i = 0; i < entities.length; i += 1) {
          for (let j = i + 1; j < entities.length; j += 1) {
            const key = `${entities[i]}${SEP}${entities[j]}`;
            shared.set(key, (shared.get(key) ?? 0) + 1);
          }
        }
      }
      if (alerts.length < PAGE) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }

    const degree = new Map<string, number>();
    for (const key of shared.keys()) {
      const [a = '', b = ''] = key.split(SEP);
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
    }
    const ranked = [...alertCount.keys()].sort((a, b) =>
      (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (alertCount.get(b) ?? 0) - (alertCount.get(a) ?? 0) || (a < b ? -1 : 1));
    const kept = new Set(ranked.slice(0, maxNodes));
    const entities = new Map(this.entityRows.all(JSON.stringify([...kept])).map((e) => [e.id, e]));
    const nodes = ranked.slice(0, maxNodes).flatMap((id) => {
      const entity = entities.get(id);
      return entity ? [{ ...lens.entity(entity), alertCount: alertCount.get(id) ?? 0 }] : [];
    });
    const links: EntityGraph['links'] = [];
    for (const [key, weight] of shared) {
      const [source = '', target = ''] = key.split(SEP);
      if (kept.has(source) && kept.has(target)) links.push({ source, target, weight });
    }
    links.sort((a, b) => b.weight - a.weight || (a.source + a.target < b.source + b.target ? -1 : 1));
    return { nodes, links, truncated: ranked.length > maxNodes };
  }
}
