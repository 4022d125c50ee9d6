// Another window changed alerts (data.changed 'alerts'): the queue rereads the pages it holds, from
// the same cursors, and refreshes its rows in place. Rows are never added or removed under the
// analyst's eye: the table keeps its length, scroll, focus and picks. A held row the filter no longer
// matches (acknowledged elsewhere) stays, greyed as "no longer matches", until the next explicit
// reload; removing it would move every row below it under the pointer, and the analyst would lose
// the row they were about to act on. Alerts that arrived since are held back (new-alerts.ts): a
// notice counts them and Show places them. Pure: the store feeds it pages.
import type { AlertRow } from '../../../src-shared/model';
import { heldRows, type AlertWindow } from './alert-window';
import type { RereadPage } from './new-alerts';

export interface HeldRefresh {
  window: AlertWindow;
  /** Held rows the filter no longer matches. */
  left: ReadonlySet<string>;
}

/**
 * `readWindow` is the window as it was when the reread started and `pages` what its pages hold now.
 * Rows held since (a page loaded meanwhile) keep what they had, and their "left" mark. A held row
 * missing from the reread has left only if a fetch passed its place: new alerts sorting above it
 * push it out of its page's fetch (limited to a page of rows) without it having gone anywhere.
 */
export function refreshHeldRows(
  window: AlertWindow,
  previousLeft: ReadonlySet<string>,
  readWindow: AlertWindow,
  pages: readonly RereadPage[],
): HeldRefresh {
  const read = heldRows(readWindow);
  const fresh = pages.flatMap((page) => page.rows);
  const freshById = new Map(fresh.map((row) => [row.id, row]));
  const reread = new Set(read.map((row) => row.id));
  const passed = placesPassed(readWindow, pages);
  const left = new Set([...previousLeft].filter((id) => !reread.has(id)));
  read.forEach((row, at) => {
    if (!freshById.has(row.id) && passed(at)) left.add(row.id);
  });
  return { window: { ...window, pages: window.pages.map((page) => page.map((row) => freshById.get(row.id) ?? row)) }, left };
}

/** Whether some fetch of the reread went past held position `at` (from a page at or above it). */
function placesPassed(readWindow: AlertWindow, pages: readonly RereadPage[]): (at: number) => boolean {
  const position = new Map(heldRows(readWindow).map((row, index) => [row.id, index]));
  const reaches = pages.map((page) => {
    const start = readWindow.pages.slice(0, page.index - readWindow.firstPage).reduce((sum, rows) => sum + rows.length, 0);
    const end = page.next === null ? Infinity : Math.max(-1, ...page.rows.map((row) => position.get(row.id) ?? -1));
    return { start, end };
  });
  return (at) => reaches.some(({ start, end }) => start <= at && at < end);
}

/** At most this many rows that left are read one by one to show their new status; a bigger change stays greyed. */
export const MAX_LEFT_ROWS_READ = 25;

/**
 * Rows that just left the filter and still show a status it asks for: their new status is worth a
 * read (alerts.get). A row this window changed itself already shows its new status, so is skipped.
 */
export function leftRowsToRead(refreshed: HeldRefresh, previousLeft: ReadonlySet<string>, statuses: readonly AlertRow['status'][] | undefined): string[] {
  const stale = heldRowsById(refreshed.window);
  const ids = [...refreshed.left].filter((id) => {
    const row = stale.get(id);
    return !previousLeft.has(id) && row !== undefined && (!statuses || statuses.includes(row.status));
  });
  return ids.length <= MAX_LEFT_ROWS_READ ? ids : [];
}

function heldRowsById(window: AlertWindow): Map<string, AlertRow> {
  return new Map(window.pages.flat().map((row) => [row.id, row]));
}

/** Whether a row is one that left the filter, for the table's greyed style. */
export function leftRowClass(left: ReadonlySet<string>, row: AlertRow): string | undefined {
  return left.has(row.id) ? 'triage-row--left' : undefined;
}
