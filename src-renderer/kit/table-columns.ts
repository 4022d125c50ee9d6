// A list's columns as its user chose them: which show, how wide, and which step aside so the rest
// stay readable in a narrow window. Pure, so the rules are tested without a screen; the choices are
// kept per user in main (tableColumns.get/save) by columns-store.ts.
import type { TableColumns } from '../../src-shared/my-work-contract';

export interface ColumnSpec {
  id: string;
  label: string;
  /** Width in px before the user drags it; at least what its longest usual value needs. */
  width: number;
  /** Narrowest the user may drag it (a time column's is its whole text: times are never cut). */
  minWidth: number;
  /** Takes a share of spare room (title-like text). */
  flexible?: boolean;
  /** Never hidden (the column that says what the row is). */
  required?: boolean;
  /** Which columns step aside first when the window is too narrow: the highest number goes first. */
  fitOrder?: number;
  /** Worth more than room for longer text: the flexible columns shrink to their minimum before this steps aside. */
  keep?: boolean;
}

export interface ColumnLayout {
  /** The columns shown, in order, each with its CSS grid track or width. */
  shown: { spec: ColumnSpec; px: number; track: string }[];
  /** Columns the user shows that stepped aside to fit the width. */
  fittedOut: ColumnSpec[];
}

export const MAX_COLUMN_WIDTH = 1200;

export function clampWidth(spec: ColumnSpec, px: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(spec.minWidth, px)));
}

/**
 * The columns to draw in `available` px: those the user has not hidden, at their chosen widths; while
 * they do not fit, the column with the highest fitOrder steps aside (required ones never do), so no
 * column is cut to unreadable and nothing scrolls sideways at 800 px.
 */
export function layoutColumns(specs: readonly ColumnSpec[], choices: TableColumns, available: number | null): ColumnLayout {
  const hidden = new Set(choices.hidden);
  let shown = specs
    .filter((spec) => spec.required || !hidden.has(spec.id))
    .map((spec) => ({ spec, px: clampWidth(spec, choices.widths[spec.id] ?? spec.width) }));
  const fittedOut: ColumnSpec[] = [];
  const total = () => shown.reduce((sum, column) => sum + column.px, 0);
  /** The width with every flexible column at its minimum. */
  const least = () => shown.reduce((sum, column) => sum + (column.spec.flexible ? Math.min(column.px, column.spec.minWidth) : column.px), 0);
  while (available !== null && total() > available) {
    const candidates = shown.filter((column) => !column.spec.required && column.spec.fitOrder !== undefined);
    const out = candidates.sort((a, b) => (b.spec.fitOrder ?? 0) - (a.spec.fitOrder ?? 0))[0];
    // At 800 px the status is worth more than a longer title: shrink the text columns instead.
    if (!out || (out.spec.keep && least() <= available)) break;
    fittedOut.push(out.spec);
    shown = shown.filter((column) => column !== out);
  }
  if (available !== null && total() > available) {
    shown = shown.map((column) => (column.spec.flexible ? { ...column, px: Math.min(column.px, column.spec.minWidth) } : column));
  }
  return {
    shown: shown.map(({ spec, px }) => ({ spec, px, track: spec.flexible ? `minmax(${px}px, 1fr)` : `${px}px` })),
    fittedOut,
  };
}

/**
 * The narrowest the columns fit in with each at its minimum: the floor of a table whose columns all
 * stay (below it the table scrolls inside its region rather than cut them).
 */
export function leastWidth(specs: readonly ColumnSpec[]): number {
  return specs.reduce((sum, spec) => sum + spec.minWidth, 0);
}

/** The choices after showing or hiding one column. */
export function toggleColumn(choices: TableColumns, id: string, show: boolean): TableColumns {
  const hidden = choices.hidden.filter((other) => other !== id);
  return { ...choices, hidden: show ? hidden : [...hidden, id] };
}

/** The choices after a column was dragged (or keyed) to `px`. */
export function resizeColumn(choices: TableColumns, spec: ColumnSpec, px: number): TableColumns {
  return { ...choices, widths: { ...choices.widths, [spec.id]: clampWidth(spec, px) } };
}
