// "Similar alerts": other alerts that share entities with this one, ranked by how telling the shared
// entities are. An entity on a handful of alerts (one account, one card) says more than a domain on
// a hundred thousand, so each shared entity counts by its rarity (an inverse-frequency weight).
import type { SimilarAlert } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import type { PiiLens } from '../pii/pii-lens';
import type { AlertQueries, EntityOfAlert } from './alert-queries';

/** Alerts read per shared entity: bounds the work for entities seen on very many alerts. */
const CANDIDATES_PER_ENTITY = 500;

interface SharedEntityRow extends EntityOfAlert {
  rid: number;
  alert_count: number;
}

export function entityWeight(alertCount: number): number {
  return 1 / Math.log2(2 + Math.max(0, alertCount));
}

export class SimilarAlerts {
  private readonly entitiesWithCounts;
  private readonly alertsOfEntity;

  constructor(db: SqliteDatabase, private readonly alerts: AlertQueries) {
    this.entitiesWithCounts = db.prepare<[string], SharedEntityRow>(
      `SELECT e.id, e.rid, e.kind, e.value, e.alert_count FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid
       JOIN entities e ON e.rid = ae.entity_rid WHERE a.id = ?`,
    );
    // Newest links first: rids grow as alerts are written.
    this.alertsOfEntity = db.prepare<[number, string, number], { alert_id: string }>(
      `SELECT a.id AS alert_id FROM alert_entities ae JOIN alerts a ON a.rid = ae.alert_rid
       WHERE ae.entity_rid = ? AND a.id <> ? ORDER BY ae.alert_rid DESC LIMIT ?`,
    );
  }

  find(alertId: string, limit: number, lens: PiiLens): SimilarAlert[] {
    const scores = new Map<string, { score: number; shared: SharedEntityRow[] }>();
    for (const entity of this.entitiesWithCounts.all(alertId)) {
      const weight = entityWeight(entity.alert_count);
      for (const { alert_id: other } of this.alertsOfEntity.all(entity.rid, alertId, CANDIDATES_PER_ENTITY)) {
        const entry = scores.get(other) ?? { score: 0, shared: [] };
        entry.score += weight;
        entry.shared.push(entity);
        scores.set(other, entry);
      }
    }
    const ranked = [...scores].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? 1 : -1)).slice(0, limit);
    const rows = new Map(this.alerts.rowsByIds(ranked.map(([id]) => id), lens).map((row) => [row.id, row]));
    return ranked.flatMap(([id, { score, shared }]) => {
      const alert = rows.get(id);
      if (!alert) return [];
      const refs = shared.map((entity) => lens.entity(entity));
      return [{ alert, shared: refs, score: Math.round(score * 1000) / 1000, reason: similarityReason(refs) }];
    });
  }
}

export function similarityReason(shared: readonly { kind: string; value: string }[]): string {
  const listed = shared.slice(0, 3).map((e) => `${e.kind} ${e.value}`).join(', ');
  const more = shared.length > 3 ? ` and ${shared.length - 3} more` : '';
  return `shares ${shared.length} ${shared.length === 1 ? 'entity' : 'entities'}: ${listed}${more}`;
}
