// Schema v27: security incidents about Vigil's own use (src-main/security/, docs/SECURITY-MONITORING.md).
// An incident names the rule that fired, who it is about and the audit rows that made it fire
// (evidence points at audit_log.seq, it never copies a row, so no secret or PII is duplicated).
// Device-local like the audit log it is read from: not change-logged, not synced.
// - security_incidents_recent / _status: the Security screen lists newest first, filtered by status.
// - security_incidents_subject: the risk score and the subject filter read one person's incidents.
// - security_incidents_fold: a rule firing again for the same subject folds into its latest incident.
// - security_incident_evidence_seq: a rescan finds a firing already recorded by its audit row.
// - audit_log_action_at, audit_log_actor_action_at: the rules count rows by action over a time
//   window (`at`, not `seq`: sign-in failures made while the vault was locked are copied in later with
//   their own time), across everyone and for one person.
// security_monitor holds how far the monitor has read the log and the last chain head it verified,
// so a scan reads only new rows and commits its incidents with its cursor. An upgraded vault starts
// watching at its head: judging years of history at once would flood the triage queue with old
// incidents (a full rescan, `security.scan` with `full`, judges it on request). Its chain is verified
// from the start, a slice at a time.
import type { Migration } from './migration';

export const securityIncidents: Migration = {
  version: 27,
  name: 'security-incidents',
  sql: `
CREATE TABLE security_incidents (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  subject_key TEXT NOT NULL,
  subject_user_id TEXT,
  subject_name TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','investigating','resolved')),
  summary TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolution_note TEXT,
  resolved_by TEXT,
  resolved_by_name TEXT,
  resolved_at INTEGER,
  alert_id TEXT,
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
  CHECK (status <> 'resolved' OR length(resolution_note) > 0),
  CHECK (window_start <= window_end)
) STRICT;
CREATE INDEX security_incidents_recent ON security_incidents(opened_at DESC, id DESC);
CREATE INDEX security_incidents_status ON security_incidents(status, opened_at DESC, id DESC);
CREATE INDEX security_incidents_subject ON security_incidents(subject_user_id, opened_at DESC) WHERE subject_user_id IS NOT NULL;
CREATE INDEX security_incidents_fold ON security_incidents(rule, subject_key, window_end DESC);

CREATE TABLE security_incident_evidence (
  incident_id TEXT NOT NULL REFERENCES security_incidents(id),
  audit_seq INTEGER NOT NULL,
  PRIMARY KEY (incident_id, audit_seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX security_incident_evidence_seq ON security_incident_evidence(audit_seq);

CREATE TABLE security_monitor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  scanned_seq INTEGER NOT NULL,
  verified_seq INTEGER NOT NULL,
  verified_hash TEXT
) STRICT;
INSERT INTO security_monitor (id, scanned_seq, verified_seq, verified_hash)
  VALUES (1, coalesce((SELECT max(seq) FROM audit_log), 0), 0, NULL);

CREATE INDEX audit_log_action_at ON audit_log(action, at);
CREATE INDEX audit_log_actor_action_at ON audit_log(actor_id, action, at) WHERE actor_id IS NOT NULL;
`,
};
