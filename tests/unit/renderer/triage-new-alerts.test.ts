// Alerts that reach the queue while the analyst reads it are held back (no row slips in under the
// pointer) and counted; Show places each where the queue's order puts it. A reread that finds new
// alerts above held rows must not take the rows they push out of a page's fetch for rows that left.
import { describe, expect, it } from 'vitest';
import type { AlertPage, AlertRow } from '../../../src-shared/model';
import { appendPage, emptyWindow, heldRows, nextPageToLoad, type AlertWindow } from '../../../src-renderer/features/triage/alert-window';
import { refreshHeldRows } from '../../../src-renderer/features/triage/live-refresh';
import {
  findNewAlerts, mergeNewAlerts, newAlertsNotice, stillHeldBack, type RereadPage,
} from '../../../src-renderer/features/triage/new-alerts';

const PAGE = 4;

function alert(id: string, occurredAt: number): AlertRow {
  return {
    id, source: 's', rule: null, title: id, severity: 'low', status: 'new', occurredAt, lastSeenAt: 0, occurrences: 1,
    primaryEntity: null, investigationId: null, assignee: null,
  };
}

/** A tiny main: the queue newest first, paged by keyset like alerts.list. */
class Queue {
  rows: AlertRow[];
  constructor(count: number) {
    this.rows = Array.from({ length: count }, (_, i) => alert(`a${i}`, 1000 - i));
  }
  add(id: string, occurredAt: number) {
    this.rows = [...this.rows, alert(id, occurredAt)].sort((x, y) => y.occurredAt - x.occurredAt);
  }
  remove(id: string) {
    this.rows = this.rows.filter((row) => row.id !== id);
  }
  fetch(after: AlertPage['next'] | null, limit = PAGE): AlertPage {
    const start = after ? this.rows.findIndex((row) => row.occurredAt < after.occurredAt) : 0;
    const rows = start < 0 ? [] : this.rows.slice(start, start + limit);
    const last = rows[rows.length - 1];
    const more = start >= 0 && start + rows.length < this.rows.length;
    return { rows, next: more && last ? { occurredAt: last.occurredAt, id: last.id } : null, masked: false };
  }
  /** Loads `pages` pages into a fresh window, as the store does on scrolling. */
  load(pages: number): AlertWindow {
    let window = emptyWindow(PAGE, 5);
    for (let i = 0; i < pages; i += 1) {
      const wanted = nextPageToLoad(window);
      if (!wanted) break;
      const page = this.fetch(wanted.after);
      window = appendPage(window, wanted.index, page.rows, page.next).window;
    }
    return window;
  }
  /** What a live reread gets: every held page again from its own cursor, a page more than it holds. */
  reread(window: AlertWindow): RereadPage[] {
    return window.pages.map((held, i) => {
      const index = window.firstPage + i;
      const page = this.fetch(window.cursors[index] ?? null, held.length + PAGE);
      return { index, rows: page.rows, next: page.next };
    });
  }
}

const ids = (rows: readonly AlertRow[]) => rows.map((row) => row.id);
const heldIds = (window: AlertWindow) => ids(heldRows(window));
const newIds = (window: AlertWindow, pages: RereadPage[]) => findNewAlerts(window, pages).map((held) => [held.row.id, held.beforeId]);

describe('finding the new alerts among the held rows', () => {
  it('holds back alerts newer than the first row, without taking the rows they push out of the first page for rows that left', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.add('n1', 1002);
    queue.add('n2', 1001);
    const pages = queue.reread(window);
    expect(newIds(window, pages)).toEqual([['n1', 'a0'], ['n2', 'a0']]);
    const refreshed = refreshHeldRows(window, new Set(), window, pages);
    expect(heldIds(refreshed.window)).toEqual(heldIds(window));
    expect([...refreshed.left]).toEqual([]);
  });

  it('places an alert that sorts inside a page before the held row it precedes', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.add('mid', 994.5);
    expect(newIds(window, queue.reread(window))).toEqual([['mid', 'a6']]);
  });

  it('finds an alert between two held pages through the second page\'s reread', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.add('gap', 996.5);
    expect(newIds(window, queue.reread(window))).toEqual([['gap', 'a4']]);
  });

  it('finds an alert in the last places of a page, before the held rows it pushed out', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.add('late', 997.5);
    queue.add('top', 1001);
    const pages = queue.reread(window);
    expect(newIds(window, pages)).toEqual([['top', 'a0'], ['late', 'a3']]);
    expect([...refreshHeldRows(window, new Set(), window, pages).left]).toEqual([]);
  });

  it('does not count the rows of the page not loaded yet, even when rows that left pull them into the last fetch', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.remove('a5');
    queue.remove('a6');
    const pages = queue.reread(window);
    expect(newIds(window, pages)).toEqual([]);
    expect([...refreshHeldRows(window, new Set(), window, pages).left]).toEqual(['a5', 'a6']);
  });

  it('counts alerts past the last row when the held rows reach the end of the queue (oldest-first lists, new rows at the bottom)', () => {
    const queue = new Queue(6);
    const window = queue.load(3);
    expect(window.atEnd).toBe(true);
    queue.add('end', 990);
    expect(newIds(window, queue.reread(window))).toEqual([['end', null]]);
  });

  it('sees an alert that left and one that arrived in the same reread', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.remove('a1');
    queue.add('n', 998.5);
    const pages = queue.reread(window);
    expect(newIds(window, pages)).toEqual([['n', 'a2']]);
    expect([...refreshHeldRows(window, new Set(), window, pages).left]).toEqual(['a1']);
  });

  it('finds a flood of new alerts a fetch at a time, each Show placing what was found', () => {
    const queue = new Queue(20);
    let window = queue.load(2);
    for (let i = 0; i < 12; i += 1) queue.add(`n${i}`, 2000 - i);
    const first = findNewAlerts(window, queue.reread(window));
    expect(first.map((held) => held.row.id)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    window = mergeNewAlerts(window, first).window;
    expect(findNewAlerts(window, queue.reread(window)).map((held) => [held.row.id, held.beforeId])).toEqual([['n8', 'a0'], ['n9', 'a0'], ['n10', 'a0'], ['n11', 'a0']]);
  });

  it('counts an alert once when two pages\' rereads hold it', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.remove('a2');
    queue.remove('a3');
    queue.add('n', 996.5);
    expect(newIds(window, queue.reread(window))).toEqual([['n', 'a4']]);
  });
});

describe('showing the held-back alerts', () => {
  it('puts each where the queue has it, moves the later pages\' positions, and names the first to focus', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.add('top', 1001);
    queue.add('mid', 994.5);
    const merged = mergeNewAlerts(window, findNewAlerts(window, queue.reread(window)));
    expect(heldIds(merged.window)).toEqual(ids(queue.rows.slice(0, 10)));
    expect(merged.firstId).toBe('top');
    expect(merged.window.pageStarts).toEqual([0, 5, 10]);
    // The next page still starts after the last row that was held.
    expect(queue.fetch(merged.window.cursors[2] ?? null).rows[0]?.id).toBe('a8');
  });

  it('appends alerts past the end of a queue held to its end', () => {
    const queue = new Queue(6);
    const window = queue.load(3);
    queue.add('end', 990);
    expect(heldIds(mergeNewAlerts(window, findNewAlerts(window, queue.reread(window))).window)).toEqual(ids(queue.rows));
  });

  it('leaves out an alert whose place is no longer held, and one a page loaded meanwhile brought', () => {
    const queue = new Queue(20);
    const window = queue.load(2);
    queue.add('top', 1001);
    queue.add('mid', 994.5);
    const heldBack = findNewAlerts(window, queue.reread(window));
    const withoutPlace = { ...window, pages: window.pages.slice(1), firstPage: 1 };
    expect(mergeNewAlerts(withoutPlace, heldBack).firstId).toBe('mid');
    const broughtIn = { ...window, pages: [[heldBack[0]!.row, ...window.pages[0]!], window.pages[1]!] };
    expect(stillHeldBack(heldBack, broughtIn).map((held) => held.row.id)).toEqual(['mid']);
  });
});

describe('the notice', () => {
  it('counts in words', () => {
    expect(newAlertsNotice(1)).toBe('1 new alert — Show');
    expect(newAlertsNotice(1200)).toBe(`${(1200).toLocaleString()} new alerts — Show`);
  });
});
