// Imports cases from another case tool. Event-log exports have several rows per case: the latest
// row wins (by the updated time when mapped, else the later row in the file). Idempotent on
// (source, case number): a re-import of the same file changes nothing, a later export updates the
// cases that moved. "Good rows" commits the valid cases and reports the others by line; "all or
// nothing" writes nothing if any row is rejected. One transaction on the importer's own connection,
// yielding every BATCH cases and checking for cancellation.
import { performance } from 'node:perf_hooks';
import type { InvestigationImportSummary, InvestigationStatus } from '../../src-shared/workspace-model';
import type { ImportMode, ImportRecord } from '../alerts/alert-import';
import { MAX_REPORTED_REJECTIONS } from '../alerts/alert-import';
import { throwIfCancelled } from '../jobs/job-registry';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import { isEmptyValue, parseTimestamp } from '../import/timestamps';
import type { RowContext } from '../store/row-context';
import { caseFields, pickMapped, type CaseFields, type CaseValues, type InvestigationProfile } from './investigation-columns';
import { InvestigationStore } from './investigation-store';
import type { StatusLogEntry } from './investigation-repository';

const BATCH = 2_000;

export interface InvestigationImportOptions {
  profile: InvestigationProfile;
  source: string;
  mode: ImportMode;
  fileName: string;
  userId: string | null;
  signal?: AbortSignal | undefined;
}

interface LatestRow { line: number; order: number; updatedAt: number | null; values: CaseValues }

export async function importInvestigations(
  db: SqliteDatabase,
  row: RowContext,
  records: AsyncIterable<ImportRecord>,
  options: InvestigationImportOptions,
  onProgress: (done: number, phase: 'reading' | 'writing') => void = () => undefined,
): Promise<InvestigationImportSummary> {
  const started = performance.now();
  const summary: InvestigationImportSummary = {
    importId: uuidv7(row.now()), committed: false, read: 0, cases: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0, rejectedRows: [],
    columns: { ...options.profile.columns }, ms: 0,
  };
  const reject = (line: number, reason: string) => {
    summary.rejected += 1;
    if (summary.rejectedRows.length < MAX_REPORTED_REJECTIONS) summary.rejectedRows.push({ line, reason });
  };
  const finish = (committed: boolean) => ({ ...summary, committed, ms: Math.round(performance.now() - started) });

  // Reading: keep each case's latest row (only the mapped values, so memory follows the cases, not the file).
  const latest = new Map<string, LatestRow>();
  for await (const record of records) {
    summary.read += 1;
    if (summary.read % 10_000 === 0) {
      throwIfCancelled(options.signal);
      onProgress(summary.read, 'reading');
    }
    if ('error' in record) { reject(record.line, record.error); continue; }
    const values = pickMapped(record.values, options.profile);
    const ref = values.externalId?.trim() ?? '';
    if (ref === '' || ref === '?') { reject(record.line, 'no case number'); continue; }
    const updatedAt = updatedTime(values, options.profile);
    const seen = latest.get(ref);
    if (!seen || isLater({ updatedAt, order: summary.read }, seen)) latest.set(ref, { line: record.line, order: summary.read, updatedAt, values });
  }
  summary.cases = latest.size;

  const cases: { line: number; fields: CaseFields }[] = [];
  for (const [, candidate] of latest) {
    const mapped = caseFields(candidate.values, options.profile);
    if (mapped.ok) cases.push({ line: candidate.line, fields: mapped.value });
    else reject(candidate.line, mapped.reason);
  }
  if (options.mode === 'all_or_nothing' && summary.rejected > 0) return finish(false);

  const store = new InvestigationStore(db, row);
  const existing = db.prepare<[string, string], { id: string }>('SELECT id FROM investigations WHERE source = ? AND external_ref = ?');
  db.exec('BEGIN IMMEDIATE');
  try {
    db.prepare(`INSERT INTO imports (id, kind, source, file_name, mode, started_at, user_id) VALUES (?, 'investigations', ?, ?, ?, ?, ?)`)
      .run(summary.importId, options.source, options.fileName, options.mode, row.now(), options.userId);
    let done = 0;
    for (const { fields } of cases) {
      const assigneeId = fields.assigneeName === null ? null : store.directory.enabledIdByUsername(fields.assigneeName);
      const found = existing.get(options.source, fields.externalRef);
      const imported = toImported(fields, assigneeId, options.source, row.now());
      if (!found) {
        store.records.insert({ ...imported, createdBy: options.userId, externalRef: fields.externalRef, source: options.source, templateId: null, slaDueAt: null },
          importedHistory(fields, imported, options.source));
        summary.imported += 1;
      } else if (store.records.applyImported(found.id, imported, `Updated from ${options.source}`, fields.updatedAt ?? row.now())) {
        summary.updated += 1;
      } else {
        summary.unchanged += 1;
      }
      done += 1;
      if (done % BATCH === 0) {
        onProgress(done, 'writing');
        await new Promise<void>((resolve) => setImmediate(resolve));
        throwIfCancelled(options.signal);
      }
    }
    db.prepare('UPDATE imports SET finished_at = ?, rows_read = ?, rows_imported = ?, rows_duplicate = ?, rows_rejected = ? WHERE id = ?')
      .run(row.now(), summary.read, summary.imported + summary.updated, summary.unchanged, summary.rejected, summary.importId);
    db.exec('COMMIT');
    onProgress(done, 'writing');
    return finish(true);
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function updatedTime(values: CaseValues, profile: InvestigationProfile): number | null {
  const text = values.updatedAt;
  if (text === undefined || isEmptyValue(text)) return null;
  const parsed = parseTimestamp(text, profile.timestamp);
  return parsed.ok ? parsed.ms : null;
}

/** Later update time wins; equal or unknown times fall back to file order (the later row wins). */
function isLater(candidate: { updatedAt: number | null; order: number }, seen: LatestRow): boolean {
  if (candidate.updatedAt !== null && seen.updatedAt !== null && candidate.updatedAt !== seen.updatedAt) return candidate.updatedAt > seen.updatedAt;
  return candidate.order > seen.order;
}

/** The fields an import owns on an investigation (it never touches an analyst's template, SLA or key). */
export interface ImportedFields {
  title: string;
  summary: string;
  status: InvestigationStatus;
  resolution: null;
  severity: CaseFields['severity'];
  assigneeId: string | null;
  tags: string[];
  openedAt: number;
  closedAt: number | null;
  /** The source's resolution time, kept only for a closed case: it is when the case was resolved. */
  sourceResolvedAt: number | null;
}

function toImported(fields: CaseFields, assigneeId: string | null, source: string, now: number): ImportedFields {
  const openedAt = fields.openedAt ?? fields.updatedAt ?? now;
  // The export says the case is closed, not why: the resolution stays unknown (null) rather than guessed.
  const closed = fields.status === 'closed';
  const closedAt = closed ? (fields.closedAt ?? fields.resolvedAt ?? fields.updatedAt ?? openedAt) : null;
  // An assignee who is not a user here is kept in the summary, so the name is not lost.
  const assignedElsewhere = fields.assigneeName !== null && assigneeId === null ? ` Assigned in ${source} to ${fields.assigneeName}.` : '';
  return {
    title: fields.title, summary: `Imported from ${source} (${fields.externalRef}).${assignedElsewhere}`, status: fields.status, resolution: null,
    severity: fields.severity, assigneeId, tags: fields.tags, openedAt, closedAt, sourceResolvedAt: closed ? fields.resolvedAt : null,
  };
}

/** Creation as open at the opening time, then the move to the current status when it is not open. */
function importedHistory(fields: CaseFields, imported: ImportedFields, source: string): StatusLogEntry[] {
  const reason = `Imported from ${source}`;
  const history: StatusLogEntry[] = [{ at: imported.openedAt, userId: null, from: null, to: 'open', resolution: null, reason }];
  if (imported.status !== 'open') {
    const at = imported.closedAt ?? fields.updatedAt ?? imported.openedAt;
    history.push({ at, userId: null, from: 'open', to: imported.status, resolution: null, reason });
  }
  return history;
}
