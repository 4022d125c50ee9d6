// The alert detail panel's data: the alert (alerts.get), its similar alerts (alerts.similar) and
// whether it still matches the queue's filter (alerts.matchesFilter), read together; an answer for an
// alert no longer open is dropped. The alert is read again when alerts change anywhere, and judged
// again when the queue's filter changes (AlertDetailPanel), so the panel shows its status now (and says when it left the filter).
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { AlertDetail, AlertFilterMatch, SimilarAlert } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { whenDataChanges } from '../../kit/live-data';
import { useTriageStore } from './store';

/** Main's judgement of one alert against the filter the queue had when it asked. */
export interface JudgedMatch {
  alertId: string;
  match: AlertFilterMatch;
}

interface AlertDetailStore {
  alertId: string | null;
  detail: AsyncSlot<AlertDetail | null>;
  similar: AsyncSlot<SimilarAlert[] | null>;
  filterMatch: AsyncSlot<JudgedMatch | null>;
  load(alertId: string): Promise<void>;
  /** Rereads the open alert quietly (a verdict here or elsewhere changed alerts): the panel stays as it is until the answer. */
  refresh(): Promise<void>;
  /** Asks again whether the open alert matches the queue's filter (the panel calls it when the filter changes). */
  judge(): Promise<void>;
  reset(): void;
}

const initial = {
  alertId: null, detail: idleSlot<AlertDetail | null>(null), similar: idleSlot<SimilarAlert[] | null>(null), filterMatch: idleSlot<JudgedMatch | null>(null),
};

export const useAlertDetailStore = create<AlertDetailStore>()((set, get) => {
  // Opening another alert starts new reads on every line, which supersede the previous alert's.
  const detail = createSlotLoader<AlertDetail | null>(null, () => get().detail, (slot) => set({ detail: slot }));
  const similar = createSlotLoader<SimilarAlert[] | null>(null, () => get().similar, (slot) => set({ similar: slot }));
  const filterMatch = createSlotLoader<JudgedMatch | null>(null, () => get().filterMatch, (slot) => set({ filterMatch: slot }));
  const judgeQuietly = (alertId: string, quiet: boolean) => filterMatch.load(async () => ({
    alertId, match: await api.invoke('alerts.matchesFilter', { alertId, filter: useTriageStore.getState().filter }),
  }), { quiet });

  return {
    ...initial,

    async load(alertId) {
      set({ alertId });
      await Promise.all([
        detail.load(() => api.invoke('alerts.get', { alertId })),
        similar.load(() => api.invoke('alerts.similar', { alertId, limit: 10 })),
        judgeQuietly(alertId, false),
      ]);
    },

    async refresh() {
      const { alertId, detail: held } = get();
      if (!alertId || held.status !== 'ready') return;
      await Promise.all([detail.load(() => api.invoke('alerts.get', { alertId }), { quiet: true }), judgeQuietly(alertId, true)]);
    },

    async judge() {
      const { alertId } = get();
      if (alertId) await judgeQuietly(alertId, true);
    },

    reset() {
      detail.cancel();
      similar.cancel();
      filterMatch.cancel();
      set(initial);
    },
  };
});

registerSessionStore('alert-detail', useAlertDetailStore);
whenDataChanges('alerts', () => useAlertDetailStore.getState().refresh());
