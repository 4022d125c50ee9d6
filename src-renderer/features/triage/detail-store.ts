// The alert detail panel's data: the alert (alerts.get) and its similar alerts (alerts.similar),
// read together; an answer for an alert no longer open is dropped.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { AlertDetail, SimilarAlert } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

interface AlertDetailStore {
  alertId: string | null;
  detail: AlertDetail | null;
  status: LoadStatus;
  error: string | null;
  similar: SimilarAlert[] | null;
  similarError: string | null;
  load(alertId: string): Promise<void>;
  reset(): void;
}

const initial = { alertId: null, detail: null, status: 'idle' as LoadStatus, error: null, similar: null, similarError: null };

export const useAlertDetailStore = create<AlertDetailStore>()((set, get) => ({
  ...initial,

  async load(alertId) {
    set({ ...initial, alertId, status: 'loading' });
    const similar = api.invoke('alerts.similar', { alertId, limit: 10 }).then(
      (list) => get().alertId === alertId && set({ similar: list }),
      (error: unknown) => get().alertId === alertId && set({ similarError: describeError(error).message }),
    );
    try {
      const detail = await api.invoke('alerts.get', { alertId });
      if (get().alertId === alertId) set({ detail, status: 'ready' });
    } catch (error) {
      if (get().alertId === alertId) set({ status: 'failed', error: describeError(error).message });
    }
    await similar;
  },

  reset() {
    set(initial);
  },
}));

registerSessionStore('alert-detail', useAlertDetailStore);
