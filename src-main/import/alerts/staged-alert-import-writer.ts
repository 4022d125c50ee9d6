// The writer of a first import, staged beside the vault (staged-import.ts): batches go into the
// staging file, which nobody else reads or writes, and move into the vault with the import's final
// counts in one transaction. Begun like any import (its row in the vault, so a crash is found at the
// next unlock), and abandoned like one: the staging file goes, and the undo finds nothing else.
import type { NewAlert, WriteOutcome } from '../../alerts/alert-writer';
import type { SqliteDatabase } from '../../store/database';
import type { RowContext } from '../../store/row-context';
import type { BatchSizing, ImportCounts, ImportWriter } from '../import-driver';
import { recordImportEnd, recordImportStart, type AlertImportRecord } from './alert-import-writer';
import { DueCheckpoints } from '../../store/wal-checkpoints';
import { undoImport } from './import-undo';
import { StagedImport } from './staged-import';

/**
 * No one waits for a staged batch, so it is not timed; 2,500 rows ran as fast as 5,000 at 200k alerts
 * and leave the worker's heap less to collect per batch.
 */
const BATCHING: BatchSizing = { fixed: 2_500 };

export interface StagingTarget {
  path: string;
  /** The vault's data key, for the staging file and for attaching it; its owner (the import worker) zeroes it. */
  key: Buffer;
}

export class StagedAlertImportWriter implements ImportWriter<NewAlert, WriteOutcome> {
  readonly outcomes = ['inserted', 'deduplicated', 'already_imported'] as const;
  readonly batching = BATCHING;
  private staged: StagedImport | null = null;
  private readonly checkpoints: DueCheckpoints;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly context: RowContext,
    private readonly record: AlertImportRecord,
    private readonly target: StagingTarget,
  ) {
    this.checkpoints = new DueCheckpoints(record.checkpoint);
  }

  begin(): void {
    // The move copies b-trees only with foreign-key checks off (staged-import.ts).
    this.db.pragma('foreign_keys = OFF');
    recordImportStart(this.db, this.context, this.record);
    this.staged = new StagedImport(this.db, this.target.path, this.target.key, this.context, this.record.importId);
  }

  writeBatch(alerts: readonly NewAlert[]): WriteOutcome[] {
    return this.stage().writer.writeBatch(alerts);
  }

  /** The app's own writes go on meanwhile (main-thread checkpoints are off while an import runs): their WAL is checkpointed here. */
  async afterBatch(): Promise<void> {
    await this.checkpoints.runWhenDue();
  }

  finish(counts: ImportCounts<WriteOutcome>): Promise<void> {
    this.stage().moveIntoVault(this.target.key, () => recordImportEnd(this.db, this.context, this.record.importId, counts));
    this.staged = null;
    return Promise.resolve();
  }

  async abandon(): Promise<void> {
    this.discardStaging();
    await undoImport(this.db, this.context, this.record.importId);
  }

  close(): void {
    this.discardStaging();
    this.db.pragma('foreign_keys = ON');
  }

  private discardStaging(): void {
    this.staged?.discard();
    this.staged = null;
  }

  private stage(): StagedImport {
    if (!this.staged) throw new Error('The staged import has not begun');
    return this.staged;
  }
}
