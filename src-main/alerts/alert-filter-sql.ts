// The triage filter as SQL: one translation shared by the queue's pages, counts, bulk actions and
// exports, so "all N matching" always means the same N. Only values become parameters; the SQL
// text depends on which filters are present, never on their values.
import type { z } from 'zod';
import type { alertFilterSchema } from '../../src-shared/workspace-contract';
import { assigneeCondition } from '../investigations/assignee-choice';

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
  // substr, not LIKE: '%' and '_' in a typed prefix are literal, and case matters as in the exact filter.
  if (filter.sourcePrefix !== undefined) { where.push('substr(a.source, 1, ?) = ?'); params.push(codePoints(filter.sourcePrefix), filter.sourcePrefix); }
  if (filter.rulePrefix !== undefined) { where.push('substr(a.rule, 1, ?) = ?'); params.push(codePoints(filter.rulePrefix), filter.rulePrefix); }
  if (filter.from !== undefined) { where.push('a.occurred_at >= ?'); params.push(filter.from); }
  if (filter.to !== undefined) { where.push('a.occurred_at < ?'); params.push(filter.to); }
  if (filter.investigationId !== undefined) { where.push('a.investigation_id = ?'); params.push(filter.investigationId); }
  if (filter.assignee !== undefined) {
    const assignee = assigneeCondition('a.assignee_id', filter.assignee);
    where.push(assignee.sql);
    params.push(...assignee.params);
  }
  if (filter.entityId !== undefined) { where.push('a.rid IN (SELECT ae.alert_rid FROM entities e JOIN alert_entities ae ON ae.entity_rid = e.rid WHERE e.id = ?)'); params.push(filter.entityId); }
  const match = filter.text === undefined ? null : ftsAllWords(filter.text);
  if (match !== null) { where.push('a.rowid IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?)'); params.push(match); }
  return { where: where.join(' AND '), params };
}

/** SQLite's substr and length count characters, not UTF-16 units. */
function codePoints(text: string): number {
  return [...text].length;
}
