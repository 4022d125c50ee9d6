// The triage queue's rows in memory: a bounded run of keyset pages out of a queue that may hold a
// million alerts. Keyset paging only moves forward, so the cursor that starts every page seen so far
// is kept (a few bytes each); dropped pages can then be fetched again when the user scrolls back.
// Pure: the store feeds it pages, the table asks it what to draw.
import type { AlertPage, AlertRow } from '../../../src-shared/model';

/** Main's cursor, kept as given (a sorted queue's carries the last row's rank too). */
export type PageCursor = NonNullable<AlertPage['next']>;

export interface AlertWindow {
  /** Rows kept in memory at most: maxPages × pageSize. */
  pageSize: number;
  maxPages: number;
  /** cursors[i] fetches page i (`after`); null for the first page. Known for every page reached so far. */
  cursors: (PageCursor | null)[];
  /** Queue position of each reached page's first row. */
  pageStarts: number[];
  /** Index of the first page held in `pages`. */
  firstPage: number;
  /** Loaded pages, contiguous from firstPage. */
  pages: AlertRow[][];
  /** The last loaded page is the queue's last. */
  atEnd: boolean;
}

export function emptyWindow(pageSize: number, maxPages: number): AlertWindow {
  return { pageSize, maxPages, cursors: [null], pageStarts: [0], firstPage: 0, pages: [], atEnd: false };
}

/** The shift the table must apply to its scroll position to keep the same rows under the eye. */
export interface WindowChange {
  window: AlertWindow;
  /** Rows added (+) or removed (−) above the first row that was held before. */
  rowsShiftedAbove: number;
}

export function lastPageIndex(window: AlertWindow): number {
  return window.firstPage + window.pages.length - 1;
}

/** The page after the loaded run, or null when there is none to fetch. */
export function nextPageToLoad(window: AlertWindow): { index: number; after: PageCursor | null } | null {
  if (window.atEnd) return null;
  const index = window.pages.length === 0 ? window.firstPage : lastPageIndex(window) + 1;
  const after = window.cursors[index];
  return after === undefined ? null : { index, after };
}

/** The page before the loaded run (after scrolling back past dropped pages), or null. */
export function previousPageToLoad(window: AlertWindow): { index: number; after: PageCursor | null } | null {
  if (window.firstPage === 0 || window.pages.length === 0) return null;
  const index = window.firstPage - 1;
  const after = window.cursors[index];
  return after === undefined ? null : { index, after };
}

/** Adds a page at the end; past maxPages the first page is dropped. */
export function appendPage(window: AlertWindow, index: number, rows: AlertRow[], next: PageCursor | null): WindowChange {
  if (index !== (window.pages.length === 0 ? window.firstPage : lastPageIndex(window) + 1)) return { window, rowsShiftedAbove: 0 };
  const cursors = window.cursors.slice();
  const pageStarts = window.pageStarts.slice();
  if (next) {
    cursors[index + 1] = next;
    pageStarts[index + 1] = (pageStarts[index] ?? 0) + rows.length;
  }
  let pages = [...window.pages, rows];
  let firstPage = window.firstPage;
  let rowsShiftedAbove = 0;
  if (pages.length > window.maxPages) {
    rowsShiftedAbove = -(pages[0]?.length ?? 0);
    pages = pages.slice(1);
    firstPage += 1;
  }
  return { window: { ...window, cursors, pageStarts, pages, firstPage, atEnd: next === null }, rowsShiftedAbove };
}

/** Adds a page at the start (scrolling back); past maxPages the last page is dropped. */
export function prependPage(window: AlertWindow, index: number, rows: AlertRow[]): WindowChange {
  if (index !== window.firstPage - 1) return { window, rowsShiftedAbove: 0 };
  let pages = [rows, ...window.pages];
  let atEnd = window.atEnd;
  if (pages.length > window.maxPages) {
    pages = pages.slice(0, -1);
    atEnd = false;
  }
  return { window: { ...window, pages, firstPage: index, atEnd }, rowsShiftedAbove: rows.length };
}

export function heldRows(window: AlertWindow): AlertRow[] {
  return window.pages.flat();
}

/** Queue position (0-based) of the first held row. */
export function firstHeldPosition(window: AlertWindow): number {
  return window.pageStarts[window.firstPage] ?? window.firstPage * window.pageSize;
}

export function hasBefore(window: AlertWindow): boolean {
  return window.firstPage > 0;
}

export function hasAfter(window: AlertWindow): boolean {
  return !window.atEnd;
}

/** Replaces held rows by id (after a verdict), leaving the paging untouched. */
export function patchRows(window: AlertWindow, patch: (row: AlertRow) => AlertRow): AlertWindow {
  return { ...window, pages: window.pages.map((page) => page.map(patch)) };
}
