// Writes to investigations: create (from a draft and template, or imported), edit, status moves
// through the state machine, each with its change_log rows and, for status, its status_log row, in
// one transaction.
import { VigilError } from '../../src-shared/errors';
import type { ParsedInput } from '../../src-shared/contract';
import type { Severity } from '../../src-shared/model';
import type { InvestigationStatus, Resolution, TemplateId } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { StatementCache } from '../store/statement-cache';
import { InvestigationKeyAllocator } from './key-allocator';
import { decideStatusMove, type StatusRequest } from '../../src-shared/investigation-status';
import { templateById } from './templates';
import type { TasksRepository } from './tasks-repository';
import type { UserDirectory } from './user-directory';
import { CaseLifecycleTable } from '../store/case-lifecycle-table';

export type InvestigationDraft = ParsedInput<'investigations.create'>;
export type InvestigationChanges = Omit<ParsedInput<'investigations.update'>, 'investigationId'>;

/** The fields an import owns on an investigation (it never touches an analyst's template, SLA or key). */
export interface ImportedFields {
  title: string;
  summary: string;
  status: InvestigationStatus;
  resolution: null;
  severity: Severity;
  assigneeId: string | null;
  tags: string[];
  openedAt: number;
  closedAt: number | null;
  /** The source's resolution time, kept only for a closed case: it is when the case was resolved. */
  sourceResolvedAt: number | null;
}

export interface InvestigationRecord {
  id: string;
  key: string;
  title: string;
  summary: string;
  status: InvestigationStatus;
  resolution: Resolution | null;
  severity: Severity;
  assigneeId: string | null;
  tags: string[];
  slaDueAt: number | null;
  templateId: TemplateId | null;
  openedAt: number;
  closedAt: number | null;
  /** An imported case's own resolution time while it stands as imported (schema v8); null otherwise. */
  sourceResolvedAt: number | null;
  createdBy: string | null;
  externalRef: string | null;
  source: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface InvestigationDbRow {
  id: string; key: string; title: string; summary: string; status: InvestigationStatus; resolution: Resolution | null;
  severity: Severity; assignee_id: string | null; tags: string; sla_due_at: number | null; template_id: TemplateId | null;
  opened_at: number; closed_at: number | null; source_resolved_at: number | null; created_by: string | null; external_ref: string | null; source: string | null;
  created_at: number; updated_at: number;
}

export function toInvestigationRecord(row: InvestigationDbRow): InvestigationRecord {
  return {
    id: row.id, key: row.key, title: row.title, summary: row.summary, status: row.status, resolution: row.resolution,
    severity: row.severity, assigneeId: row.assignee_id, tags: JSON.parse(row.tags) as string[], slaDueAt: row.sla_due_at,
    templateId: row.template_id, openedAt: row.opened_at, closedAt: row.closed_at, sourceResolvedAt: row.source_resolved_at, createdBy: row.created_by,
    externalRef: row.external_ref, source: row.source, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Every column of a new investigation; the id and key are allocated on insert. */
export type NewInvestigation = Omit<InvestigationRecord, 'id' | 'key' | 'createdAt' | 'updatedAt'>;

/** One status_log row; `from` null for the creation. */
export interface StatusLogEntry {
  at: number;
  userId: string | null;
  from: InvestigationStatus | null;
  to: InvestigationStatus;
  resolution: Resolution | null;
  reason: string | null;
}

const INSERTED_FIELDS = [
  'key', 'title', 'summary', 'status', 'resolution', 'severity', 'assignee_id', 'tags', 'sla_due_at', 'template_id',
  'opened_at', 'closed_at', 'source_resolved_at', 'created_by', 'external_ref', 'source',
] as const;

/** Editable columns, mapped to their SQL names (never spliced from input). */
const EDITABLE = {
  title: 'title', summary: 'summary', severity: 'severity', assigneeId: 'assignee_id', tags: 'tags', slaDueAt: 'sla_due_at',
} as const;
type EditableField = keyof typeof EDITABLE;

export const uniqueTags = (tags: readonly string[]): string[] => [...new Set(tags)];

export class InvestigationRepository {
  private readonly keys: InvestigationKeyAllocator;
  private readonly lifecycles: CaseLifecycleTable;
  private readonly byId;
  private readonly insertRow;
  private readonly insertLog;
  private readonly moveStatus;
  private readonly touchRow;
  private readonly updates: StatementCache;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly row: RowContext,
    private readonly users: UserDirectory,
    private readonly tasks: TasksRepository,
  ) {
    this.keys = new InvestigationKeyAllocator(db);
    this.lifecycles = new CaseLifecycleTable(db);
    this.updates = new StatementCache(db);
    this.byId = db.prepare<[string], InvestigationDbRow>('SELECT * FROM investigations WHERE id = ? AND deleted_at IS NULL');
    this.insertRow = db.prepare(
      `INSERT INTO investigations (id, key, title, summary, status, resolution, severity, assignee_id, tags, sla_due_at, template_id,
         opened_at, closed_at, source_resolved_at, created_by, external_ref, source, created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @key, @title, @summary, @status, @resolution, @severity, @assigneeId, @tags, @slaDueAt, @templateId,
         @openedAt, @closedAt, @sourceResolvedAt, @createdBy, @externalRef, @source, @now, @now, @hlc, @device)`,
    );
    this.insertLog = db.prepare(
      `INSERT INTO investigation_status_log (id, investigation_id, at, user_id, from_status, to_status, resolution, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.moveStatus = db.prepare(
      // A move made here ends the source's say over the resolution time: the status log decides from now on.
      `UPDATE investigations SET status = ?, resolution = ?, closed_at = ?, source_resolved_at = NULL, updated_at = ?, updated_hlc = ?, origin_device = ?
       WHERE id = ? AND status = ?`,
    );
    this.touchRow = db.prepare('UPDATE investigations SET updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?');
  }

  get(id: string): InvestigationRecord | undefined {
    const found = this.byId.get(id);
    return found ? toInvestigationRecord(found) : undefined;
  }

  require(id: string): InvestigationRecord {
    const found = this.get(id);
    if (!found) throw new VigilError('NOT_FOUND', 'No such investigation');
    return found;
  }

  /** A new open investigation from a draft: the template fills what the draft leaves out, and adds its tasks. */
  create(draft: InvestigationDraft, userId: string | null): InvestigationRecord {
    const template = templateById(draft.templateId ?? 'blank');
    if (draft.assigneeId) this.users.requireAssignable(draft.assigneeId);
    const now = this.row.now();
    return this.db.transaction(() => {
      const created = this.insert({
        title: draft.title,
        summary: draft.summary,
        status: 'open',
        resolution: null,
        severity: draft.severity ?? template.severity,
        assigneeId: draft.assigneeId ?? null,
        tags: uniqueTags([...template.tags, ...(draft.tags ?? [])]),
        slaDueAt: draft.slaDueAt !== undefined ? draft.slaDueAt : template.slaHours > 0 ? now + template.slaHours * 3_600_000 : null,
        templateId: draft.templateId ?? null,
        openedAt: now,
        closedAt: null,
        sourceResolvedAt: null,
        createdBy: userId,
        externalRef: null,
        source: null,
      }, [{ at: now, userId, from: null, to: 'open', resolution: null, reason: null }]);
      for (const title of template.tasks) this.tasks.add({ investigationId: created.id, title, assigneeId: null, dueAt: null });
      return created;
    })();
  }

  /**
   * Inserts an investigation with its status history (creation first). Call inside a transaction
   * when more goes with it; alone it is one statement plus its log rows.
   */
  insert(investigation: NewInvestigation, history: readonly StatusLogEntry[]): InvestigationRecord {
    const id = uuidv7(this.row.now());
    const hlc = this.row.hlc();
    return this.db.transaction(() => {
      this.insertRow.run({
        ...investigation, id, key: this.keys.next(this.row.now()), tags: JSON.stringify(investigation.tags),
        now: this.row.now(), hlc, device: this.row.device,
      });
      this.row.changes.record('investigations', id, INSERTED_FIELDS, hlc);
      for (const entry of history) this.appendStatusLog(id, entry);
      this.lifecycles.refresh(id);
      return this.require(id);
    })();
  }

  /** Edits the given fields; returns the record as it now is. Fields equal to their current value are not rewritten. */
  update(id: string, changes: InvestigationChanges): InvestigationRecord {
    return this.db.transaction(() => {
      const current = this.require(id);
      if (changes.assigneeId && changes.assigneeId !== current.assigneeId) this.users.requireAssignable(changes.assigneeId);
      const values: Partial<Record<EditableField, string | number | null>> = {};
      if (changes.title !== undefined && changes.title !== current.title) values.title = changes.title;
      if (changes.summary !== undefined && changes.summary !== current.summary) values.summary = changes.summary;
      if (changes.severity !== undefined && changes.severity !== current.severity) values.severity = changes.severity;
      if (changes.assigneeId !== undefined && changes.assigneeId !== current.assigneeId) values.assigneeId = changes.assigneeId;
      if (changes.slaDueAt !== undefined && changes.slaDueAt !== current.slaDueAt) values.slaDueAt = changes.slaDueAt;
      if (changes.tags !== undefined) {
        const tags = JSON.stringify(uniqueTags(changes.tags));
        if (tags !== JSON.stringify(current.tags)) values.tags = tags;
      }
      const fields = (Object.keys(values) as EditableField[]).sort();
      if (fields.length === 0) return current;
      const columns = fields.map((f) => EDITABLE[f]);
      const hlc = this.row.hlc();
      const sql = `UPDATE investigations SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`;
      this.updates.get(sql).run(...fields.map((f) => values[f] ?? null), this.row.now(), hlc, this.row.device, id);
      this.row.changes.record('investigations', id, columns, hlc);
      return this.require(id);
    })();
  }

  /** Moves the status as the state machine allows, logging who, when, from and to in the same transaction. */
  setStatus(id: string, request: StatusRequest, userId: string | null, at: number = this.row.now()): InvestigationRecord {
    return this.db.transaction(() => {
      const current = this.require(id);
      const decision = decideStatusMove(current.status, request);
      if (!decision.ok) throw new VigilError(decision.code, decision.message, { from: current.status, to: request.to });
      const hlc = this.row.hlc();
      const closedAt = decision.to === 'closed' ? at : null;
      this.moveStatus.run(decision.to, decision.resolution, closedAt, this.row.now(), hlc, this.row.device, id, current.status);
      this.row.changes.record('investigations', id, ['status', 'resolution', 'closed_at', 'source_resolved_at'], hlc);
      this.appendStatusLog(id, { at, userId, from: decision.from, to: decision.to, resolution: decision.resolution, reason: decision.reason });
      this.lifecycles.refresh(id);
      return this.require(id);
    })();
  }

  /**
   * Brings an imported investigation in line with a later export of its case. The source tool is
   * authoritative for what it exports (a status move is logged, as "from the import"); the
   * resolution an analyst chose here is kept while the case stays closed. Returns false when
   * nothing differed, so a re-import of the same file writes nothing.
   */
  applyImported(id: string, fields: ImportedFields, reason: string, at: number): boolean {
    const current = this.require(id);
    const values: Record<string, string | number | null> = {};
    if (fields.title !== current.title) values.title = fields.title;
    if (fields.summary !== current.summary) values.summary = fields.summary;
    if (fields.severity !== current.severity) values.severity = fields.severity;
    if (fields.assigneeId !== current.assigneeId) values.assignee_id = fields.assigneeId;
    if (JSON.stringify(fields.tags) !== JSON.stringify(current.tags)) values.tags = JSON.stringify(fields.tags);
    if (fields.openedAt !== current.openedAt) values.opened_at = fields.openedAt;
    if (fields.closedAt !== current.closedAt) values.closed_at = fields.closedAt;
    if (fields.sourceResolvedAt !== current.sourceResolvedAt) values.source_resolved_at = fields.sourceResolvedAt;
    if (fields.status !== current.status) {
      values.status = fields.status;
      values.resolution = null;
    }
    const columns = Object.keys(values).sort();
    if (columns.length === 0) return false;
    this.db.transaction(() => {
      const hlc = this.row.hlc();
      const sql = `UPDATE investigations SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`;
      this.updates.get(sql).run(...columns.map((c) => values[c] ?? null), this.row.now(), hlc, this.row.device, id);
      this.row.changes.record('investigations', id, columns, hlc);
      if (fields.status !== current.status) this.appendStatusLog(id, { at, userId: null, from: current.status, to: fields.status, resolution: null, reason });
      this.lifecycles.refresh(id);
    })();
    return true;
  }

  /** Marks the investigation as changed (alerts were added to it), so it sorts as recently updated. */
  touch(id: string): void {
    const hlc = this.row.hlc();
    this.touchRow.run(this.row.now(), hlc, this.row.device, id);
    this.row.changes.record('investigations', id, ['updated_at'], hlc);
  }

  appendStatusLog(investigationId: string, entry: StatusLogEntry): void {
    const logId = uuidv7(this.row.now());
    this.insertLog.run(logId, investigationId, entry.at, entry.userId, entry.from, entry.to, entry.resolution, entry.reason);
    this.row.changes.record('investigation_status_log', logId, ['investigation_id', 'at', 'user_id', 'from_status', 'to_status', 'resolution', 'reason'], this.row.hlc());
  }
}
