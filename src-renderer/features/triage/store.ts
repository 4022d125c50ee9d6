// The triage queue: filter and order, the held window of keyset pages, the total, the selection,
// the focused row, and verdicts. Reads are numbered so an answer for an older filter is dropped.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { AlertPage, AlertRow, AlertStatus } from '../../../src-shared/model';
import type { AlertSort } from '../../../src-shared/my-work-contract';
import type { BulkResult, DismissReason, InvestigationDetail } from '../../../src-shared/workspace-model';
import { createSlotLoader, errorText, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import {
  appendPage, emptyWindow, heldRows, nextPageToLoad, patchRows, prependPage, previousPageToLoad, type AlertWindow,
} from './alert-window';
import { NO_SELECTION, selectionInput, type Selection } from './selection';
import { leftRowsToRead, refreshHeldRows } from './live-refresh';
import { findNewAlerts, mergeNewAlerts, stillHeldBack, type HeldBackAlert } from './new-alerts';
import { whenDataChanges } from '../../kit/live-data';

export type AlertFilter = ChannelInput<'alerts.count'>;
export type AlertOrder = 'newest' | 'oldest';
export type AlertSelectionInput = ChannelInput<'alerts.bulk'>['selection'];
export type BulkAction = ChannelInput<'alerts.bulk'>['action'];
export type InvestigationDraft = ChannelInput<'alerts.promote'>['investigation'];

export const PAGE_SIZE = 200;
/** 5 × 200 = at most 1,000 rows held, wherever the analyst is in a million. */
export const MAX_PAGES = 5;
/** The contract's largest alerts.list page. */
const MAX_LIST_LIMIT = 500;

/** The queue as read for the current filter and order. */
export interface TriageQueue {
  window: AlertWindow;
  /** How many alerts match; null until counted. */
  total: number | null;
  /** Held rows another window's change took out of the filter: shown greyed until a reload (live-refresh.ts). */
  left: ReadonlySet<string>;
  /** Alerts a change elsewhere brought among the held rows, held back until Show (new-alerts.ts). */
  newAlerts: readonly HeldBackAlert[];
}

interface TriageStore {
  filter: AlertFilter;
  order: AlertOrder;
  /** The leading sort column (main serves each from an index; see ALERT_SORTS). */
  sort: AlertSort;
  queue: AsyncSlot<TriageQueue>;
  /** Bumped on every new filter or order: the table scrolls to the top. */
  generation: number;
  loadingMore: boolean;
  selection: Selection;
  focusedId: string | null;
  /** Open detail panel. */
  detailId: string | null;
  /** What the last verdict did, for the status line. */
  lastResult: string | null;
  setQuery(filter: AlertFilter, order: AlertOrder, sort?: AlertSort): Promise<void>;
  reload(): Promise<void>;
  /** Rereads the held pages and the count in place, keeping scroll, focus and picks (another window changed alerts). */
  refreshInPlace(): Promise<void>;
  /** Places the held-back new alerts in the list and focuses the first; returns its id. */
  showNewAlerts(): string | null;
  loadNext(): Promise<void>;
  loadPrevious(): Promise<void>;
  setSelection(selection: Selection): void;
  focus(id: string | null): void;
  /** Moves focus by `step` held rows; returns the new focused id. */
  moveFocus(step: number): string | null;
  openDetail(id: string | null): void;
  /** Opens the held row after `id` that still matches the filter (the detail's "Next alert"); closes the panel when none is left. */
  openNextAfter(id: string): string | null;
  bulk(selection: AlertSelectionInput, action: BulkAction): Promise<BulkResult>;
  promote(selection: AlertSelectionInput, investigation: InvestigationDraft): Promise<InvestigationDetail>;
  merge(selection: AlertSelectionInput, investigationId: string, investigationKey: string): Promise<BulkResult>;
  /** A verdict the screen ran failed: its words go in the queue's error banner. */
  reportFailure(error: unknown): void;
  reset(): void;
}

const EMPTY_QUEUE: TriageQueue = { window: emptyWindow(PAGE_SIZE, MAX_PAGES), total: null, left: new Set(), newAlerts: [] };

const initial = {
  filter: {} as AlertFilter, order: 'newest' as AlertOrder, sort: 'occurred' as AlertSort, queue: idleSlot(EMPTY_QUEUE), generation: 0,
  loadingMore: false, selection: NO_SELECTION, focusedId: null, detailId: null, lastResult: null,
};

const STATUS_AFTER: Partial<Record<BulkAction['kind'], AlertStatus>> = { dismiss: 'dismissed', acknowledge: 'acknowledged', reopen: 'new' };

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export function describeBulk(kind: string, result: BulkResult): string {
  const unchanged = result.unchanged > 0 ? ` (${plural(result.unchanged, 'was', 'were')} already so)` : '';
  // Four eyes: alerts about the user's own security incident were left for another administrator.
  const own = result.ownIncidents ? ` ${plural(result.ownIncidents, 'alert about you was', 'alerts about you were')} left for another administrator.` : '';
  return `${kind}: ${plural(result.affected, 'alert', 'alerts')} changed${unchanged}.${own}`;
}

export const useTriageStore = create<TriageStore>()((set, get) => {
  // A new filter or order supersedes the read before it and every page or count that follows it.
  const queue = createSlotLoader(EMPTY_QUEUE, () => get().queue, (slot) => set({ queue: slot }));
  let pageInFlight = false;
  const changeQueue = (change: Partial<TriageQueue>) => {
    const held = get().queue;
    set({ queue: { ...held, data: { ...held.data, ...change } } });
  };

  const fetchPage = (after: AlertPage['next'], limit = PAGE_SIZE) =>
    api.invoke('alerts.list', { ...get().filter, order: get().order, sort: get().sort, limit, after: after ?? undefined });

  /** After a verdict on picked rows, show the new state in place; after "all matching", read again. */
  const applyLocally = (selection: AlertSelectionInput, patch: (row: AlertRow) => AlertRow) => {
    if ('ids' in selection) {
      const ids = new Set(selection.ids);
      changeQueue({ window: patchRows(get().queue.data.window, (row) => (ids.has(row.id) ? patch(row) : row)) });
      void refreshCount();
    } else {
      void get().reload();
    }
  };

  type WantedPage = NonNullable<ReturnType<typeof nextPageToLoad>>;

  /** Reads the page next to the held window (before or after it) and places it with `place`. */
  const loadNeighbour = async (
    wanted: WantedPage | null,
    place: (window: AlertWindow, wanted: WantedPage, page: AlertPage) => AlertWindow,
  ) => {
    if (!wanted || pageInFlight || get().queue.status !== 'ready') return;
    const current = queue.follow();
    pageInFlight = true;
    set({ loadingMore: true });
    try {
      const page = await fetchPage(wanted.after);
      if (!current()) return;
      const window = place(get().queue.data.window, wanted, page);
      changeQueue({ window, newAlerts: stillHeldBack(get().queue.data.newAlerts, window) });
    } catch (error) {
      if (current()) set({ queue: { ...get().queue, error: errorText(error) } });
    } finally {
      if (current()) {
        pageInFlight = false;
        set({ loadingMore: false });
      }
    }
  };

  const refreshCount = async () => {
    const current = queue.follow();
    try {
      const { count } = await api.invoke('alerts.count', get().filter);
      if (current()) changeQueue({ total: count });
    } catch {
      // The count line keeps its previous value; the list itself is still right.
    }
  };

  return {
    ...initial,

    async setQuery(filter, order, sort = get().sort) {
      set({ filter, order, sort, lastResult: null });
      await get().reload();
    },

    async reload() {
      pageInFlight = true;
      set({ generation: get().generation + 1, selection: NO_SELECTION, loadingMore: false });
      const { filter } = get();
      const read = await queue.load(async () => {
        const mine = queue.follow();
        try {
          const [page, count] = await Promise.all([fetchPage(null), api.invoke('alerts.count', filter)]);
          return { ...EMPTY_QUEUE, window: appendPage(EMPTY_QUEUE.window, 0, page.rows, page.next).window, total: count.count };
        } finally {
          if (mine()) pageInFlight = false;
        }
      });
      if (!read) return;
      const rows = heldRows(get().queue.data.window);
      const focusedId = get().focusedId;
      const stillHeld = rows.some((row) => row.id === focusedId);
      set({ focusedId: stillHeld ? focusedId : (rows[0]?.id ?? null) });
    },

    async refreshInPlace() {
      const held = get().queue;
      // A read on its way is fresh already; an empty queue has no place to keep, so it simply reads again.
      if (held.status !== 'ready') return;
      const { window } = held.data;
      const read = heldRows(window);
      if (read.length === 0) return get().reload();
      const current = queue.follow();
      try {
        const [pages, count] = await Promise.all([
          // A page more than each holds, so new alerts above its rows do not push them out of reach (new-alerts.ts).
          Promise.all(window.pages.map(async (rows, i) => {
            const index = window.firstPage + i;
            const page = await fetchPage(window.cursors[index] ?? null, Math.min(MAX_LIST_LIMIT, rows.length + PAGE_SIZE));
            return { index, rows: page.rows, next: page.next };
          })),
          api.invoke('alerts.count', get().filter),
        ]);
        if (!current()) return;
        const now = get().queue.data;
        const refreshed = refreshHeldRows(now.window, now.left, window, pages);
        const newAlerts = stillHeldBack(findNewAlerts(window, pages), now.window);
        changeQueue({ window: refreshed.window, left: refreshed.left, total: count.count, newAlerts });
        // Those that left show their new status (acknowledged elsewhere), not the one they left with.
        const details = await Promise.all(leftRowsToRead(refreshed, now.left, get().filter.status).map((alertId) => api.invoke('alerts.get', { alertId })));
        if (!current() || details.length === 0) return;
        const byId = new Map(details.map((detail) => [detail.id, detail]));
        changeQueue({ window: patchRows(get().queue.data.window, (row) => {
          const detail = byId.get(row.id);
          return detail ? { ...row, status: detail.status, investigationId: detail.investigationId } : row;
        }) });
      } catch {
        // The rows shown stay as they were; the next change or Reload reads them again.
      }
    },

    showNewAlerts() {
      const { window, newAlerts } = get().queue.data;
      if (newAlerts.length === 0) return null;
      const merged = mergeNewAlerts(window, newAlerts);
      changeQueue({ window: merged.window, newAlerts: [] });
      if (merged.firstId) set({ focusedId: merged.firstId });
      return merged.firstId;
    },

    async loadNext() {
      await loadNeighbour(nextPageToLoad(get().queue.data.window), (window, wanted, page) => appendPage(window, wanted.index, page.rows, page.next).window);
    },

    async loadPrevious() {
      await loadNeighbour(previousPageToLoad(get().queue.data.window), (window, wanted, page) => prependPage(window, wanted.index, page.rows).window);
    },

    setSelection(selection) {
      set({ selection });
    },

    focus(id) {
      set({ focusedId: id });
    },

    moveFocus(step) {
      const rows = heldRows(get().queue.data.window);
      if (rows.length === 0) return null;
      const index = rows.findIndex((row) => row.id === get().focusedId);
      const target = index < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, index + step));
      const id = rows[target]?.id ?? null;
      set({ focusedId: id, detailId: get().detailId && id ? id : get().detailId });
      return id;
    },

    openDetail(id) {
      set({ detailId: id, focusedId: id ?? get().focusedId });
    },

    openNextAfter(id) {
      const { queue: { data: { window, left } }, filter } = get();
      const rows = heldRows(window);
      // Rows changed here show their new status before main's announcement marks them as left.
      const matches = (row: AlertRow) => !left.has(row.id) && (!filter.status || filter.status.includes(row.status));
      const next = rows.slice(rows.findIndex((row) => row.id === id) + 1).find(matches)?.id ?? null;
      set({ detailId: next, focusedId: next ?? get().focusedId });
      return next;
    },

    async bulk(selection, action) {
      // A success line describes the last action only: the next one clears it (TriagePage also times it out).
      set({ lastResult: null });
      const result = await api.invoke('alerts.bulk', { selection, action });
      const status = STATUS_AFTER[action.kind];
      if (status) applyLocally(selection, (row) => ({ ...row, status }));
      else void refreshCount();
      const names: Record<BulkAction['kind'], string> = { dismiss: 'Dismissed', acknowledge: 'Acknowledged', reopen: 'Reopened', assign: 'Assigned' };
      set({ lastResult: describeBulk(names[action.kind], result), selection: NO_SELECTION });
      return result;
    },

    async promote(selection, investigation) {
      set({ lastResult: null });
      const detail = await api.invoke('alerts.promote', { selection, investigation });
      applyLocally(selection, (row) => ({ ...row, status: 'promoted', investigationId: detail.id }));
      set({ lastResult: `Promoted to ${detail.key}.`, selection: NO_SELECTION });
      return detail;
    },

    async merge(selection, investigationId, investigationKey) {
      set({ lastResult: null });
      const result = await api.invoke('alerts.merge', { selection, investigationId });
      applyLocally(selection, (row) => ({ ...row, status: 'promoted', investigationId }));
      set({ lastResult: describeBulk(`Added to ${investigationKey}`, result), selection: NO_SELECTION });
      return result;
    },

    reportFailure(error) {
      set({ lastResult: null, queue: { ...get().queue, error: errorText(error) } });
    },

    reset() {
      queue.cancel();
      pageInFlight = false;
      set(initial);
    },
  };
});

registerSessionStore('triage', useTriageStore, () => useTriageStore.getState().reset());
whenDataChanges('alerts', () => useTriageStore.getState().refreshInPlace());

/** The contract selection for the current picks (or the focused row when nothing is picked). */
export function currentTarget(): AlertSelectionInput | null {
  const { selection, filter, focusedId } = useTriageStore.getState();
  return selectionInput(selection, filter) ?? (focusedId ? { ids: [focusedId] } : null);
}

export type { DismissReason };
