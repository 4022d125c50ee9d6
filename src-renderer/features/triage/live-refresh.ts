// Another window changed alerts (data.changed 'alerts'): the queue rereads the pages it holds, from
// the same cursors, and refreshes its rows in place. Rows are never added or removed under the
// analyst's eye: the table keeps its length, scroll, focus and picks. A held row the filter no longer
// matches (acknowledged elsewhere) stays, greyed as "no longer matches", until the next explicit
// reload; removing it would move every row below it under the pointer, and the analyst would lose
// the row they were about to act on. Alerts that arrived since are counted, not inserted: the count
// line says how many, and Reload brings them. Pure: the store feeds it pages.
import type { AlertRow } from '../../../src-shared/model';
import type { AlertWindow } from './alert-window';

export interface HeldRefresh {
  window: AlertWindow;
  /** Held rows the filter no longer matches. */
  left: ReadonlySet<string>;
}

/**
 * `read` is the held rows as they were when the reread started; `fresh` what the same pages hold now.
 * Rows held since (a page loaded meanwhile) keep what they had, and their "left" mark.
 */
export function refreshHeldRows(
  window: AlertWindow,
  previousLeft: ReadonlySet<string>,
  read: readonly AlertRow[],
  fresh: readonly AlertRow[],
): HeldRefresh {
  const freshById = new Map(fresh.map((row) => [row.id, row]));
  const reread = new Set(read.map((row) => row.id));
  const left = new Set([...previousLeft].filter((id) => !reread.has(id)));
  for (const id of reread) if (!freshById.has(id)) left.add(id);
  const pages = window.pages.map((page) => page.map((row) => freshById.get(row.id) ?? row));
  return { window: { ...window, pages }, left };
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
