// The triage queue holds a bounded run of keyset pages and can walk back to pages it dropped.
import { describe, expect, it } from 'vitest';
import type { AlertRow } from '../../../src-shared/model';
import {
  appendPage, emptyWindow, firstHeldPosition, hasAfter, hasBefore, heldRows, nextPageToLoad, prependPage,
  previousPageToLoad, type AlertWindow,
} from '../../../src-renderer/features/triage/alert-window';
import { nearEdges, scrollToReveal, visibleRange } from '../../../src-renderer/components/virtual-rows';

function rows(from: number, count: number): AlertRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `a${from + i}`, source: 's', rule: null, title: `Alert ${from + i}`, severity: 'low', status: 'new',
    occurredAt: 1_000_000 - (from + i), lastSeenAt: 0, occurrences: 1, primaryEntity: null, investigationId: null, assignee: null,
  }));
}
const cursorAfter = (page: AlertRow[]) => {
  const last = page[page.length - 1]!;
  return { occurredAt: last.occurredAt, id: last.id };
};

/** Loads pages 0..n-1 of a queue of `pageSize` rows each (never the last). */
function loadPages(window: AlertWindow, n: number): AlertWindow {
  let current = window;
  for (let i = 0; i < n; i += 1) {
    const next = nextPageToLoad(current)!;
    const page = rows(i * current.pageSize, current.pageSize);
    current = appendPage(current, next.index, page, cursorAfter(page)).window;
  }
  return current;
}

describe('alert window', () => {
  it('starts with the first page and asks for the page after the last one held', () => {
    const window = emptyWindow(100, 3);
    expect(nextPageToLoad(window)).toEqual({ index: 0, after: null });
    const loaded = loadPages(window, 1);
    expect(nextPageToLoad(loaded)).toEqual({ index: 1, after: { occurredAt: 1_000_000 - 99, id: 'a99' } });
    expect(hasBefore(loaded)).toBe(false);
  });

  it('keeps at most maxPages in memory however far the user scrolls (a million rows never pile up)', () => {
    const window = loadPages(emptyWindow(200, 4), 50);
    expect(window.pages).toHaveLength(4);
    expect(heldRows(window)).toHaveLength(800);
    expect(heldRows(window)[0]!.id).toBe('a9200');
    expect(firstHeldPosition(window)).toBe(9200);
    expect(hasBefore(window)).toBe(true);
  });

  it('tells the table how many rows vanished above, so it can keep the same rows under the eye', () => {
    const full = loadPages(emptyWindow(100, 2), 2);
    const next = nextPageToLoad(full)!;
    const change = appendPage(full, next.index, rows(200, 100), cursorAfter(rows(200, 100)));
    expect(change.rowsShiftedAbove).toBe(-100);
    expect(heldRows(change.window)[0]!.id).toBe('a100');
  });

  it('fetches a dropped page again with the cursor it was first read with, and drops the far end', () => {
    const window = loadPages(emptyWindow(100, 2), 5);
    const previous = previousPageToLoad(window)!;
    expect(previous.index).toBe(2);
    expect(previous.after).toEqual({ occurredAt: 1_000_000 - 199, id: 'a199' });
    const change = prependPage(window, previous.index, rows(200, 100));
    expect(change.rowsShiftedAbove).toBe(100);
    expect(heldRows(change.window).map((r) => r.id).slice(0, 1)).toEqual(['a200']);
    expect(change.window.pages).toHaveLength(2);
    expect(hasAfter(change.window)).toBe(true);
    expect(nextPageToLoad(change.window)!.index).toBe(4);
  });

  it('stops asking for pages at the end of the queue', () => {
    const window = loadPages(emptyWindow(100, 3), 1);
    const last = appendPage(window, 1, rows(100, 40), null).window;
    expect(nextPageToLoad(last)).toBeNull();
    expect(hasAfter(last)).toBe(false);
    expect(heldRows(last)).toHaveLength(140);
  });

  it('ignores a page that arrives for a position no longer next to the held run (a stale answer)', () => {
    const window = loadPages(emptyWindow(100, 3), 2);
    expect(appendPage(window, 7, rows(700, 100), null).window).toBe(window);
    expect(prependPage(window, 5, rows(500, 100)).window).toBe(window);
  });

  it('draws only the rows in view plus a little overscan', () => {
    expect(visibleRange(0, 320, 32, 0, 1000, 2)).toEqual({ start: 0, end: 12 });
    expect(visibleRange(3200, 320, 32, 0, 1000, 2)).toEqual({ start: 98, end: 112 });
    expect(visibleRange(3200 + 64, 320, 32, 64, 1000, 0)).toEqual({ start: 100, end: 110 });
    expect(visibleRange(1_000_000, 320, 32, 0, 50, 2)).toEqual({ start: 50, end: 50 });
  });

  it('says when the view is near either end of the held rows', () => {
    expect(nearEdges({ start: 0, end: 20 }, 1000, 50)).toEqual({ nearStart: true, nearEnd: false });
    expect(nearEdges({ start: 500, end: 960 }, 1000, 50)).toEqual({ nearStart: false, nearEnd: true });
  });

  it('scrolls just enough to bring the focused row into view', () => {
    expect(scrollToReveal(5, 0, 320, 32, 0)).toBeNull();
    expect(scrollToReveal(20, 0, 320, 32, 0)).toBe(21 * 32 - 320);
    expect(scrollToReveal(2, 200, 320, 32, 0)).toBe(64);
    expect(scrollToReveal(9, 0, 320, 32, 0, 32)).toBe(10 * 32 - 320 + 32);
  });
});
