// The investigations list's columns: widths that hold their usual values, which step aside first in
// a narrow window, and the two that sort (the sorts main serves from an index: INVESTIGATION_SORTS).
import type { InvestigationSort } from '../../../src-shared/my-work-contract';
import type { ColumnSpec } from '../../kit/table-columns';
import type { ListFilterDraft } from './list-filter';

export const INVESTIGATION_COLUMN_SPECS: readonly ColumnSpec[] = [
  // "INV-2026-0001" whole in monospace: the key is what people say and search by.
  { id: 'key', label: 'Key', width: 130, minWidth: 126, required: true },
  // 220 so the key, title, status, severity and assignee fit a 1024 px window beside the navigation.
  { id: 'title', label: 'Title', width: 220, minWidth: 140, flexible: true, required: true },
  // The status and severity say what to pick up next: the title shrinks before they step aside, and
  // they are the last to go. Their minimums hold "In progress" and "Critical" whole.
  { id: 'status', label: 'Status', width: 120, minWidth: 116, fitOrder: 1, keep: true },
  { id: 'severity', label: 'Severity', width: 96, minWidth: 92, fitOrder: 2, keep: true },
  { id: 'assignee', label: 'Assignee', width: 180, minWidth: 120, fitOrder: 3 },
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
