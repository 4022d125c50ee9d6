// Schema v9: analytics reads rollups kept in step with the work, not the raw rows. At 1M alerts and
// 100k investigations a report that scanned alerts and replayed every status log took seconds; these
// tables answer the same numbers from a few thousand rows. Every one is written in the transaction
// of the change it counts, so a number is never behind the list it opens, and every one can be
// rebuilt from the rows it counts (store/analytics-rollups.ts).
//
// - alert_quarter_counts: live alerts per quarter hour they occurred in. Every real zone's offset is
//   a multiple of 15 minutes, so any zone's local day is a whole sum of quarters: volumes per day and
//   the forecast's three years of history in any zone come from here.
// - alert_day_outcomes: live alerts per UTC day × source × rule × outcome (new, promoted, dismissed
//   as false positive, other), for rule precision; a range's partial UTC days at its edges are read
//   from the alerts themselves.
// - investigation_lifecycle / investigation_open_stretches: each case's life from its status log
//   (store/case-lifecycle-table.ts), refreshed by every writer of the log.
//
// Triggers keep the alert rollups, because every path that writes alerts (import, triage, merge,
// restore, case packages) must: a trigger cannot be forgotten by a new writer.
import { CaseLifecycleTable } from '../case-lifecycle-table';
import type { Migration } from './migration';

/** An alert's outcome for rule precision, in SQL over a row alias (NEW, OLD or a table). Frozen with v9. */
export function alertOutcomeSql(row: string): string {
  return `CASE WHEN ${row}.status = 'new' THEN 'new' WHEN ${row}.status = 'promoted' THEN 'promoted'
    WHEN ${row}.status = 'dismissed' AND (${row}.dismiss_reason = 'false_positive' OR ${row}.dismiss_reason LIKE 'false_positive:%') THEN 'false_positive'
    ELSE 'other' END`;
}

export const QUARTER_HOUR_MS = 900_000;
export const UTC_DAY_MS = 86_400_000;

const add = (row: 'NEW') => `
  INSERT INTO alert_quarter_counts (quarter, n) SELECT ${row}.occurred_at / ${QUARTER_HOUR_MS}, 1 WHERE ${row}.deleted_at IS NULL
    ON CONFLICT (quarter) DO UPDATE SET n = n + 1;
  INSERT INTO alert_day_outcomes (day, source, rule, outcome, n)
    SELECT ${row}.occurred_at / ${UTC_DAY_MS}, ${row}.source, coalesce(${row}.rule, ''), ${alertOutcomeSql(row)}, 1 WHERE ${row}.deleted_at IS NULL
    ON CONFLICT (day, source, rule, outcome) DO UPDATE SET n = n + 1;`;

const remove = (row: 'OLD') => `
  UPDATE alert_quarter_counts SET n = n - 1 WHERE ${row}.deleted_at IS NULL AND quarter = ${row}.occurred_at / ${QUARTER_HOUR_MS};
  UPDATE alert_day_outcomes SET n = n - 1 WHERE ${row}.deleted_at IS NULL AND day = ${row}.occurred_at / ${UTC_DAY_MS}
    AND source = ${row}.source AND rule = coalesce(${row}.rule, '') AND outcome = ${alertOutcomeSql(row)};`;

/** The triggers that keep the alert rollups; v19 re-creates them on its rebuilt alerts table. */
export const ALERT_ROLLUP_TRIGGERS_SQL = `
CREATE TRIGGER alerts_rollup_insert AFTER INSERT ON alerts BEGIN ${add('NEW')}
END;
CREATE TRIGGER alerts_rollup_delete AFTER DELETE ON alerts BEGIN ${remove('OLD')}
END;
CREATE TRIGGER alerts_rollup_update AFTER UPDATE OF occurred_at, source, rule, status, dismiss_reason, deleted_at ON alerts
  WHEN OLD.occurred_at IS NOT NEW.occurred_at OR OLD.source IS NOT NEW.source OR OLD.rule IS NOT NEW.rule OR OLD.status IS NOT NEW.status
    OR OLD.dismiss_reason IS NOT NEW.dismiss_reason OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN ${remove('OLD')}${add('NEW')}
END;
`;

/** Counts every live alert into the (empty) alert rollups. */
export const FILL_ALERT_ROLLUPS_SQL = `
INSERT INTO alert_quarter_counts (quarter, n)
  SELECT occurred_at / ${QUARTER_HOUR_MS}, count(*) FROM alerts WHERE deleted_at IS NULL GROUP BY 1;
INSERT INTO alert_day_outcomes (day, source, rule, outcome, n)
  SELECT occurred_at / ${UTC_DAY_MS}, source, coalesce(rule, ''), ${alertOutcomeSql('alerts')}, count(*) FROM alerts WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;
`;

export const analyticsRollups: Migration = {
  version: 9,
  name: 'analytics-rollups',
  sql: `
CREATE TABLE alert_quarter_counts (quarter INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;
CREATE TABLE alert_day_outcomes (
  day INTEGER NOT NULL,
  source TEXT NOT NULL,
  rule TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('new','promoted','false_positive','other')),
  n INTEGER NOT NULL,
  PRIMARY KEY (day, source, rule, outcome)
) WITHOUT ROWID, STRICT;

${ALERT_ROLLUP_TRIGGERS_SQL}
${FILL_ALERT_ROLLUPS_SQL}
-- Time to triage reads the triage times of one severity's alerts created in a range: this index
-- answers it without touching alert rows, each severity reading only its own entries.
CREATE INDEX alerts_triage_times ON alerts(severity, created_at, triaged_at) WHERE deleted_at IS NULL;

CREATE TABLE investigation_lifecycle (
  investigation_id TEXT PRIMARY KEY,
  opened_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  first_resolved_at INTEGER,
  resolved_at INTEGER,
  reopen_count INTEGER NOT NULL
) WITHOUT ROWID, STRICT;
-- Cases opened in a range (durations, volumes, the forecast's history, SLA candidates).
CREATE INDEX investigation_lifecycle_opened ON investigation_lifecycle(opened_at);

CREATE TABLE investigation_open_stretches (
  investigation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  resolved_at INTEGER,
  PRIMARY KEY (investigation_id, seq)
) WITHOUT ROWID, STRICT;
-- The backlog counts stretches started and ended before each day's end.
CREATE INDEX investigation_stretches_opened ON investigation_open_stretches(opened_at);
CREATE INDEX investigation_stretches_resolved ON investigation_open_stretches(resolved_at);

-- Home's overview: my untriaged alerts (count and oldest); decisions per analyst from the audit log
-- (alert verdicts) and the status log (investigation closes) over a range of days.
CREATE INDEX alerts_assignee_untriaged ON alerts(assignee_id, created_at) WHERE status = 'new' AND deleted_at IS NULL AND assignee_id IS NOT NULL;
CREATE INDEX audit_log_decisions ON audit_log(at) WHERE outcome = 'success' AND actor_id IS NOT NULL AND action IN ('alerts.promote', 'alerts.merge', 'alerts.bulk');
CREATE INDEX investigation_status_log_closes ON investigation_status_log(at) WHERE to_status = 'closed' AND user_id IS NOT NULL;

-- SLA: cases whose own due time falls in a range, however long before it they opened.
CREATE INDEX investigations_sla_due ON investigations(sla_due_at) WHERE sla_due_at IS NOT NULL AND deleted_at IS NULL;
`,
  populate(db) {
    new CaseLifecycleTable(db).rebuildAll();
  },
};
