// Settings → API tokens: the list's column widths, and the table's floor taken from them (so a
// column made wider cannot leave the floor behind). An administrator sees the owner under the
// name, and expiry and last use share a column, so the list fits a settings panel at 800 px.
import { leastWidth, type ColumnSpec } from '../../kit/table-columns';

export const API_TOKEN_COLUMN_SPECS: readonly ColumnSpec[] = [
  // The name takes what the others leave; 120 px at least, so it never squeezes to nothing.
  { id: 'name', label: 'Name', width: 120, minWidth: 120, flexible: true, required: true },
  { id: 'role', label: 'Role', width: 100, minWidth: 100, required: true },
  // Two short lines: "Never expires" over "Used 2026-12-04".
  { id: 'dates', label: 'Expires · used', width: 120, minWidth: 120, required: true },
  { id: 'status', label: 'Status', width: 84, minWidth: 84, required: true },
  { id: 'actions', label: 'Actions', width: 92, minWidth: 92, required: true },
];

/** The table's min-width: every column whole (api-tokens.css reads it as --api-tokens-table-min-width). */
export const API_TOKENS_TABLE_MIN_WIDTH = leastWidth(API_TOKEN_COLUMN_SPECS);

/** A fixed column's CSS width; the flexible name has none (it takes the rest). */
export function apiTokenColumnWidth(id: string): string | undefined {
  const spec = API_TOKEN_COLUMN_SPECS.find((candidate) => candidate.id === id);
  return !spec || spec.flexible ? undefined : `${spec.width}px`;
}
