// Schema v30: what the sync client keeps in the vault (docs/SYNC.md, "Client (vault side)").
//
// - `sync_state`: one device-local row: the server, this device's id there and its credential (the
//   vault is SQLCipher, so the credential is encrypted at rest with everything else), how far the
//   outbox was pushed (a change_log seq), the pull cursor (a server seq), the last sync and error.
// - `sync_field_stamps`: the stamp (HLC, device) of each field's value the vault holds from a pull or
//   has pushed: the per-field clock a pull compares against and a push takes its `base` from. Field
//   `*` is the record's creation stamp, standing for every field without a row of its own (an import
//   batch's alert would otherwise need ~25 rows). `device` is the vault's number for the device
//   (store/devices.ts), like `origin_device`.
// - `investigation_access`, `sync_conflicts`: the two synced tables the vault had no table for
//   (src-shared/sync-tables.ts). Their stamps live in sync_field_stamps only.
// - `sync_pending_links`: an alert's links to entities a pull has not brought yet (a pull page is in
//   server order, and an entity edited later comes after the alerts that name it); made when the
//   entity arrives.
// - `sync_aliases`: a pulled alert or entity whose natural key (an alert's fingerprint, an entity's
//   kind and value) a row of this vault already holds under another id: the same detection or value
//   imported on two devices. The pull applies it to the vault's row, and later records and links
//   naming the other id land there too.
import type { Migration } from './migration';

export const syncClient: Migration = {
  version: 30,
  name: 'sync-client',
  sql: `
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT,
  device_id TEXT,
  credential TEXT,
  pushed_seq INTEGER NOT NULL DEFAULT 0 CHECK (pushed_seq >= 0),
  pull_cursor INTEGER NOT NULL DEFAULT 0 CHECK (pull_cursor >= 0),
  last_sync_at INTEGER,
  last_error TEXT
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_field_stamps (
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  device TEXT NOT NULL,
  PRIMARY KEY (table_name, row_id, field)
) STRICT, WITHOUT ROWID;

-- The record's id is the investigation's id (sync-tables.ts: scope "self").
CREATE TABLE investigation_access (
  id TEXT PRIMARY KEY,
  restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  members TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(members)),
  deleted_at INTEGER
) STRICT, WITHOUT ROWID;

-- Columns per CONFLICT_FIELDS (sync-tables.ts); sides and resolution are JSON.
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  record_table TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT,
  scope TEXT,
  sides TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sides)),
  raised_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT,
  resolution TEXT,
  deleted_at INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_conflicts_open ON sync_conflicts(scope, raised_at) WHERE resolved_at IS NULL;
CREATE INDEX sync_conflicts_record ON sync_conflicts(record_table, record_id);

CREATE TABLE sync_pending_links (
  entity_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  origin INTEGER NOT NULL CHECK (origin IN (0, 1)),
  PRIMARY KEY (entity_id, alert_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_aliases (
  table_name TEXT NOT NULL CHECK (table_name IN ('alerts', 'entities')),
  remote_id TEXT NOT NULL,
  local_id TEXT NOT NULL,
  PRIMARY KEY (table_name, remote_id)
) STRICT, WITHOUT ROWID;
`,
};
