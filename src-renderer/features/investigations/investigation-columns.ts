// The investigations list's columns: widths that hold their usual values, which step aside first in
// a narrow window, and the two that sort (the sorts main serves from an index: INVESTIGATION_SORTS).
import type { InvestigationSort } from '../../../src-shared/my-work-contract';
import type { ColumnSpec } from '../../kit/table-columns';
import type { ListFilterDraft } from './list-filter';

export const INVESTIGATION_COLUMN_SPECS: readonly ColumnSpec[] = [
  { id: 'key', label: 'Key', width: 130, minWidth: 120, required: true },
  { id: 'title', label: 'Title', width: 240, minWidth: 140, flexible: true, required: true },
  { id: 'status', label: 'Status', width: 120, minWidth: 100, fitOrder: 1 },
  { id: 'severity', label: 'Severity', width: 96, minWidth: 80, fitOrder: 3 },
  { id: 'assignee', label: 'Assignee', width: 180, minWidth: 120, fitOrder: 2 },
  // "2026-12-04 13:05" whole (it is the SLA's point).
  { id: 'sla', label: 'SLA due', width: 150, minWidth: 150, fitOrder: 5 },
  { id: 'alerts', label: 'Alerts', width: 72, minWidth: 60, fitOrder: 6 },
  { id: 'updated', label: 'Updated', width: 120, minWidth: 100, fitOrder: 4 },
];

export const SORT_OF_INVESTIGATION_COLUMN: Readonly<Record<string, InvestigationSort>> = { updated: 'updated', status: 'status' };

/** The filter after a header click: the same column flips the direction, another starts at its usual one. */
export function nextInvestigationSort(draft: ListFilterDraft, columnId: string): ListFilterDraft | null {
  const sort = SORT_OF_INVESTIGATION_COLUMN[columnId];
  if (!sort) return null;
  const current = draft.sort ?? 'updated';
  // Updated: latest first; status: by its name, A to Z (investigations_status's order: an index walk).
  const direction = current === sort ? (draft.direction === 'asc' ? 'desc' : 'asc') : sort === 'status' ? 'asc' : 'desc';
  return { ...draft, sort, direction };
}
