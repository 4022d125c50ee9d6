// Undoes an alert import that did not finish: cancelled, refused ("import nothing" with bad rows),
// failed, or cut off by a crash (found at the next unlock). Imports commit a batch at a time, so
// this is what keeps an import all or nothing: its new alerts (they carry its id) go with their
// links and sightings, alerts from before it get back their counts, times and severity, the entities it
// created go when nothing else links them, and the counters of every entity it touched are counted
// again. Each step runs in short transactions with event-loop turns between, and every step can run
// again: an undo cut off by a crash finishes at the next unlock.
//
// One exception, on purpose: an alert an analyst already worked on while the import ran (its status
// changed, assigned, or in an investigation) is kept; deleting it would lose their work.
import type { SqliteDatabase } from '../../store/database';
import type { RowContext } from '../../store/row-context';
import type { Logger } from '../../platform/logger';
import type { AuditRecord } from '../../audit/audit-log';

export interface ImportUndoOutcome {
  alertsRemoved: number;
  /** New alerts kept because an analyst had already worked on them. */
  alertsKept: number;
  foldsRestored: number;
  entitiesRemoved: number;
}

const CHUNK = 2_000;
const FOLDED_FIELDS = ['occurrences', 'last_seen_at', 'occurred_at', 'severity', 'entities'];

type Turn = () => Promise<void>;
const nextTurn: Turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `onUndone` runs inside the undo's last transaction (the one that marks it undone): what it writes,
 * such as audit rows, commits exactly when the undo does, once, however often a crash interrupts it.
 */
export async function undoImport(
  db: SqliteDatabase, context: RowContext, importId: string, turn: Turn = nextTurn, onUndone?: (outcome: ImportUndoOutcome) => void,
): Promise<ImportUndoOutcome> {
  const outcome: ImportUndoOutcome = { alertsRemoved: 0, alertsKept: 0, foldsRestored: 0, entitiesRemoved: 0 };
  const touched = new Set<string>();
  await removeNewAlerts(db, importId, outcome, touched, turn);
  db.transaction(() => restoreFolds(db, context, importId, outcome, touched)).immediate();
  await removeNewEntities(db, importId, outcome, touched, turn);
  await recountEntities(db, [...touched], turn);
  db.transaction(() => {
    db.prepare('UPDATE imports SET undone_at = ? WHERE id = ?').run(context.now(), importId);
    clearImportJournal(db, importId);
    onUndone?.(outcome);
  }).immediate();
  return outcome;
}

interface UnfinishedImport {
  id: string;
  file_name: string;
  source: string;
  started_at: number;
  user_id: string | null;
  username: string | null;
}

/** Where the undo of a crashed import is recorded (the vault's audit log). */
export interface ImportAuditTrail {
  append(record: AuditRecord): unknown;
}

/**
 * Undoes the alert imports that started but neither finished nor were undone: cut off by a crash.
 * Run when the vault opens, before any import of this process can have started. A crashed import
 * never reached the router's audit row, so the undo writes two: the import that was cut off (under
 * the analyst who started it) and its undo (under Vigil), in the undo's last transaction.
 */
export async function undoUnfinishedImports(db: SqliteDatabase, context: RowContext, logger: Logger, audit: ImportAuditTrail): Promise<void> {
  const unfinished = db.prepare<[], UnfinishedImport>(
    `SELECT i.id, i.file_name, i.source, i.started_at, i.user_id, u.username FROM imports i LEFT JOIN users u ON u.id = i.user_id
     WHERE i.kind = 'alerts' AND i.finished_at IS NULL AND i.undone_at IS NULL ORDER BY i.started_at`,
  ).all();
  for (const cut of unfinished) {
    const importId = cut.id;
    try {
      const outcome = await undoImport(db, context, importId, nextTurn, (undone) => {
        const about = { fileName: cut.file_name, source: cut.source, startedAt: cut.started_at };
        audit.append({
          actor: { id: cut.user_id, name: cut.username }, action: 'alerts.import_interrupted', target: importId, outcome: 'failure',
          details: { ...about, summary: `import of ${cut.file_name} stopped before it finished (Vigil was closed or crashed)` },
        });
        audit.append({
          actor: { id: null, name: 'vigil' }, action: 'alerts.import_undone', target: importId, outcome: 'success',
          details: { ...about, ...undone, summary: `the unfinished import of ${cut.file_name} was undone when the vault was next unlocked` },
        });
      });
      logger.log('warn', 'an import cut off before it finished was undone', { importId, ...outcome });
    } catch (error) {
      // The vault closed under it (sign-out, restore) or it failed: it stays unfinished, the next open retries.
      logger.log('warn', 'undoing an unfinished import failed; it will be retried when the vault opens', {
        importId, reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** A finished import's journal is no longer needed. Run inside the import's last transaction. */
export function clearImportJournal(db: SqliteDatabase, importId: string): void {
  for (const table of ['import_new_entities', 'import_folds', 'import_fold_sightings', 'import_fold_links'] as const) {
    db.prepare(`DELETE FROM ${table} WHERE import_id = ?`).run(importId);
  }
}

async function removeNewAlerts(db: SqliteDatabase, importId: string, outcome: ImportUndoOutcome, touched: Set<string>, turn: Turn): Promise<void> {
  // No index on import_id: the walk goes forward by rowid, so the whole undo reads the table once.
  const page = db.prepare<[number, string, number], { r: number; id: string; worked: number }>(
    `SELECT rid AS r, id, (status <> 'new' OR investigation_id IS NOT NULL OR assignee_id IS NOT NULL) AS worked
     FROM alerts WHERE rid > ? AND import_id = ? ORDER BY rid LIMIT ?`,
  );
  // By rid: the links' own key.
  const linked = db.prepare<[string], string>(
    'SELECT DISTINCT e.id FROM alert_entities ae JOIN entities e ON e.rid = ae.entity_rid WHERE ae.alert_rid IN (SELECT value FROM json_each(?))',
  ).pluck();
  const unlink = db.prepare('DELETE FROM alert_entities WHERE alert_rid IN (SELECT value FROM json_each(?))');
  const unsight = db.prepare('DELETE FROM alert_sightings WHERE alert_id IN (SELECT value FROM json_each(?))');
  const remove = db.prepare('DELETE FROM alerts WHERE id IN (SELECT value FROM json_each(?))');
  let after = 0;
  for (;;) {
    const rows = page.all(after, importId, CHUNK);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.r ?? after;
    const doomed = rows.filter((row) => !row.worked);
    outcome.alertsKept += rows.length - doomed.length;
    if (doomed.length > 0) {
      const ids = JSON.stringify(doomed.map((row) => row.id));
      const rids = JSON.stringify(doomed.map((row) => row.r));
      db.transaction(() => {
        for (const entityId of linked.all(rids)) touched.add(entityId);
        unlink.run(rids);
        unsight.run(ids);
        outcome.alertsRemoved += remove.run(ids).changes;
      }).immediate();
    }
    await turn();
  }
}

/**
 * Alerts from before the import: counts, times and severity as they were (a fold may have raised it;
 * journals from before schema v18 did not keep it), and the import's sightings and links on them gone.
 */
function restoreFolds(db: SqliteDatabase, context: RowContext, importId: string, outcome: ImportUndoOutcome, touched: Set<string>): void {
  const folds = db.prepare<[string], { alert_id: string; occurrences: number; occurred_at: number; last_seen_at: number; severity: string | null }>(
    'SELECT alert_id, occurrences, occurred_at, last_seen_at, severity FROM import_folds WHERE import_id = ?',
  ).all(importId);
  const restore = db.prepare(
    `UPDATE alerts SET occurrences = ?, occurred_at = ?, last_seen_at = ?, severity = coalesce(?, severity), updated_at = ?, updated_hlc = ?, origin_device = ?
     WHERE id = ?`,
  );
  for (const fold of folds) {
    const hlc = context.hlc();
    restore.run(fold.occurrences, fold.occurred_at, fold.last_seen_at, fold.severity, context.now(), hlc, context.device, fold.alert_id);
    context.changes.record('alerts', fold.alert_id, FOLDED_FIELDS, hlc);
    outcome.foldsRestored += 1;
  }
  const links = db.prepare<[string], { alert_id: string; entity_id: string }>('SELECT alert_id, entity_id FROM import_fold_links WHERE import_id = ?').all(importId);
  const unlink = db.prepare(
    'DELETE FROM alert_entities WHERE alert_rid = (SELECT rid FROM alerts WHERE id = ?) AND entity_rid = (SELECT rid FROM entities WHERE id = ?)',
  );
  for (const link of links) {
    unlink.run(link.alert_id, link.entity_id);
    touched.add(link.entity_id);
  }
  db.prepare(
    `DELETE FROM alert_sightings WHERE (source, external_id) IN (SELECT source, external_id FROM import_fold_sightings WHERE import_id = ?)`,
  ).run(importId);
}

/** Entities the import created, unless something still links or targets them. */
async function removeNewEntities(db: SqliteDatabase, importId: string, outcome: ImportUndoOutcome, touched: Set<string>, turn: Turn): Promise<void> {
  const page = db.prepare<[string, string, number], string>(
    'SELECT entity_id FROM import_new_entities WHERE import_id = ? AND entity_id > ? ORDER BY entity_id LIMIT ?',
  ).pluck();
  const remove = db.prepare<[string], string>(
    `DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?))
       AND NOT EXISTS (SELECT 1 FROM alert_entities WHERE entity_rid = entities.rid)
       AND NOT EXISTS (SELECT 1 FROM action_targets WHERE entity_id = entities.id)
     RETURNING id`,
  ).pluck();
  let after = '';
  for (;;) {
    const ids = page.all(importId, after, CHUNK);
    if (ids.length === 0) return;
    after = ids[ids.length - 1] ?? after;
    db.transaction(() => {
      for (const id of remove.all(JSON.stringify(ids))) {
        touched.delete(id);
        outcome.entitiesRemoved += 1;
      }
    }).immediate();
    await turn();
  }
}

/** Derived counters, counted again from the links that remain. */
async function recountEntities(db: SqliteDatabase, entityIds: readonly string[], turn: Turn): Promise<void> {
  const recount = db.prepare(
    `UPDATE entities SET
       alert_count = (SELECT count(*) FROM alert_entities WHERE entity_rid = entities.rid),
       first_seen_at = coalesce((SELECT min(a.occurred_at) FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid WHERE l.entity_rid = entities.rid), first_seen_at),
       last_seen_at = coalesce((SELECT max(a.last_seen_at) FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid WHERE l.entity_rid = entities.rid), last_seen_at)
     WHERE id IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < entityIds.length; i += CHUNK) {
    const ids = JSON.stringify(entityIds.slice(i, i + CHUNK));
    db.transaction(() => recount.run(ids)).immediate();
    await turn();
  }
}
