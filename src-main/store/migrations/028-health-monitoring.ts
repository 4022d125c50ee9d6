// Schema v28: the installation's health (issue 14, docs/HEALTH.md). Device-local like `sessions`:
// the health of this machine's disk, process and backups, not shared data, so no sync columns and
// no change_log rows.
// - health_alerts: one row per alert, from firing to resolved (acknowledged on the way, perhaps).
// - health_alert_events: the history of every transition (pending, fired, escalated, acknowledged…).
// - health_check_runs: each check's recent measurements (the monitor keeps the latest 100 per check),
//   the panel's "last run" and value.
import type { Migration } from './migration';

export const healthMonitoring: Migration = {
  version: 28,
  name: 'health-monitoring',
  sql: `
CREATE TABLE health_alerts (
  id TEXT PRIMARY KEY,
  check_id TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error', 'critical')),
  status TEXT NOT NULL CHECK (status IN ('firing', 'acknowledged', 'resolved')),
  fired_at INTEGER NOT NULL,
  last_notified_at INTEGER NOT NULL,
  acknowledged_by TEXT,
  acknowledged_at INTEGER,
  resolved_by TEXT,
  resolved_at INTEGER,
  last_value REAL,
  message TEXT NOT NULL
);
-- At most one open alert per check.
CREATE UNIQUE INDEX health_alerts_open ON health_alerts(check_id) WHERE status != 'resolved';

CREATE TABLE health_alert_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  check_id TEXT NOT NULL,
  alert_id TEXT,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  value REAL,
  actor TEXT,
  note TEXT NOT NULL
);

CREATE TABLE health_check_runs (
  id INTEGER PRIMARY KEY,
  check_id TEXT NOT NULL,
  ran_at INTEGER NOT NULL,
  level TEXT NOT NULL,
  value REAL,
  evidence TEXT NOT NULL
);
CREATE INDEX health_check_runs_by_check ON health_check_runs(check_id, id);
`,
};
