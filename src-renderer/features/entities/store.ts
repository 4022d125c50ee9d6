// One entity: its detail (entities.get) and its alerts, paged by keyset like the triage queue.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { EntityDetail } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';
import { appendPage, emptyWindow, nextPageToLoad, prependPage, previousPageToLoad, type AlertWindow } from '../triage/alert-window';

const PAGE_SIZE = 100;
const MAX_PAGES = 5;

interface EntityStore {
  entityId: string | null;
  detail: EntityDetail | null;
  status: LoadStatus;
  error: string | null;
  alerts: AlertWindow;
  alertsStatus: LoadStatus;
  alertsError: string | null;
  load(entityId: string): Promise<void>;
  loadNext(): Promise<void>;
  loadPrevious(): Promise<void>;
  reset(): void;
}

const initial = {
  entityId: null, detail: null, status: 'idle' as LoadStatus, error: null, alerts: emptyWindow(PAGE_SIZE, MAX_PAGES), alertsStatus: 'idle' as LoadStatus,
  alertsError: null,
};

export const useEntityStore = create<EntityStore>()((set, get) => {
  let inFlight = false;
  const fetchPage = (entityId: string, after: { occurredAt: number; id: string } | null) =>
    api.invoke('alerts.list', { entityId, order: 'newest', limit: PAGE_SIZE, after: after ?? undefined });

  const loadPage = async (direction: 'next' | 'previous') => {
    const { entityId, alerts } = get();
    const wanted = direction === 'next' ? nextPageToLoad(alerts) : previousPageToLoad(alerts);
    if (!entityId || !wanted || inFlight) return;
    inFlight = true;
    try {
      const page = await fetchPage(entityId, wanted.after);
      if (get().entityId !== entityId) return;
      const change = direction === 'next' ? appendPage(get().alerts, wanted.index, page.rows, page.next) : prependPage(get().alerts, wanted.index, page.rows);
      set({ alerts: change.window, alertsStatus: 'ready' });
    } catch (error) {
      if (get().entityId === entityId) set({ alertsStatus: 'failed', alertsError: describeError(error).message });
    } finally {
      inFlight = false;
    }
  };

  return {
    ...initial,

    async load(entityId) {
      inFlight = false;
      set({ entityId, detail: null, status: 'loading', error: null, alerts: emptyWindow(PAGE_SIZE, MAX_PAGES), alertsStatus: 'loading', alertsError: null });
      const alerts = loadPage('next');
      try {
        const detail = await api.invoke('entities.get', { entityId });
        if (get().entityId === entityId) set({ detail, status: 'ready' });
      } catch (error) {
        if (get().entityId === entityId) set({ status: 'failed', error: describeError(error).message });
      }
      await alerts;
    },

    loadNext: () => loadPage('next'),
    loadPrevious: () => loadPage('previous'),

    reset() {
      inFlight = false;
      set(initial);
    },
  };
});

registerSessionStore('entity', useEntityStore, () => useEntityStore.getState().reset());
