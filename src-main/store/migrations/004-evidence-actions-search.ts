// Schema v4: evidence (bytes in the encrypted vault, sha256, custody trail), actions with four-eyes
// approval, FTS5 indexes for the one search box, saved queries and query history, and the per-user
// evidence-image preference. Needs v3 (investigations, notes, findings) for its search triggers.
import type { Migration } from './migration';

export const evidenceActionsSearch: Migration = {
  version: 4,
  name: 'evidence-actions-search',
  sql: `
-- Evidence images are blurred until the analyst chooses to see them.
ALTER TABLE users ADD COLUMN evidence_images TEXT NOT NULL DEFAULT 'blurred' CHECK (evidence_images IN ('blurred','shown'));

-- Evidence is append-only: a file, once imported, never changes (its hash is the proof).
CREATE TABLE evidence (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  description TEXT NOT NULL DEFAULT '',
  added_at INTEGER NOT NULL,
  added_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_investigation ON evidence(investigation_id, added_at);
CREATE TRIGGER evidence_immutable BEFORE UPDATE OF investigation_id, file_name, media_type, size, sha256, added_at, added_by ON evidence
  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;

-- The bytes, in chunks of at most 1 MiB, inside the SQLCipher vault (never a plaintext file).
-- A rowid table: large rows do not belong in a WITHOUT ROWID b-tree. No foreign key: the chunks of
-- a big file are written in several short transactions (the main thread stays free) before the
-- evidence row that makes them visible; chunks without an evidence row are an unfinished import,
-- the only ones that may be deleted.
CREATE TABLE evidence_blobs (
  evidence_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (evidence_id, seq)
) STRICT;
CREATE TRIGGER evidence_blobs_no_update BEFORE UPDATE ON evidence_blobs
  BEGIN SELECT RAISE(ABORT, 'evidence bytes are append-only'); END;
CREATE TRIGGER evidence_blobs_no_delete BEFORE DELETE ON evidence_blobs
  WHEN EXISTS (SELECT 1 FROM evidence WHERE id = old.evidence_id)
  BEGIN SELECT RAISE(ABORT, 'evidence bytes are append-only'); END;

CREATE TABLE evidence_custody (
  id TEXT PRIMARY KEY,
  evidence_id TEXT NOT NULL REFERENCES evidence(id),
  at INTEGER NOT NULL,
  user_id TEXT REFERENCES users(id),
  event TEXT NOT NULL CHECK (event IN ('imported','viewed','exported','verified','verify_failed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_custody_evidence ON evidence_custody(evidence_id, at);
CREATE TRIGGER evidence_custody_no_update BEFORE UPDATE ON evidence_custody
  BEGIN SELECT RAISE(ABORT, 'the custody trail is append-only'); END;
CREATE TRIGGER evidence_custody_no_delete BEFORE DELETE ON evidence_custody
  BEGIN SELECT RAISE(ABORT, 'the custody trail is append-only'); END;

-- Actions: proposed -> approved | rejected -> executed -> reverted. The CHECK is the four-eyes rule
-- again, below the service: a destructive action past 'proposed'/'rejected' was decided by someone else.
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  kind TEXT NOT NULL CHECK (kind IN ('suspend_account','remove_content','warn_user','block_ip','escalate_law_enforcement','other')),
  status TEXT NOT NULL CHECK (status IN ('proposed','approved','rejected','executed','reverted')),
  destructive INTEGER NOT NULL CHECK (destructive IN (0, 1)),
  reason TEXT NOT NULL,
  proposed_by TEXT NOT NULL REFERENCES users(id),
  proposed_at INTEGER NOT NULL,
  decided_by TEXT REFERENCES users(id),
  decided_at INTEGER,
  decision_comment TEXT,
  executed_by TEXT REFERENCES users(id),
  executed_at INTEGER,
  reverted_by TEXT REFERENCES users(id),
  reverted_at INTEGER,
  revert_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL,
  CHECK (destructive = 0 OR status IN ('proposed','rejected') OR (decided_by IS NOT NULL AND decided_by <> proposed_by))
) STRICT;
CREATE INDEX actions_investigation ON actions(investigation_id, proposed_at);
CREATE INDEX actions_open ON actions(status, proposed_at) WHERE status = 'proposed';

-- Targets are fixed at proposal: what was approved is exactly what gets executed.
CREATE TABLE action_targets (
  action_id TEXT NOT NULL REFERENCES actions(id),
  entity_id TEXT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (action_id, entity_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER action_targets_no_update BEFORE UPDATE ON action_targets
  BEGIN SELECT RAISE(ABORT, 'action targets are fixed at proposal'); END;

CREATE TABLE saved_queries (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX saved_queries_user ON saved_queries(user_id, created_at) WHERE deleted_at IS NULL;

-- Device-local, like sessions: a personal "recent searches" list, never synced, so no HLC.
CREATE TABLE query_history (
  user_id TEXT NOT NULL REFERENCES users(id),
  query TEXT NOT NULL,
  at INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (user_id, query)
) STRICT, WITHOUT ROWID;
CREATE INDEX query_history_recent ON query_history(user_id, at DESC);

-- Search indexes, kept by triggers like alerts_fts (v2).
CREATE VIRTUAL TABLE investigations_fts USING fts5(title, summary, content='investigations', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER investigations_fts_insert AFTER INSERT ON investigations BEGIN
  INSERT INTO investigations_fts(rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
END;
CREATE TRIGGER investigations_fts_delete AFTER DELETE ON investigations BEGIN
  INSERT INTO investigations_fts(investigations_fts, rowid, title, summary) VALUES ('delete', old.rowid, old.title, old.summary);
END;
CREATE TRIGGER investigations_fts_update AFTER UPDATE OF title, summary ON investigations BEGIN
  INSERT INTO investigations_fts(investigations_fts, rowid, title, summary) VALUES ('delete', old.rowid, old.title, old.summary);
  INSERT INTO investigations_fts(rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
END;
INSERT INTO investigations_fts(investigations_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='notes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts(rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO notes_fts(rowid, body) VALUES (new.rowid, new.body);
END;
INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE findings_fts USING fts5(title, body, content='findings', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER findings_fts_insert AFTER INSERT ON findings BEGIN
  INSERT INTO findings_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER findings_fts_delete AFTER DELETE ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER findings_fts_update AFTER UPDATE OF title, body ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
  INSERT INTO findings_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
INSERT INTO findings_fts(findings_fts) VALUES ('rebuild');

-- Entity values are indexed so an analyst can find an account or address; results are masked by
-- the caller's lens like every other read (src-main/ipc/handlers/search-handlers.ts says why).
CREATE VIRTUAL TABLE entities_fts USING fts5(value, content='entities', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
  INSERT INTO entities_fts(rowid, value) VALUES (new.rowid, new.value);
END;
CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, value) VALUES ('delete', old.rowid, old.value);
END;
CREATE TRIGGER entities_fts_update AFTER UPDATE OF value ON entities BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, value) VALUES ('delete', old.rowid, old.value);
  INSERT INTO entities_fts(rowid, value) VALUES (new.rowid, new.value);
END;
INSERT INTO entities_fts(entities_fts) VALUES ('rebuild');
`,
};
