// Reads of investigations: the filtered list (keyset on (updated_at, id), newest change first, with
// the total), the detail with counts and status history, and the PII values known to belong to an
// investigation (for masking its free text).
import type { ParsedInput } from '../../src-shared/contract';
import type { InvestigationDetail, InvestigationPage, InvestigationSummary, StatusChange } from '../../src-shared/workspace-model';
import type { EntityKind } from '../entities/entity-kinds';
import { investigationPiiReader } from '../pii/known-pii';
import type { SqliteDatabase } from '../store/database';
import { StatementCache } from '../store/statement-cache';
import { toInvestigationRecord, type InvestigationDbRow, type InvestigationRecord } from './investigation-repository';
import type { ReadView } from './read-view';
import { keysetAfter } from '../store/keyset';
import { VigilError } from '../../src-shared/errors';
import { assigneeCondition } from './assignee-choice';

export type InvestigationFilter = ParsedInput<'investigations.list'>;

/** PII values of an investigation's alerts used as known values when masking its text; bounded. */

interface StatusLogRow { at: number; user_id: string | null; from_status: StatusChange['from']; to_status: StatusChange['to']; resolution: StatusChange['resolution']; reason: string | null }
interface CountRow { alerts: number; entities: number; findings: number; tasks: number; open_tasks: number; notes: number }


export class InvestigationQueries {
  private readonly statements: StatementCache;
  private readonly statusLog;
  private readonly counts;
  private readonly evidenceCount;
  private readonly actionCount;
  private readonly knownPiiRows;

  constructor(db: SqliteDatabase) {
    this.statements = new StatementCache(db);
    this.statusLog = db.prepare<[string], StatusLogRow>(
      'SELECT at, user_id, from_status, to_status, resolution, reason FROM investigation_status_log WHERE investigation_id = ? ORDER BY at, rowid',
    );
    this.counts = db.prepare<{ id: string }, CountRow>(
      `SELECT
         (SELECT count(*) FROM alerts WHERE investigation_id = @id AND deleted_at IS NULL) AS alerts,
         (SELECT count(DISTINCT ae.entity_rid) FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid WHERE a.investigation_id = @id AND a.deleted_at IS NULL) AS entities,
         (SELECT count(*) FROM findings WHERE investigation_id = @id AND deleted_at IS NULL) AS findings,
         (SELECT count(*) FROM tasks WHERE investigation_id = @id AND deleted_at IS NULL) AS tasks,
         (SELECT count(*) FROM tasks WHERE investigation_id = @id AND deleted_at IS NULL AND done = 0) AS open_tasks,
         (SELECT count(*) FROM notes WHERE investigation_id = @id AND deleted_at IS NULL) AS notes`,
    );
    this.evidenceCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM evidence WHERE investigation_id = ? AND deleted_at IS NULL');
    this.actionCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM actions WHERE investigation_id = ? AND deleted_at IS NULL');
    this.knownPiiRows = investigationPiiReader(db);
  }

  knownPii(investigationId: string): { kind: EntityKind; value: string }[] {
    return this.knownPiiRows(investigationId);
  }

  list(filter: InvestigationFilter, view: ReadView): InvestigationPage {
    const where: string[] = ['i.deleted_at IS NULL'];
    const params: (string | number)[] = [];
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    inList('i.status', filter.status);
    inList('i.severity', filter.severity);
    if (filter.assignee !== undefined) {
      const assignee = assigneeCondition('i.assignee_id', filter.assignee);
      where.push(assignee.sql);
      params.push(...assignee.params);
    }
    // opened_at is the first entry of the status log (a case's opening; an imported case's own), which
    // analytics counts per day, so a day's "opened" on a chart opens exactly that day's cases here.
    if (filter.openedFrom !== undefined) { where.push('i.opened_at >= ?'); params.push(filter.openedFrom); }
    if (filter.openedTo !== undefined) { where.push('i.opened_at < ?'); params.push(filter.openedTo); }
    if (filter.resolution === 'not_recorded') where.push("i.status = 'closed' AND i.resolution IS NULL");
    else if (filter.resolution !== undefined) { where.push('i.resolution = ?'); params.push(filter.resolution); }
    // The resolution standing now, from the lifecycle rollup (schema v12 indexes its time): the same
    // instants analytics counts a case resolved in, so a day's resolutions open exactly those cases.
    if (filter.resolvedFrom !== undefined || filter.resolvedTo !== undefined) {
      where.push('i.id IN (SELECT investigation_id FROM investigation_lifecycle WHERE resolved_at >= ? AND resolved_at < ?)');
      params.push(filter.resolvedFrom ?? 0, filter.resolvedTo ?? Number.MAX_SAFE_INTEGER);
    }
    if (filter.tag !== undefined) { where.push('EXISTS (SELECT 1 FROM json_each(i.tags) WHERE json_each.value = ?)'); params.push(filter.tag); }
    if (filter.text !== undefined) {
      // Every word somewhere in the key, title or summary; LIKE wildcards in the words are literal.
      for (const word of filter.text.split(/\s+/).filter((w) => w.length > 0)) {
        where.push(`(i.key LIKE ? ESCAPE '\\' OR i.title LIKE ? ESCAPE '\\' OR i.summary LIKE ? ESCAPE '\\')`);
        const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        params.push(pattern, pattern, pattern);
      }
    }
    const total = (this.statements.get(`SELECT count(*) AS n FROM investigations i WHERE ${where.join(' AND ')}`).all(...params)[0] as { n: number }).n;
    // Status sorts walk investigations_status (status, updated_at, id); the default walks investigations_recent.
    const byStatus = filter.sort === 'status';
    const columns = byStatus ? ['i.status', 'i.updated_at', 'i.id'] : ['i.updated_at', 'i.id'];
    if (filter.after) {
      const { updatedAt, id, key } = filter.after;
      if (byStatus && key === undefined) throw new VigilError('VALIDATION', 'The page cursor lacks the sort column’s value');
      const after = keysetAfter(columns, byStatus ? [key ?? '', updatedAt, id] : [updatedAt, id], filter.direction);
      where.push(after.sql);
      params.push(...after.params);
    }
    const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
    const rows = this.statements.get(
      `SELECT i.*, (SELECT count(*) FROM alerts a WHERE a.investigation_id = i.id AND a.deleted_at IS NULL) AS alert_count
       FROM investigations i WHERE ${where.join(' AND ')} ORDER BY ${columns.map((c) => `${c} ${direction}`).join(', ')} LIMIT ?`,
    ).all(...params, filter.limit + 1) as (InvestigationDbRow & { alert_count: number })[];
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      rows: page.map((r) => summaryOf(toInvestigationRecord(r), r.alert_count, view)),
      next: rows.length > filter.limit && last ? { updatedAt: last.updated_at, id: last.id, ...(byStatus ? { key: last.status } : {}) } : null,
      total,
    };
  }

  detail(record: InvestigationRecord, view: ReadView): InvestigationDetail {
    const counts = this.counts.get({ id: record.id }) ?? { alerts: 0, entities: 0, findings: 0, tasks: 0, open_tasks: 0, notes: 0 };
    return {
      ...summaryOf(record, counts.alerts, view),
      summary: view.text(record.id, record.summary),
      templateId: record.templateId,
      createdBy: view.user(record.createdBy),
      statusLog: this.statusLog.all(record.id).map((r) => ({
        at: r.at, by: view.user(r.user_id), from: r.from_status, to: r.to_status, resolution: r.resolution,
        reason: r.reason === null ? null : view.text(record.id, r.reason),
      })),
      counts: {
        alerts: counts.alerts, entities: counts.entities, findings: counts.findings, tasks: counts.tasks, openTasks: counts.open_tasks, notes: counts.notes,
        evidence: this.evidenceCount.get(record.id)?.n ?? 0,
        actions: this.actionCount.get(record.id)?.n ?? 0,
      },
    };
  }
}

export function summaryOf(record: InvestigationRecord, alertCount: number, view: ReadView): InvestigationSummary {
  return {
    id: record.id, key: record.key, title: view.text(record.id, record.title), status: record.status, resolution: record.resolution,
    severity: record.severity, assignee: view.user(record.assigneeId), tags: record.tags, slaDueAt: record.slaDueAt,
    openedAt: record.openedAt, closedAt: record.closedAt, updatedAt: record.updatedAt, alertCount,
  };
}
