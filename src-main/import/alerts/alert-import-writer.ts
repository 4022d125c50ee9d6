// The alert import's writer (import-driver.ts): each batch resolved against the vault (rows imported
// before, folds by fingerprint, entities) and written by the set-based AlertWriter in a transaction
// of its own, begun and committed within one turn of the event loop: the import never holds the
// vault's write lock across an await, so the app's other writes (triage, the audit log, sign-ins)
// never wait on it — with one long transaction they blocked for the 5 s busy timeout and failed.
// What keeps an import all or nothing is the undo (import-undo.ts): a cancelled, refused or failed
// import is undone before the call returns, and one cut off by a crash is undone at the next unlock.
// Until it finishes, other windows may see its alerts arrive.
import { AlertWriter, type NewAlert, type WriteOutcome } from '../../alerts/alert-writer';
import type { SqliteDatabase } from '../../store/database';
import { DueCheckpoints } from '../../store/wal-checkpoints';
import type { RowContext } from '../../store/row-context';
import { nextTurn, type BatchSizing, type ImportCounts, type ImportMode, type ImportWriter } from '../import-driver';
import { clearImportJournal, undoImport } from './import-undo';

/**
 * Good rows written (and committed) together, in one turn of the event loop. A commit writes every
 * page its batch touched, so small batches cost throughput (100k alerts: 2.1k/s at 40 ms batches,
 * 2.8k/s at 100 ms; one transaction for the whole import ran ~5k/s but blocked every other write),
 * and big ones hold the event loop longer (no IPC request may hold it for more than 50 ms). The size
 * follows the measured time of each batch towards this target.
 */
const BATCHING: BatchSizing = { targetMs: 50, first: 250, min: 50, max: 5_000 };
/** Entity counters are written in slices of this many between batches, once this many are pending. */
const COUNTER_SLICE = 2_000;
const COUNTERS_PENDING = 10_000;

export interface AlertImportRecord {
  importId: string;
  source: string;
  fileName: string;
  mode: ImportMode;
  userId: string | null;
  /**
   * Checkpoints the WAL off the main thread (vault/background-checkpoint.ts). The import waits for
   * one every few seconds: each batch's commit appends every page it touched to the WAL, and SQLite
   * can start the WAL over only once a checkpoint has copied all of it back while nothing was being
   * appended. Checkpointing alongside the batches never caught up: at 1M alerts the WAL grew past
   * 25 GB and filled the disk.
   */
  checkpoint?: (() => Promise<void>) | undefined;
}

export class AlertImportWriter implements ImportWriter<NewAlert, WriteOutcome> {
  readonly outcomes = ['inserted', 'deduplicated', 'already_imported'] as const;
  readonly batching = BATCHING;
  private readonly writer: AlertWriter;
  private readonly checkpoints: DueCheckpoints;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly context: RowContext,
    private readonly record: AlertImportRecord,
  ) {
    this.writer = new AlertWriter(db, context, record.importId);
    this.checkpoints = new DueCheckpoints(record.checkpoint);
  }

  begin(): void {
    // The writer links rows by ids it has just read or made; per-row foreign-key probes (two per
    // entity link) were a fifth of the write time. Off for this connection while it imports.
    this.db.pragma('foreign_keys = OFF');
    recordImportStart(this.db, this.context, this.record);
  }

  writeBatch(alerts: readonly NewAlert[]): WriteOutcome[] {
    return this.db.transaction(() => this.writer.writeBatch(alerts)).immediate();
  }

  async afterBatch(): Promise<void> {
    await this.checkpoints.runWhenDue();
    while (this.writer.pendingCounters > COUNTERS_PENDING) {
      this.writeCounters(COUNTER_SLICE);
      await nextTurn();
    }
  }

  async finish(counts: ImportCounts<WriteOutcome>): Promise<void> {
    while (this.writeCounters(COUNTER_SLICE) > 0) await nextTurn();
    this.db.transaction(() => recordImportEnd(this.db, this.context, this.record.importId, counts)).immediate();
  }

  async abandon(): Promise<void> {
    // Should the undo fail, the import stays unfinished and the next unlock undoes it.
    await undoImport(this.db, this.context, this.record.importId);
  }

  close(): void {
    this.db.pragma('foreign_keys = ON');
  }

  private writeCounters(limit: number): number {
    return this.db.transaction(() => this.writer.flush(limit)).immediate();
  }

}

/** The import's row, written before its first batch: an import cut off by a crash is found by it at the next unlock. */
export function recordImportStart(db: SqliteDatabase, context: RowContext, record: AlertImportRecord): void {
  const { importId, source, fileName, mode, userId } = record;
  // A transaction, like every write of the import: in a worker, each one takes the write turn.
  db.transaction(() => db.prepare(
    `INSERT INTO imports (id, kind, source, file_name, mode, started_at, user_id) VALUES (?, 'alerts', ?, ?, ?, ?, ?)`,
  ).run(importId, source, fileName, mode, context.now(), userId)).immediate();
}

/** Makes the import final with its counts; in the caller's transaction, with its last rows. */
export function recordImportEnd(db: SqliteDatabase, context: RowContext, importId: string, counts: ImportCounts<WriteOutcome>): void {
  const { inserted, deduplicated, already_imported: duplicates } = counts.outcomes;
  db.prepare(
    `UPDATE imports SET finished_at = ?, rows_read = ?, rows_imported = ?, rows_duplicate = ?, rows_rejected = ? WHERE id = ?`,
  ).run(context.now(), counts.read, inserted + deduplicated, duplicates, counts.rejected, importId);
  clearImportJournal(db, importId);
}
