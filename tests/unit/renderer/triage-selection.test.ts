// Multi-select in the triage queue: click, shift-click ranges, ctrl/cmd toggles, and "all N matching".
import { describe, expect, it } from 'vitest';
import type { AlertRow } from '../../../src-shared/model';
import {
  NO_SELECTION, advancesAfterVerdict, clickRow, isSelected, selectAllMatching, selectionInput, selectionSize, toggleRow, verdictTarget,
} from '../../../src-renderer/features/triage/selection';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }) as AlertRow);
const plain = { shift: false, toggle: false };
const ids = (selection: ReturnType<typeof clickRow>) => (selection.kind === 'ids' ? [...selection.ids].sort() : 'all');

describe('triage selection', () => {
  it('a plain click selects only that row', () => {
    const first = clickRow(NO_SELECTION, rows, 'b', plain);
    expect(ids(clickRow(first, rows, 'd', plain))).toEqual(['d']);
  });

  it('shift-click selects the range from the anchor, in either direction', () => {
    const anchored = clickRow(NO_SELECTION, rows, 'b', plain);
    expect(ids(clickRow(anchored, rows, 'd', { shift: true, toggle: false }))).toEqual(['b', 'c', 'd']);
    const backwards = clickRow(NO_SELECTION, rows, 'e', plain);
    expect(ids(clickRow(backwards, rows, 'c', { shift: true, toggle: false }))).toEqual(['c', 'd', 'e']);
  });

  it('ctrl/cmd-click adds and removes single rows without losing the rest', () => {
    let selection = clickRow(NO_SELECTION, rows, 'a', plain);
    selection = clickRow(selection, rows, 'c', { shift: false, toggle: true });
    expect(ids(selection)).toEqual(['a', 'c']);
    selection = clickRow(selection, rows, 'a', { shift: false, toggle: true });
    expect(ids(selection)).toEqual(['c']);
  });

  it('space toggles the focused row', () => {
    const once = toggleRow(NO_SELECTION, 'b');
    expect(ids(once)).toEqual(['b']);
    expect(ids(toggleRow(once, 'b'))).toEqual([]);
  });

  it('"all matching" becomes a filter with the count the analyst saw, not a list of ids', () => {
    const all = selectAllMatching(1_000_000);
    expect(selectionSize(all)).toBe(1_000_000);
    expect(isSelected(all, 'anything')).toBe(true);
    expect(selectionInput(all, { severity: ['high'] })).toEqual({ filter: { severity: ['high'] }, expectedCount: 1_000_000 });
  });

  it('a single-key verdict applies to the selection, else to the focused row', () => {
    const picked = clickRow(NO_SELECTION, rows, 'c', plain);
    expect(verdictTarget(picked, {}, 'a')).toEqual({ ids: ['c'] });
    expect(verdictTarget(NO_SELECTION, {}, 'a')).toEqual({ ids: ['a'] });
    expect(verdictTarget(NO_SELECTION, {}, null)).toBeNull();
  });
});

describe('moving on after a verdict', () => {
  it('moves to the next row when the verdict was on the focused row alone', () => {
    expect(advancesAfterVerdict(NO_SELECTION, 'a')).toBe(true);
    expect(advancesAfterVerdict(clickRow(NO_SELECTION, rows, 'a', plain), 'a')).toBe(true);
  });

  it('stays put after a verdict on several rows or on all matching', () => {
    const two = clickRow(clickRow(NO_SELECTION, rows, 'a', plain), rows, 'b', { shift: false, toggle: true });
    expect(advancesAfterVerdict(two, 'b')).toBe(false);
    expect(advancesAfterVerdict(selectAllMatching(10), 'a')).toBe(false);
  });
});
