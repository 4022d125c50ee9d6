// Ticking a case's alerts to remove them together: a box flips one row, shift ticks (or unticks) the
// range from the last box clicked, the header box takes every listed row or none, rows that leave
// the list leave the picks, and more than one removal may take is refused before it is asked.
import { describe, expect, it } from 'vitest';
import {
  NO_PICKS, keepListed, pickAll, pickAllState, pickRow, picksToRemove, type AlertPicks,
} from '../../../src-renderer/features/investigation/alert-picks';
import { MAX_UNLINKED_ALERTS } from '../../../src-shared/investigation-views-contract';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const ticked = (picks: AlertPicks) => [...picks.ids].sort();

describe('ticking a case\'s alerts', () => {
  it('a box flips its row and keeps the others', () => {
    let picks = pickRow(NO_PICKS, rows, 'b', false);
    picks = pickRow(picks, rows, 'd', false);
    expect(ticked(picks)).toEqual(['b', 'd']);
    expect(ticked(pickRow(picks, rows, 'b', false))).toEqual(['d']);
  });

  it('shift ticks the range from the last box clicked, in either direction', () => {
    const anchored = pickRow(NO_PICKS, rows, 'b', false);
    expect(ticked(pickRow(anchored, rows, 'd', true))).toEqual(['b', 'c', 'd']);
    const fromEnd = pickRow(NO_PICKS, rows, 'e', false);
    expect(ticked(pickRow(fromEnd, rows, 'c', true))).toEqual(['c', 'd', 'e']);
  });

  it('shift on a ticked box unticks the range, leaving the rows outside it', () => {
    let picks = pickAll(NO_PICKS, rows);
    picks = pickRow(picks, rows, 'b', false);
    expect(ticked(pickRow(picks, rows, 'd', true))).toEqual(['a', 'e']);
  });

  it('shift with no earlier click, or from a row no longer listed, flips the one row', () => {
    expect(ticked(pickRow(NO_PICKS, rows, 'c', true))).toEqual(['c']);
    const gone = { ids: new Set<string>(), anchorId: 'z' };
    expect(ticked(pickRow(gone, rows, 'c', true))).toEqual(['c']);
  });

  it('the header box ticks every listed row, then none; it shows mixed when some are ticked', () => {
    expect(pickAllState(NO_PICKS, rows)).toBe('none');
    const some = pickRow(NO_PICKS, rows, 'a', false);
    expect(pickAllState(some, rows)).toBe('some');
    const all = pickAll(some, rows);
    expect(ticked(all)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pickAllState(all, rows)).toBe('all');
    expect(ticked(pickAll(all, rows))).toEqual([]);
  });

  it('rows that left the list (removed, or gone after a refresh) leave the picks', () => {
    const picks = pickRow(pickRow(NO_PICKS, rows, 'a', false), rows, 'c', false);
    const left = keepListed(picks, rows.filter((row) => row.id !== 'c'));
    expect(ticked(left)).toEqual(['a']);
    expect(left.anchorId).toBeNull();
    expect(keepListed(picks, rows)).toBe(picks);
  });

  it('gives the ids in list order, and refuses more than one removal may take', () => {
    const picks = pickRow(pickRow(NO_PICKS, rows, 'd', false), rows, 'a', false);
    expect(picksToRemove(picks, rows)).toEqual({ ids: ['a', 'd'], tooMany: null });
    const many = Array.from({ length: MAX_UNLINKED_ALERTS + 1 }, (_, index) => ({ id: `r${index}` }));
    const refused = picksToRemove(pickAll(NO_PICKS, many), many);
    expect(refused.ids).toHaveLength(MAX_UNLINKED_ALERTS + 1);
    expect(refused.tooMany).toBe(`At most 500 alerts can be removed at a time; 501 are ticked.`);
  });
});
