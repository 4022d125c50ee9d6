// The investigation import's writer (import-driver.ts): each case resolved against the vault (the
// investigation of the same source and case number, the assignee by username) and inserted, updated
// or left unchanged. Idempotent on (source, case number): a re-import of the same file changes
// nothing, a later export updates the cases that moved. The whole import is one transaction on the
// importer's own connection, begun once the file is read; a cancelled or failed import rolls back.
import type { InvestigationImportOutcome } from './investigation-import';
import type { SqliteDatabase } from '../../store/database';
import type { RowContext } from '../../store/row-context';
import { InvestigationStore } from '../../investigations/investigation-store';
import type { ImportedFields, StatusLogEntry } from '../../investigations/investigation-repository';
import type { BatchSizing, ImportCounts, ImportMode, ImportWriter } from '../import-driver';
import type { CaseFields } from './investigation-row-mapper';

/** Cases between event-loop turns and progress reports. */
const BATCHING: BatchSizing = { fixed: 2_000 };

export interface InvestigationImportRecord {
  importId: string;
  source: string;
  fileName: string;
  mode: ImportMode;
  userId: string | null;
}

export class InvestigationImportWriter implements ImportWriter<CaseFields, InvestigationImportOutcome> {
  readonly outcomes = ['imported', 'updated', 'unchanged'] as const;
  readonly batching = BATCHING;
  private readonly store: InvestigationStore;
  private readonly existing;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly row: RowContext,
    private readonly record: InvestigationImportRecord,
  ) {
    this.store = new InvestigationStore(db, row);
    this.existing = db.prepare<[string, string], { id: string }>('SELECT id FROM investigations WHERE source = ? AND external_ref = ?');
  }

  begin(): void {
    const { importId, source, fileName, mode, userId } = this.record;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare(`INSERT INTO imports (id, kind, source, file_name, mode, started_at, user_id) VALUES (?, 'investigations', ?, ?, ?, ?, ?)`)
        .run(importId, source, fileName, mode, this.row.now(), userId);
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  writeBatch(cases: readonly CaseFields[]): InvestigationImportOutcome[] {
    const { source, userId } = this.record;
    return cases.map((fields) => {
      const assigneeId = fields.assigneeName === null ? null : this.store.directory.enabledIdByUsername(fields.assigneeName);
      const found = this.existing.get(source, fields.externalRef);
      const imported = toImported(fields, assigneeId, source, this.row.now());
      if (!found) {
        this.store.records.insert({ ...imported, createdBy: userId, externalRef: fields.externalRef, source, templateId: null, slaDueAt: null },
          importedHistory(fields, imported, source));
        return 'imported';
      }
      return this.store.records.applyImported(found.id, imported, `Updated from ${source}`, fields.updatedAt ?? this.row.now()) ? 'updated' : 'unchanged';
    });
  }

  async finish(counts: ImportCounts<InvestigationImportOutcome>): Promise<void> {
    const { imported, updated, unchanged } = counts.outcomes;
    this.db.prepare('UPDATE imports SET finished_at = ?, rows_read = ?, rows_imported = ?, rows_duplicate = ?, rows_rejected = ? WHERE id = ?')
      .run(this.row.now(), counts.read, imported + updated, unchanged, counts.rejected, this.record.importId);
    this.db.exec('COMMIT');
  }

  async abandon(): Promise<void> {
    this.rollback();
  }

  private rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
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
