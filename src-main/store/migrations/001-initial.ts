// Schema v1: identities, sessions, audit chain, settings and the change log.
// Every synced table carries id (UUIDv7), created_at, updated_at, updated_hlc, deleted_at, origin_device.
import type { Migration } from './migration';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer','analyst','senior_analyst','investigator','admin','super_admin')),
  must_change_password INTEGER NOT NULL DEFAULT 0,
  password_changed_at INTEGER,
  disabled_at INTEGER,
  totp_secret TEXT,
  totp_enabled_at INTEGER,
  totp_last_step INTEGER,
  theme TEXT NOT NULL DEFAULT 'system' CHECK (theme IN ('light','dark','system')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE totp_recovery_codes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX totp_recovery_codes_user ON totp_recovery_codes(user_id);

-- Device-local: sessions are never synced, so they carry no HLC.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  client TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_active_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  end_reason TEXT
) STRICT;
CREATE INDEX sessions_open ON sessions(ended_at);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('success','failure','denied')),
  details TEXT NOT NULL,
  origin_device TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  hlc TEXT NOT NULL,
  origin_device TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX change_log_hlc ON change_log(hlc);
`,
};
