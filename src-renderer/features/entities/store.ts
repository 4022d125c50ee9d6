// One entity: its detail (entities.get) and its alerts, paged by keyset like the triage queue.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { EntityDetail } from '../../../src-shared/workspace-model';
import { createSlotLoader, errorText, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { appendPage, emptyWindow, nextPageToLoad, prependPage, previousPageToLoad, type AlertWindow } from '../triage/alert-window';

const PAGE_SIZE = 100;
const MAX_PAGES = 5;

interface EntityStore {
  entityId: string | null;
  detail: AsyncSlot<EntityDetail | null>;
  alerts: AsyncSlot<AlertWindow>;
  load(entityId: string): Promise<void>;
  loadNext(): Promise<void>;
  loadPrevious(): Promise<void>;
  reset(): void;
}

const NO_ALERTS = emptyWindow(PAGE_SIZE, MAX_PAGES);
const initial = { entityId: null, detail: idleSlot<EntityDetail | null>(null), alerts: idleSlot(NO_ALERTS) };

export const useEntityStore = create<EntityStore>()((set, get) => {
  const detail = createSlotLoader<EntityDetail | null>(null, () => get().detail, (slot) => set({ detail: slot }));
  const alerts = createSlotLoader(NO_ALERTS, () => get().alerts, (slot) => set({ alerts: slot }));
  let inFlight = false;
  const fetchPage = (entityId: string, after: { occurredAt: number; id: string } | null) =>
    api.invoke('alerts.list', { entityId, order: 'newest', limit: PAGE_SIZE, after: after ?? undefined });

  /** The page before or after the held window, placed when it arrives for the same entity. */
  const loadPage = async (direction: 'next' | 'previous') => {
    const { entityId, alerts: held } = get();
    const wanted = direction === 'next' ? nextPageToLoad(held.data) : previousPageToLoad(held.data);
    if (!entityId || !wanted || inFlight) return;
    const current = alerts.follow();
    inFlight = true;
    try {
      const page = await fetchPage(entityId, wanted.after);
      if (!current()) return;
      const window = get().alerts.data;
      const change = direction === 'next' ? appendPage(window, wanted.index, page.rows, page.next) : prependPage(window, wanted.index, page.rows);
      set({ alerts: { status: 'ready', data: change.window, error: null } });
    } catch (error) {
      if (current()) set({ alerts: { ...get().alerts, status: 'failed', error: errorText(error) } });
    } finally {
      if (current()) inFlight = false;
    }
  };

  return {
    ...initial,

    async load(entityId) {
      set({ entityId });
      inFlight = false;
      // The first page of alerts reads like any slot; later pages follow it (loadPage).
      const firstAlerts = alerts.load(async () => {
        const mine = alerts.follow();
        inFlight = true;
        try {
          const page = await fetchPage(entityId, null);
          return appendPage(NO_ALERTS, 0, page.rows, page.next).window;
        } finally {
          // A newer entity's first page may be on its way: the flag is its now.
          if (mine()) inFlight = false;
        }
      });
      await Promise.all([detail.load(() => api.invoke('entities.get', { entityId })), firstAlerts]);
    },

    loadNext: () => loadPage('next'),
    loadPrevious: () => loadPage('previous'),

    reset() {
      inFlight = false;
      detail.cancel();
      alerts.cancel();
      set(initial);
    },
  };
});

registerSessionStore('entity', useEntityStore, () => useEntityStore.getState().reset());
