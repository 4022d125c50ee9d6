// Alerts that reach the queue while the analyst reads it (an import elsewhere, an alert reopened
// elsewhere that matches the filter again) are held back rather than inserted: a row slipping in
// above would move every row below it under the pointer. The queue shows "N new alerts — Show";
// Show places them where the order puts them. Pure: the store feeds it the pages it reread.
//
// A live reread fetches each held page again from the cursor it started at (a page and more, so a few
// new rows do not push held ones out of reach), so a fetch holds the held rows of that stretch of the
// queue plus anything that now sorts among them. A row not held that comes before a held row of the
// same fetch sorts inside the held stretch: it is new, and goes just before that held row. A row after
// the last held row of its fetch is new if a held row sorts after it: one of the same page the fetch
// did not reach (so it sorts later), or any when the fetch reached the end of the queue. Past the
// last held row it is simply the next page, not loaded yet. A flood bigger than a fetch is found a
// fetch at a time: each Show places what was found, and the next reread finds the next stretch.
import type { AlertRow } from '../../../src-shared/model';
import { heldRows, type AlertWindow, type PageCursor } from './alert-window';

/** One held page read again: `index` is its page number in the window, `next` where the fetch stopped (null at the queue's end). */
export interface RereadPage {
  index: number;
  rows: readonly AlertRow[];
  next: PageCursor | null;
}

/** A new alert held back, and where Show puts it: before the held row `beforeId`, or at the very end (null). */
export interface HeldBackAlert {
  row: AlertRow;
  beforeId: string | null;
}

/** The new alerts the reread `pages` show among the held rows, in queue order. */
export function findNewAlerts(window: AlertWindow, pages: readonly RereadPage[]): HeldBackAlert[] {
  const held = heldRows(window);
  const position = new Map(held.map((row, index) => [row.id, index]));
  const found = new Map<string, HeldBackAlert>();
  const hold = (rows: readonly AlertRow[], beforeId: string | null) => {
    for (const row of rows) if (!found.has(row.id)) found.set(row.id, { row, beforeId });
  };
  for (const page of pages) {
    let waiting: AlertRow[] = [];
    let lastHeld = -1;
    for (const row of page.rows) {
      const at = position.get(row.id);
      if (at === undefined) {
        waiting.push(row);
        continue;
      }
      hold(waiting, row.id);
      waiting = [];
      lastHeld = Math.max(lastHeld, at);
    }
    if (waiting.length === 0) continue;
    const atQueueEnd = page.next === null;
    const lastPage = page.index === window.firstPage + window.pages.length - 1;
    // A fetch of the last held page with none of its rows may have read into the page not loaded
    // yet (its rows left); any other such fetch is all new rows above its page's first row.
    if (lastHeld < 0 && lastPage && !atQueueEnd) continue;
    const start = pageStart(window, page.index);
    const follower = held[lastHeld < 0 ? start : lastHeld + 1];
    if (follower && lastHeld >= 0 && !pushedOut(window, lastHeld)) {
      // The fetch stopped after the last row of its page with rows of the next page in hand: the
      // next held page's fetch places them.
      if (!atQueueEnd) continue;
    }
    if (follower) hold(waiting, follower.id);
    else if (atQueueEnd && window.atEnd) hold(waiting, null);
  }
  return [...found.values()];
}

/** Held position of page `index`'s first row. */
function pageStart(window: AlertWindow, index: number): number {
  return window.pages.slice(0, index - window.firstPage).reduce((sum, page) => sum + page.length, 0);
}

/** Whether the held row after position `at` is in the same page (so the fetch stopped before the page's end). */
function pushedOut(window: AlertWindow, at: number): boolean {
  let end = 0;
  for (const page of window.pages) {
    end += page.length;
    if (at < end) return at + 1 < end;
  }
  return false;
}

/** Drops held-back alerts the window now holds (a page loaded by scrolling brought them). */
export function stillHeldBack(heldBack: readonly HeldBackAlert[], window: AlertWindow): HeldBackAlert[] {
  const held = new Set(heldRows(window).map((row) => row.id));
  return heldBack.filter((alert) => !held.has(alert.row.id));
}

export interface MergedAlerts {
  window: AlertWindow;
  /** The first new row in queue order, to scroll to and focus; null when none could be placed. */
  firstId: string | null;
}

/**
 * Places the held-back alerts in the window, each before its held row. One whose place is no longer
 * held (its page was dropped by scrolling) is left out: it comes with its page.
 */
export function mergeNewAlerts(window: AlertWindow, heldBack: readonly HeldBackAlert[]): MergedAlerts {
  const waiting = stillHeldBack(heldBack, window);
  const before = new Map<string | null, AlertRow[]>();
  for (const { row, beforeId } of waiting) before.set(beforeId, [...(before.get(beforeId) ?? []), row]);
  const pageStarts = window.pageStarts.slice();
  let inserted = 0;
  const shift = (index: number) => {
    const start = pageStarts[index];
    if (start !== undefined) pageStarts[index] = start + inserted;
  };
  const pages = window.pages.map((page, offset) => {
    shift(window.firstPage + offset);
    const merged = page.flatMap((row) => [...(before.get(row.id) ?? []), row]);
    if (offset === window.pages.length - 1 && window.atEnd) merged.push(...(before.get(null) ?? []));
    inserted += merged.length - page.length;
    return merged;
  });
  // Positions of the pages past the held ones (reached before, dropped or not loaded) move down too.
  for (let index = window.firstPage + window.pages.length; index < pageStarts.length; index += 1) shift(index);
  const isNew = new Set(waiting.map((alert) => alert.row.id));
  const firstId = pages.flat().find((row) => isNew.has(row.id))?.id ?? null;
  return { window: { ...window, pages, pageStarts }, firstId };
}

/** The notice's words: "1 new alert — Show", "12 new alerts — Show". */
export function newAlertsNotice(count: number): string {
  return `${count.toLocaleString()} new ${count === 1 ? 'alert' : 'alerts'} — Show`;
}
