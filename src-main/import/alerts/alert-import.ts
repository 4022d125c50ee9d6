// Imports alerts from parsed source records on a connection of its own: the alert mapper and writer
// run by the import driver (import-driver.ts). With "good rows" the valid rows commit and the
// rejected ones are reported by line; with "all or nothing" any rejected row means nothing is
// imported. Either way nothing is half-written: batches commit one at a time and a refused,
// cancelled or failed import is undone (alert-import-writer.ts, import-undo.ts).
import { performance } from 'node:perf_hooks';
import type { AlertImportSummary } from '../../../src-shared/model';
import type { SqliteDatabase } from '../../store/database';
import { uuidv7 } from '../../store/ids';
import type { RowContext } from '../../store/row-context';
import type { ImportRecord } from '../file-reader';
import { runImport, streamingResolver, type ImportMode } from '../import-driver';
import { AlertImportWriter } from './alert-import-writer';
import { StagedAlertImportWriter, type StagingTarget } from './staged-alert-import-writer';
import { alertRowMapper, type AlertProfile } from './alert-row-mapper';

export interface AlertImportOptions {
  profile: AlertProfile;
  source: string;
  mode: ImportMode;
  fileName: string;
  userId: string | null;
  /** Aborted by jobs.cancel: what was written is undone and the import reports CANCELLED. */
  signal?: AbortSignal | undefined;
  /** Checkpoints the WAL off the main thread, every few seconds while the import runs (alert-import-writer.ts). */
  checkpoint?: (() => Promise<void>) | undefined;
  /** A first import's staging file (staged-import.ts): given, the import is written there and moved in at the end. */
  staging?: StagingTarget | undefined;
}

export async function importAlerts(
  db: SqliteDatabase,
  context: RowContext,
  records: AsyncIterable<ImportRecord>,
  options: AlertImportOptions,
  onProgress: (read: number) => void = () => undefined,
): Promise<AlertImportSummary> {
  const started = performance.now();
  const importId = uuidv7(context.now());
  const { source, mode, fileName, userId, checkpoint } = options;
  const record = { importId, source, fileName, mode, userId, checkpoint };
  const run = await runImport(records, {
    mode,
    mapper: alertRowMapper(options.profile, source, importId),
    resolver: streamingResolver(),
    writer: options.staging
      ? new StagedAlertImportWriter(db, context, record, options.staging)
      : new AlertImportWriter(db, context, record),
    signal: options.signal,
    onProgress,
  }, started);
  return {
    importId, committed: run.committed, read: run.read, imported: run.outcomes.inserted, deduplicated: run.outcomes.deduplicated,
    duplicates: run.outcomes.already_imported, rejected: run.rejected, rejectedRows: run.rejectedRows,
    columns: { ...options.profile.columns }, ms: run.ms,
  };
}
