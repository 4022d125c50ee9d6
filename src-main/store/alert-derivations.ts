// An alert's derived rows — its full-text entry (alerts_fts) and its counts in the analytics rollups
// (alert_quarter_counts, alert_day_outcomes, alert_quarter_breakdown) — are kept by the alerts'
// triggers, so no writer can forget them. Fired once per inserted row they are three upserts and a
// full-text insert an alert: 6.4 of 11.8 s when a first sync applied 100k alerts (docs/PERFORMANCE.md).
//
// So the insert triggers fire only while `derived_by_trigger()` is true (schema v32), and that
// function is this connection's switch: true except inside `withAlertDerivationsDeferred`, where the
// writer inserts alerts without them and derives what it inserted with set-based statements
// (`deriveAlertRows`) in the same transaction — before anything updates or deletes one of those rows
// (an update or delete trigger must find the derived rows its insert made), and before it commits.
// The switch is per connection: other connections' writes meanwhile keep their triggers.
import type { SqliteDatabase } from './database';
import { statementCacheOf } from './statement-cache';
import { QUARTER_HOUR_MS, UTC_DAY_MS, alertOutcomeSql } from './migrations/009-analytics-rollups';

const deferring = new WeakSet<SqliteDatabase>();

/** Gives the connection its `derived_by_trigger()`; every connection to a vault has it (store/database.ts). */
export function registerDerivationSwitch(db: SqliteDatabase): void {
  db.function('derived_by_trigger', { deterministic: false }, () => (deferring.has(db) ? 0 : 1));
}

/** Runs `work` with the alerts' insert triggers off on this connection; `work` derives what it inserts. */
export function withAlertDerivationsDeferred<T>(db: SqliteDatabase, work: () => T): T {
  if (deferring.has(db)) return work();
  deferring.add(db);
  try {
    return work();
  } finally {
    deferring.delete(db);
  }
}

const IN_RIDS = 'rid IN (SELECT value FROM json_each(?))';
const LIVE_IN_RIDS = `${IN_RIDS} AND deleted_at IS NULL`;

/** What the insert triggers would have done for the alerts `rids`, inserted with them off. */
export function deriveAlertRows(db: SqliteDatabase, rids: readonly number[]): void {
  if (rids.length === 0) return;
  const ridsJson = JSON.stringify(rids);
  const statements = statementCacheOf(db);
  // Full text in rowid order: the order FTS5 appends fastest.
  statements.get(`INSERT INTO alerts_fts(rowid, title, description) SELECT rid, title, description FROM alerts WHERE ${IN_RIDS} ORDER BY rid`).run(ridsJson);
  statements.get(
    `INSERT INTO alert_quarter_counts (quarter, n)
       SELECT occurred_at / ${QUARTER_HOUR_MS}, count(*) FROM alerts WHERE ${LIVE_IN_RIDS} GROUP BY 1
     ON CONFLICT (quarter) DO UPDATE SET n = n + excluded.n`,
  ).run(ridsJson);
  statements.get(
    `INSERT INTO alert_day_outcomes (day, source, rule, outcome, n)
       SELECT occurred_at / ${UTC_DAY_MS}, source, coalesce(rule, ''), ${alertOutcomeSql('alerts')}, count(*) FROM alerts WHERE ${LIVE_IN_RIDS} GROUP BY 1, 2, 3, 4
     ON CONFLICT (day, source, rule, outcome) DO UPDATE SET n = n + excluded.n`,
  ).run(ridsJson);
  statements.get(
    `INSERT INTO alert_quarter_breakdown (quarter, source, severity, n)
       SELECT occurred_at / ${QUARTER_HOUR_MS}, source, severity, count(*) FROM alerts WHERE ${LIVE_IN_RIDS} GROUP BY 1, 2, 3
     ON CONFLICT (quarter, source, severity) DO UPDATE SET n = n + excluded.n`,
  ).run(ridsJson);
}
