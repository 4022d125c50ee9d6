// Schema v19 (issue 13, "Storage v2"): alerts and entities get an integer row key, and the links
// between them become pairs of those keys. At 20k demo alerts (dbstat) alert_entities and its entity
// index took 450 + 413 B an alert because every link held two 36-character UUIDs, twice.
//
// - alerts.rid, entities.rid: an explicit INTEGER PRIMARY KEY. A table without one has rowids that
//   VACUUM may renumber; these are named by the links and the FTS indexes, so they must not move.
//   Each keeps the rowid it had, so rid order is the order rows were written. `id` stays the API id
//   (what IPC, the renderer, the change log and every other table's REFERENCES name), now UNIQUE.
// - alert_entities(alert_rid, entity_rid, origin): origin 0 = mapped, 1 = extracted
//   (alerts/link-origin.ts holds the live mapping; the CASE below is frozen with v19).
// - alerts_fts / entities_fts: content_rowid is rid; rebuilt once, in rid order.
// - The import undo journal (import_new_entities, import_folds, import_fold_links) keeps API ids on
//   purpose: it is empty once an import finishes, so it costs nothing, and a rid of a deleted row
//   can be handed out again (rowid max + 1) while an id never is, so a journal row that outlives
//   its alert or entity can never name a stranger.
//
// Tables are rebuilt the way SQLite documents for changes ALTER TABLE cannot make (create new, copy,
// drop old, rename): migrate.ts runs this with foreign keys off and checks them all before committing.
// Every index and trigger the tables had at v18 is created again, each index with the query it serves.
import type { Migration } from './migration';
import { ALERT_ROLLUP_TRIGGERS_SQL } from './009-analytics-rollups';
import { ALERT_BREAKDOWN_TRIGGERS_SQL } from './011-alert-volume-breakdown';
import { SEVERITY_RANK_SQL, STATUS_RANK_SQL } from './017-my-work-indexes';

const ALERT_COLUMNS = `id, source, external_id, rule, title, description, severity, status, dismiss_reason, assignee_id, investigation_id,
  fingerprint, primary_entity_id, occurred_at, last_seen_at, occurrences, import_id, raw, created_at, updated_at, updated_hlc, deleted_at,
  origin_device, triaged_at`;
const ENTITY_COLUMNS = 'id, kind, value, first_seen_at, last_seen_at, alert_count, created_at, updated_at, updated_hlc, deleted_at, origin_device';

/** The rebuild, step by step (blank lines part the steps): copies, swaps, indexes, search. */
const REBUILD_SQL = `
CREATE TABLE entities_v19 (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
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
INSERT INTO entities_v19 (rid, ${ENTITY_COLUMNS}) SELECT rowid, ${ENTITY_COLUMNS} FROM entities ORDER BY rowid;

CREATE TABLE alerts_v19 (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
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
  origin_device TEXT NOT NULL,
  triaged_at INTEGER
) STRICT;
INSERT INTO alerts_v19 (rid, ${ALERT_COLUMNS}) SELECT rowid, ${ALERT_COLUMNS} FROM alerts ORDER BY rowid;

CREATE TABLE alert_entities_v19 (
  alert_rid INTEGER NOT NULL REFERENCES alerts_v19(rid),
  entity_rid INTEGER NOT NULL REFERENCES entities_v19(rid),
  origin INTEGER NOT NULL CHECK (origin IN (0,1)),
  PRIMARY KEY (alert_rid, entity_rid)
) STRICT, WITHOUT ROWID;
INSERT INTO alert_entities_v19 (alert_rid, entity_rid, origin)
  SELECT a.rid, e.rid, CASE l.origin WHEN 'mapped' THEN 0 ELSE 1 END
  FROM alert_entities l JOIN alerts_v19 a ON a.id = l.alert_id JOIN entities_v19 e ON e.id = l.entity_id
  ORDER BY a.rid, e.rid;

DROP TABLE alert_entities;
DROP TABLE alerts_fts;
DROP TABLE entities_fts;
DROP TABLE alerts;
DROP TABLE entities;
ALTER TABLE entities_v19 RENAME TO entities;
ALTER TABLE alerts_v19 RENAME TO alerts;
ALTER TABLE alert_entities_v19 RENAME TO alert_entities;

-- An alert's entities are its primary-key range; an entity's alerts (pivot, entity filter, counters) this index.
CREATE INDEX alert_entities_entity ON alert_entities(entity_rid, alert_rid);

-- Dedup finds the alert a row folds into by fingerprint (alerts/alert-folds.ts).
CREATE UNIQUE INDEX alerts_fingerprint ON alerts(fingerprint);
-- The triage queue pages by keyset over (occurred_at, id) within a status.
CREATE INDEX alerts_queue ON alerts(status, occurred_at DESC, id DESC);
-- The queue without a status filter, newest first, and the time range of every alert list.
CREATE INDEX alerts_time ON alerts(occurred_at DESC, id DESC);
-- An investigation's alerts.
CREATE INDEX alerts_investigation ON alerts(investigation_id) WHERE investigation_id IS NOT NULL;
-- "N alerts match" on every filter change, from this covering index instead of the rows (v5).
CREATE INDEX alerts_counting ON alerts(status, severity, occurred_at) WHERE deleted_at IS NULL;
-- Tombstoned alerts (few): a words-only count is the FTS match count minus the tombstoned matches.
CREATE INDEX alerts_tombstones ON alerts(deleted_at) WHERE deleted_at IS NOT NULL;
-- Time to triage reads the triage times of one severity's alerts created in a range: this index
-- answers it without touching alert rows, each severity reading only its own entries.
CREATE INDEX alerts_triage_times ON alerts(severity, created_at, triaged_at) WHERE deleted_at IS NULL;
-- Home's overview: my untriaged alerts (count and oldest).
CREATE INDEX alerts_assignee_untriaged ON alerts(assignee_id, created_at) WHERE status = 'new' AND deleted_at IS NULL AND assignee_id IS NOT NULL;
-- alerts.list sorted by severity (AlertQueries.page, sort 'severity'), by the severity's rank.
CREATE INDEX alerts_severity_order ON alerts(${SEVERITY_RANK_SQL.replace(/a\./g, '')} DESC, occurred_at DESC, id DESC);
-- alerts.list sorted by status, in the order work moves (a status's rank).
CREATE INDEX alerts_status_order ON alerts(${STATUS_RANK_SQL.replace(/a\./g, '')} DESC, occurred_at DESC, id DESC);
-- alerts.list and alerts.count filtered to one assignee ("assigned to me").
CREATE INDEX alerts_assignee ON alerts(assignee_id, occurred_at DESC, id DESC) WHERE assignee_id IS NOT NULL;
-- alerts.facets (AlertFacets.values): the distinct sources or rules of live alerts, as a skip scan.
CREATE INDEX alerts_sources ON alerts(source) WHERE deleted_at IS NULL;
CREATE INDEX alerts_rules ON alerts(rule) WHERE deleted_at IS NULL AND rule IS NOT NULL;

CREATE VIRTUAL TABLE alerts_fts USING fts5(title, description, content='alerts', content_rowid='rid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER alerts_fts_insert AFTER INSERT ON alerts BEGIN
  INSERT INTO alerts_fts(rowid, title, description) VALUES (new.rid, new.title, new.description);
END;
CREATE TRIGGER alerts_fts_delete AFTER DELETE ON alerts BEGIN
  INSERT INTO alerts_fts(alerts_fts, rowid, title, description) VALUES ('delete', old.rid, old.title, old.description);
END;
CREATE TRIGGER alerts_fts_update AFTER UPDATE OF title, description ON alerts BEGIN
  INSERT INTO alerts_fts(alerts_fts, rowid, title, description) VALUES ('delete', old.rid, old.title, old.description);
  INSERT INTO alerts_fts(rowid, title, description) VALUES (new.rid, new.title, new.description);
END;
INSERT INTO alerts_fts(alerts_fts) VALUES ('rebuild');
${ALERT_ROLLUP_TRIGGERS_SQL}
${ALERT_BREAKDOWN_TRIGGERS_SQL}
CREATE VIRTUAL TABLE entities_fts USING fts5(value, content='entities', content_rowid='rid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
  INSERT INTO entities_fts(rowid, value) VALUES (new.rid, new.value);
END;
CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, value) VALUES ('delete', old.rid, old.value);
END;
CREATE TRIGGER entities_fts_update AFTER UPDATE OF value ON entities BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, value) VALUES ('delete', old.rid, old.value);
  INSERT INTO entities_fts(rowid, value) VALUES (new.rid, new.value);
END;
INSERT INTO entities_fts(entities_fts) VALUES ('rebuild');
`;

export const integerRowKeys: Migration = {
  version: 19,
  name: 'integer-row-keys',
  rebuildsTables: true,
  sql: '',
  // Run a step at a time so the sign-in screen's bar moves: at 1M alerts each copy, the index builds
  // and the search rebuilds take seconds to tens of seconds.
  populate(db, progress) {
    const steps = REBUILD_SQL.split(/\n\s*\n/).filter((step) => step.trim() !== '');
    steps.forEach((step, index) => {
      db.exec(step);
      progress(index + 1, steps.length);
    });
  },
};
