// Schema v2: alerts, entities (observables) and the links between them, import batches and saved
// column-mapping profiles, with FTS5 indexes for search. Sync-ready columns as in v1.
import type { Migration } from './migration';

export const alertsAndEntities: Migration = {
  version: 2,
  name: 'alerts-entities',
  sql: `
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('account','email','ip','domain','url','phone','device','content','payment')),
  value TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  alert_count INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  UNIQUE (kind, value)
) STRICT;

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('alerts','investigations')),
  source TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('good_rows','all_or_nothing')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_imported INTEGER NOT NULL DEFAULT 0,
  rows_duplicate INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  user_id TEXT REFERENCES users(id)
) STRICT;

CREATE TABLE mapping_profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('alerts','investigations')),
  profile TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT,
  rule TEXT,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','acknowledged','dismissed','promoted')),
  dismiss_reason TEXT,
  assignee_id TEXT REFERENCES users(id),
  investigation_id TEXT,
  fingerprint TEXT NOT NULL,
  primary_entity_id TEXT REFERENCES entities(id),
  occurred_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  occurrences INTEGER NOT NULL DEFAULT 1,
  import_id TEXT REFERENCES imports(id),
  raw TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX alerts_fingerprint ON alerts(fingerprint);
-- The triage queue pages by keyset over (occurred_at, id) within a status.
CREATE INDEX alerts_queue ON alerts(status, occurred_at DESC, id DESC);
CREATE INDEX alerts_time ON alerts(occurred_at DESC, id DESC);
CREATE INDEX alerts_investigation ON alerts(investigation_id) WHERE investigation_id IS NOT NULL;

-- Every source row ever imported, by (source, external id): re-importing a file is idempotent even
-- for rows that were folded into another alert by dedup.
CREATE TABLE alert_sightings (
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  alert_id TEXT NOT NULL REFERENCES alerts(id),
  occurred_at INTEGER NOT NULL,
  PRIMARY KEY (source, external_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX alert_sightings_alert ON alert_sightings(alert_id);

CREATE TABLE alert_entities (
  alert_id TEXT NOT NULL REFERENCES alerts(id),
  entity_id TEXT NOT NULL REFERENCES entities(id),
  origin TEXT NOT NULL CHECK (origin IN ('mapped','extracted')),
  PRIMARY KEY (alert_id, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX alert_entities_entity ON alert_entities(entity_id, alert_id);

CREATE VIRTUAL TABLE alerts_fts USING fts5(title, description, content='alerts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER alerts_fts_insert AFTER INSERT ON alerts BEGIN
  INSERT INTO alerts_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
CREATE TRIGGER alerts_fts_delete AFTER DELETE ON alerts BEGIN
  INSERT INTO alerts_fts(alerts_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
END;
CREATE TRIGGER alerts_fts_update AFTER UPDATE OF title, description ON alerts BEGIN
  INSERT INTO alerts_fts(alerts_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
  INSERT INTO alerts_fts(rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
`,
};
