// Schema v7: imports commit a batch at a time (so an import never holds the write lock across an
// await, and the app's own writes never wait on it), yet an import is still all or nothing: one that
// is cancelled, refused ("import nothing" with bad rows) or cut off by a crash is undone. Its new
// alerts carry its id already; these journal tables hold the rest of what its batches changed —
// entities it created, and what it folded into alerts that were there before it — so the undo is
// exact (alerts/import-undo.ts). A finished import clears its journal.
import type { Migration } from './migration';

export const importJournal: Migration = {
  version: 7,
  name: 'import-journal',
  sql: `
ALTER TABLE imports ADD COLUMN undone_at INTEGER;

CREATE TABLE import_new_entities (
  import_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (import_id, entity_id)
) STRICT, WITHOUT ROWID;

-- An alert from before the import that its rows folded into, as it was before the first fold.
CREATE TABLE import_folds (
  import_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  occurrences INTEGER NOT NULL,
  occurred_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (import_id, alert_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE import_fold_sightings (
  import_id TEXT NOT NULL,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  PRIMARY KEY (import_id, source, external_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE import_fold_links (
  import_id TEXT NOT NULL,
  alert_id TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (import_id, alert_id, entity_id)
) STRICT, WITHOUT ROWID;
`,
};
