// The triage filter as SQL: one translation shared by the queue's pages, counts, bulk actions and
// exports, so "all N matching" always means the same N. Only values become parameters; the SQL
// text depends on which filters are present, never on their values.
import type { z } from 'zod';
import type { alertFilterSchema } from '../../src-shared/workspace-contract';

export type AlertFilter = z.output<typeof alertFilterSchema>;

export interface FilterSql {
  /** Conditions over `alerts` aliased as `a`, joined with AND (always at least one). */
  where: string;
  params: (string | number)[];
}

/** Each word as an FTS5 string, so user text is matched literally and never parsed as FTS syntax. */
export function ftsAllWords(text: string): string | null {
  const words = text.split(/\s+/).map((w) => w.replace(/"/g, '')).filter((w) => w.length > 0);
  return words.length === 0 ? null : words.map((w) => `"${w}"`).join(' ');
}

export function alertFilterSql(filter: AlertFilter): FilterSql {
  const where: string[] = ['a.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('a.status', filter.status);
  inList('a.severity', filter.severity);
  if (filter.source !== undefined) { where.push('a.source = ?'); params.push(filter.source); }
  if (filter.rule !== undefined) { where.push('a.rule = ?'); params.push(filter.rule); }
  if (filter.from !== undefined) { where.push('a.occurred_at >= ?'); params.push(filter.from); }
  if (filter.to !== undefined) { where.push('a.occurred_at < ?'); params.push(filter.to); }
  if (filter.investigationId !== undefined) { where.push('a.investigation_id = ?'); params.push(filter.investigationId); }
  if (filter.assigneeId !== undefined) { where.push('a.assignee_id = ?'); params.push(filter.assigneeId); }
  if (filter.entityId !== undefined) { where.push('a.id IN (SELECT alert_id FROM alert_entities WHERE entity_id = ?)'); params.push(filter.entityId); }
  const match = filter.text === undefined ? null : ftsAllWords(filter.text);
  if (match !== null) { where.push('a.rowid IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?)'); params.push(match); }
  return { where: where.join(' AND '), params };
}
