// Schema v3: investigations with their status history, notes, findings and tasks, and the record of
// alerts added to them. Alerts link through alerts.investigation_id (v2). Append-only
// tables (status log, notes, alert additions) refuse UPDATE and DELETE with triggers.
import type { Migration } from './migration';

const STATUSES = `'open','in_progress','pending','closed'`;
const RESOLUTIONS = `'actioned','no_violation','duplicate','false_positive'`;

export const investigations: Migration = {
  version: 3,
  name: 'investigations',
  sql: `
-- The last INV-YYYY-NNNN number handed out per year. Numbers are never reused, even for a deleted
-- investigation. Device-local allocation state, so it is not change-logged.
CREATE TABLE investigation_key_counters (
  year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL CHECK (last_number >= 0)
) STRICT;

CREATE TABLE investigations (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN (${STATUSES})),
  resolution TEXT CHECK (resolution IN (${RESOLUTIONS})),
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  assignee_id TEXT REFERENCES users(id),
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  sla_due_at INTEGER,
  template_id TEXT CHECK (template_id IN ('account_takeover','fraud_ring','spam_wave','harmful_content','blank')),
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  created_by TEXT REFERENCES users(id),
  -- The case number in the tool an investigation was imported from; (source, external_ref) is the import's idempotency key.
  external_ref TEXT,
  source TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  UNIQUE (source, external_ref),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (resolution IS NULL OR status = 'closed')
) STRICT;
CREATE INDEX investigations_recent ON investigations(updated_at DESC, id DESC);
CREATE INDEX investigations_status ON investigations(status, updated_at DESC, id DESC);
CREATE INDEX investigations_assignee ON investigations(assignee_id, updated_at DESC) WHERE assignee_id IS NOT NULL;

-- Every status change, creation included (from_status NULL): the source of time-to-acknowledge,
-- -qualify and -resolve analytics.
CREATE TABLE investigation_status_log (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  at INTEGER NOT NULL,
  user_id TEXT REFERENCES users(id),
  from_status TEXT CHECK (from_status IN (${STATUSES})),
  to_status TEXT NOT NULL CHECK (to_status IN (${STATUSES})),
  resolution TEXT CHECK (resolution IN (${RESOLUTIONS})),
  reason TEXT
) STRICT;
CREATE INDEX investigation_status_log_investigation ON investigation_status_log(investigation_id, at, id);
CREATE TRIGGER investigation_status_log_no_update BEFORE UPDATE ON investigation_status_log BEGIN
  SELECT RAISE(ABORT, 'investigation_status_log is append-only');
END;
CREATE TRIGGER investigation_status_log_no_delete BEFORE DELETE ON investigation_status_log BEGIN
  SELECT RAISE(ABORT, 'investigation_status_log is append-only');
END;

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  body TEXT NOT NULL,
  author_id TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX notes_investigation ON notes(investigation_id, created_at, id);
CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes BEGIN
  SELECT RAISE(ABORT, 'notes are append-only');
END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes BEGIN
  SELECT RAISE(ABORT, 'notes are append-only');
END;

CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  author_id TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX findings_investigation ON findings(investigation_id, created_at, id);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  title TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  assignee_id TEXT REFERENCES users(id),
  due_at INTEGER,
  completed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK ((done = 1) = (completed_at IS NOT NULL))
) STRICT;
CREATE INDEX tasks_investigation ON tasks(investigation_id, created_at, id);

-- Alerts added to an investigation (promote, merge), one row per committed batch of one operation:
-- the timeline shows "N alerts added" per operation without one item per alert.
CREATE TABLE investigation_alert_additions (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  operation_id TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('promote','merge')),
  alert_count INTEGER NOT NULL CHECK (alert_count > 0),
  at INTEGER NOT NULL,
  user_id TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX investigation_alert_additions_investigation ON investigation_alert_additions(investigation_id, at);
CREATE TRIGGER investigation_alert_additions_no_update BEFORE UPDATE ON investigation_alert_additions BEGIN
  SELECT RAISE(ABORT, 'investigation_alert_additions is append-only');
END;
CREATE TRIGGER investigation_alert_additions_no_delete BEFORE DELETE ON investigation_alert_additions BEGIN
  SELECT RAISE(ABORT, 'investigation_alert_additions is append-only');
END;
`,
};
