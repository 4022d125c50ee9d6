// Imports cases from another case tool: the case mapper, the latest-row resolver and the
// investigation writer run by the import driver (import-driver.ts). "Good rows" commits the valid
// cases and reports the others by line; "all or nothing" writes nothing if any row is rejected (the
// whole file is read before anything is written, so nothing needs taking back).
import { performance } from 'node:perf_hooks';
import type { InvestigationImportSummary } from '../../../src-shared/workspace-model';
import type { SqliteDatabase } from '../../store/database';
import { uuidv7 } from '../../store/ids';
import type { RowContext } from '../../store/row-context';
import type { ImportRecord } from '../file-reader';
import { runImport, type ImportMode } from '../import-driver';
import { InvestigationImportWriter } from './investigation-import-writer';
import { caseRowMapper, type InvestigationProfile } from './investigation-row-mapper';
import { LatestCaseRows } from './latest-case-rows';

export type InvestigationImportOutcome = 'imported' | 'updated' | 'unchanged';

export interface InvestigationImportOptions {
  profile: InvestigationProfile;
  source: string;
  mode: ImportMode;
  fileName: string;
  userId: string | null;
  signal?: AbortSignal | undefined;
}

export async function importInvestigations(
  db: SqliteDatabase,
  row: RowContext,
  records: AsyncIterable<ImportRecord>,
  options: InvestigationImportOptions,
  onProgress: (done: number, phase: 'reading' | 'writing') => void = () => undefined,
): Promise<InvestigationImportSummary> {
  const started = performance.now();
  const importId = uuidv7(row.now());
  const { profile, source, mode, fileName, userId } = options;
  const run = await runImport(records, {
    mode,
    mapper: caseRowMapper(profile),
    resolver: new LatestCaseRows(profile),
    writer: new InvestigationImportWriter(db, row, { importId, source, fileName, mode, userId }),
    signal: options.signal,
    onProgress,
  }, started);
  return {
    importId, committed: run.committed, read: run.read, cases: run.released, imported: run.outcomes.imported, updated: run.outcomes.updated,
    unchanged: run.outcomes.unchanged, rejected: run.rejected, rejectedRows: run.rejectedRows, columns: { ...profile.columns }, ms: run.ms,
  };
}
