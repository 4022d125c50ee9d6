// Imports alerts from parsed source records on a connection of its own: with "good rows" the valid
// rows commit and the rejected ones are reported by line; with "all or nothing" any rejected row
// means nothing is imported. Either way nothing is half-written.
//
// Each batch commits in its own transaction, begun and committed within one turn of the event loop:
// the import never holds the vault's write lock across an await, so the app's other writes (triage,
// the audit log, sign-ins) never wait on it — with one long transaction they blocked for the 5 s
// busy timeout and failed. What keeps an import all or nothing is the undo (import-undo.ts): a
// cancelled, refused or failed import is undone before the call returns, and one cut off by a crash
// is undone at the next unlock. Until it finishes, other windows may see its alerts arrive.
import { performance } from 'node:perf_hooks';
import type { AlertImportSummary } from '../../src-shared/model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { AlertWriter, type NewAlert } from './alert-writer';
import { throwIfCancelled } from '../jobs/job-registry';
import { alertFromRow, type AlertProfile, type RowValues } from './alert-rows';
import { clearImportJournal, undoImport } from './import-undo';

export type ImportRecord = { line: number; values: RowValues } | { line: number; error: string };
export type ImportMode = 'good_rows' | 'all_or_nothing';

export interface AlertImportOptions {
  profile: AlertProfile;
  source: string;
  mode: ImportMode;
  fileName: string;
  userId: string | null;
  /** Aborted by jobs.cancel: what was written is undone and the import reports CANCELLED. */
  signal?: AbortSignal | undefined;
  /**
   * Checkpoints the WAL off the main thread (vault/background-checkpoint.ts). The import waits for
   * one every few seconds: each batch's commit appends every page it touched to the WAL, and SQLite
   * can start the WAL over only once a checkpoint has copied all of it back while nothing was being
   * appended. Checkpointing alongside the batches never caught up: at 1M alerts the WAL grew past
   * 25 GB and filled the disk.
   */
  checkpoint?: (() => Promise<void>) | undefined;
}

const CHECKPOINT_EVERY_MS = 2_000;

/** Records between event-loop yields: keeps the main thread answering while an import runs. */
const YIELD_EVERY = 250;
/**
 * Good rows written (and committed) together by the set-based writer (alert-writer.ts), in one turn
 * of the event loop. A commit writes every page its batch touched, so small batches cost throughput
 * (100k alerts: 2.1k/s at 40 ms batches, 2.8k/s at 100 ms; one transaction for the whole import ran
 * ~5k/s but blocked every other write), and big ones hold the event loop longer (no IPC request may
 * hold it for more than 50 ms). The size follows the measured time of each batch towards this target.
 */
const BATCH_TARGET_MS = 50;
const BATCH_ROWS = { first: 250, min: 50, max: 5_000 } as const;
/** Entity counters are written in slices of this many between batches, once this many are pending. */
const COUNTER_SLICE = 2_000;
const COUNTERS_PENDING = 10_000;


/** Reasons kept in memory; beyond this only the count grows, so a garbage file cannot exhaust memory. */
export const MAX_REPORTED_REJECTIONS = 10_000;

export async function importAlerts(
  db: SqliteDatabase,
  context: RowContext,
  records: AsyncIterable<ImportRecord>,
  options: AlertImportOptions,
  onProgress: (read: number) => void = () => undefined,
): Promise<AlertImportSummary> {
  const started = performance.now();
  const importId = uuidv7(context.now());
  const summary: AlertImportSummary = {
    importId, committed: false, read: 0, imported: 0, deduplicated: 0, duplicates: 0, rejected: 0, rejectedRows: [],
    columns: { ...options.profile.columns }, ms: 0,
  };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    if (summary.rejectedRows.length < MAX_REPORTED_REJECTIONS) summary.rejectedRows.push({ line, reason });
  };
  // "All or nothing" with a bad row will import nothing: stop writing, keep reading to report every bad row.
  const refused = () => options.mode === 'all_or_nothing' && summary.rejected > 0;
  const writer = new AlertWriter(db, context, importId);
  let batch: NewAlert[] = [];
  let batchRows: number = BATCH_ROWS.first;
  const writeBatch = () => {
    if (batch.length === 0 || refused()) {
      batch = [];
      return;
    }
    const startedBatch = performance.now();
    const outcomes = db.transaction(() => writer.writeBatch(batch)).immediate();
    const msPerRow = (performance.now() - startedBatch) / batch.length;
    batchRows = Math.round(Math.min(BATCH_ROWS.max, Math.max(BATCH_ROWS.min, BATCH_TARGET_MS / Math.max(msPerRow, 1e-3))));
    for (const outcome of outcomes) {
      if (outcome === 'inserted') summary.imported += 1;
      else if (outcome === 'deduplicated') summary.deduplicated += 1;
      else summary.duplicates += 1;
    }
    batch = [];
  };
  const writeCounters = (limit: number) => db.transaction(() => writer.flush(limit)).immediate();
  let lastCheckpoint = performance.now();
  const checkpointWhenDue = async () => {
    if (!options.checkpoint || performance.now() - lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    await options.checkpoint();
    lastCheckpoint = performance.now();
  };

  // The writer links rows by ids it has just read or made; per-row foreign-key probes (two per
  // entity link) were a fifth of the write time. Off for this connection while it imports.
  db.pragma('foreign_keys = OFF');
  try {
    db.prepare(
      `INSERT INTO imports (id, kind, source, file_name, mode, started_at, user_id) VALUES (?, 'alerts', ?, ?, ?, ?, ?)`,
    ).run(importId, options.source, options.fileName, options.mode, context.now(), options.userId);
    try {
      for await (const record of records) {
        summary.read += 1;
        if ('error' in record) {
          reject(record.line, record.error);
        } else {
          const row = alertFromRow(record.values, options.profile, options.source, importId);
          if (!row.ok) reject(record.line, row.reason);
          else batch.push(row.alert);
        }
        if (batch.length >= batchRows) {
          writeBatch();
          await checkpointWhenDue();
          await nextTurn();
          while (writer.pendingCounters > COUNTERS_PENDING) {
            writeCounters(COUNTER_SLICE);
            await nextTurn();
          }
        }
        if (summary.read % YIELD_EVERY === 0) {
          await nextTurn();
          throwIfCancelled(options.signal);
        }
        if (summary.read % 10_000 === 0) onProgress(summary.read);
      }
      writeBatch();
      if (refused()) {
        await undoImport(db, context, importId);
        return { ...summary, imported: 0, deduplicated: 0, duplicates: 0, ms: Math.round(performance.now() - started) };
      }
      while (writeCounters(COUNTER_SLICE) > 0) await nextTurn();
      db.transaction(() => {
        db.prepare(
          `UPDATE imports SET finished_at = ?, rows_read = ?, rows_imported = ?, rows_duplicate = ?, rows_rejected = ? WHERE id = ?`,
        ).run(context.now(), summary.read, summary.imported + summary.deduplicated, summary.duplicates, summary.rejected, importId);
        clearImportJournal(db, importId);
      }).immediate();
    } catch (error) {
      // Cancelled or failed: undo what the committed batches wrote, then report the first failure.
      // Should the undo fail too, the import stays unfinished and the next unlock undoes it.
      await undoImport(db, context, importId).catch(() => undefined);
      throw error;
    }
    onProgress(summary.read);
    return { ...summary, committed: true, ms: Math.round(performance.now() - started) };
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Lets the event loop answer other requests between slices of an import. */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
