// Schema v14: alerts taken out of an investigation (investigations.unlinkAlerts). Append-only like
// the additions beside it: one row per alert removed, with the status it had in the case and the one
// it went back to, so the case's timeline says who took what out and when, and why.
import type { Migration } from './migration';

export const alertRemovals: Migration = {
  version: 14,
  name: 'alert-removals',
  sql: `
CREATE TABLE investigation_alert_removals (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  operation_id TEXT NOT NULL,
  alert_id TEXT NOT NULL REFERENCES alerts(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT,
  at INTEGER NOT NULL,
  user_id TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX investigation_alert_removals_investigation ON investigation_alert_removals(investigation_id, at);
CREATE TRIGGER investigation_alert_removals_no_update BEFORE UPDATE ON investigation_alert_removals BEGIN
  SELECT RAISE(ABORT, 'investigation_alert_removals is append-only');
END;
CREATE TRIGGER investigation_alert_removals_no_delete BEFORE DELETE ON investigation_alert_removals BEGIN
  SELECT RAISE(ABORT, 'investigation_alert_removals is append-only');
END;
`,
};
