// Which alerts the analyst has picked: rows by id (click, shift-click range, ctrl/cmd-click, space),
// or "every alert matching the filter", which main resolves itself so a million rows never cross
// the boundary. Pure.
import type { AlertRow } from '../../../src-shared/model';

export type Selection =
  | { kind: 'ids'; ids: ReadonlySet<string>; /** The row a shift-click range starts from. */ anchorId: string | null }
  | { kind: 'all'; expectedCount: number };

export const NO_SELECTION: Selection = { kind: 'ids', ids: new Set(), anchorId: null };

export interface ClickModifiers {
  shift: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle: boolean;
}

/** A click on a row of `rows` (the held rows, in queue order). */
export function clickRow(selection: Selection, rows: readonly AlertRow[], rowId: string, modifiers: ClickModifiers): Selection {
  const current = selection.kind === 'ids' ? selection : NO_SELECTION;
  if (modifiers.shift && current.kind === 'ids' && current.anchorId) {
    const from = rows.findIndex((row) => row.id === current.anchorId);
    const to = rows.findIndex((row) => row.id === rowId);
    if (from >= 0 && to >= 0) {
      const [low, high] = from <= to ? [from, to] : [to, from];
      const ids = new Set(modifiers.toggle ? current.ids : []);
      for (const row of rows.slice(low, high + 1)) ids.add(row.id);
      return { kind: 'ids', ids, anchorId: current.anchorId };
    }
  }
  if (modifiers.toggle) return toggleRow(current, rowId);
  return { kind: 'ids', ids: new Set([rowId]), anchorId: rowId };
}

/** Space or x, or ctrl-click: flips one row and makes it the anchor. */
export function toggleRow(selection: Selection, rowId: string): Selection {
  const ids = new Set(selection.kind === 'ids' ? selection.ids : []);
  if (ids.has(rowId)) ids.delete(rowId);
  else ids.add(rowId);
  return { kind: 'ids', ids, anchorId: rowId };
}

export function selectAllMatching(expectedCount: number): Selection {
  return { kind: 'all', expectedCount };
}

export function selectionSize(selection: Selection): number {
  return selection.kind === 'all' ? selection.expectedCount : selection.ids.size;
}

export function isSelected(selection: Selection, rowId: string): boolean {
  return selection.kind === 'all' || selection.ids.has(rowId);
}

/** The contract's alertSelection for a bulk call; null when nothing is picked. */
export function selectionInput<Filter>(selection: Selection, filter: Filter): { ids: string[] } | { filter: Filter; expectedCount: number } | null {
  if (selection.kind === 'all') return { filter, expectedCount: selection.expectedCount };
  return selection.ids.size > 0 ? { ids: [...selection.ids] } : null;
}

/**
 * What a single-key verdict applies to: the selection when there is one, else the focused row.
 * The focused row is then the one to move on from.
 */
export function verdictTarget<Filter>(selection: Selection, filter: Filter, focusedId: string | null): { ids: string[] } | { filter: Filter; expectedCount: number } | null {
  return selectionInput(selection, filter) ?? (focusedId ? { ids: [focusedId] } : null);
}

/**
 * Whether a verdict should move on to the next row afterwards: when it applied to the focused row
 * alone (nothing picked, or only that row picked by a plain click).
 */
export function advancesAfterVerdict(selection: Selection, focusedId: string | null): boolean {
  if (selection.kind === 'all') return false;
  return selection.ids.size === 0 || (selection.ids.size === 1 && focusedId !== null && selection.ids.has(focusedId));
}
