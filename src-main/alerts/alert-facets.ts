// The values a source or rule filter can complete to: the distinct sources or rules of live alerts
// that start with what was typed. Read as a skip scan, one index seek per value found (schema v17's
// alerts_sources and alerts_rules), so a million alerts from a few dozen sources cost a few dozen
// seeks, not a read of every alert.
import type { SqliteDatabase } from '../store/database';

export type FacetField = 'source' | 'rule';

export class AlertFacets {
  private readonly firstFrom: Record<FacetField, { get(from: string): unknown }>;
  private readonly firstAfter: Record<FacetField, { get(after: string): unknown }>;

  constructor(db: SqliteDatabase) {
    // min() over an indexed range is one seek; the conditions repeat the partial index's WHERE so it applies.
    this.firstFrom = {
      source: db.prepare('SELECT min(source) AS v FROM alerts WHERE deleted_at IS NULL AND source >= ?'),
      rule: db.prepare('SELECT min(rule) AS v FROM alerts WHERE deleted_at IS NULL AND rule IS NOT NULL AND rule >= ?'),
    };
    this.firstAfter = {
      source: db.prepare('SELECT min(source) AS v FROM alerts WHERE deleted_at IS NULL AND source > ?'),
      rule: db.prepare('SELECT min(rule) AS v FROM alerts WHERE deleted_at IS NULL AND rule IS NOT NULL AND rule > ?'),
    };
  }

  /** Up to `limit` distinct values starting with `prefix`, in byte order (the index's). */
  values(field: FacetField, prefix: string, limit: number): string[] {
    const found: string[] = [];
    // Values sharing a prefix sit together in byte order, from the prefix itself onwards.
    let next = (this.firstFrom[field].get(prefix) as { v: string | null } | undefined)?.v ?? null;
    while (next !== null && next.startsWith(prefix) && found.length < limit) {
      found.push(next);
      next = (this.firstAfter[field].get(next) as { v: string | null } | undefined)?.v ?? null;
    }
    return found;
  }
}
