// The alert detail panel's data: the alert (alerts.get) and its similar alerts (alerts.similar),
// read together; an answer for an alert no longer open is dropped. The alert is read again when
// alerts change anywhere, so the panel shows its status now (and says when it left the filter).
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { AlertDetail, SimilarAlert } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { whenDataChanges } from '../../kit/live-data';

interface AlertDetailStore {
  alertId: string | null;
  detail: AsyncSlot<AlertDetail | null>;
  similar: AsyncSlot<SimilarAlert[] | null>;
  load(alertId: string): Promise<void>;
  /** Rereads the open alert quietly (a verdict here or elsewhere changed alerts): the panel stays as it is until the answer. */
  refresh(): Promise<void>;
  reset(): void;
}

const initial = { alertId: null, detail: idleSlot<AlertDetail | null>(null), similar: idleSlot<SimilarAlert[] | null>(null) };

export const useAlertDetailStore = create<AlertDetailStore>()((set, get) => {
  // Opening another alert starts new reads on both lines, which supersede the previous alert's.
  const detail = createSlotLoader<AlertDetail | null>(null, () => get().detail, (slot) => set({ detail: slot }));
  const similar = createSlotLoader<SimilarAlert[] | null>(null, () => get().similar, (slot) => set({ similar: slot }));

  return {
    ...initial,

    async load(alertId) {
      set({ alertId });
      await Promise.all([
        detail.load(() => api.invoke('alerts.get', { alertId })),
        similar.load(() => api.invoke('alerts.similar', { alertId, limit: 10 })),
      ]);
    },

    async refresh() {
      const { alertId, detail: held } = get();
      if (!alertId || held.status !== 'ready') return;
      await detail.load(() => api.invoke('alerts.get', { alertId }), { quiet: true });
    },

    reset() {
      detail.cancel();
      similar.cancel();
      set(initial);
    },
  };
});

registerSessionStore('alert-detail', useAlertDetailStore);
whenDataChanges('alerts', () => useAlertDetailStore.getState().refresh());
