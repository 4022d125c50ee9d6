// The health panel's store (administrators): each check's status, the history of transitions, and
// the actions on an alert. Reread when main announces the 'health' topic (a run, an alert).
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { api } from '../../api/client';
import { whenDataChanges } from '../../kit/live-data';
import type { HealthCheckId, HealthHistoryEntry, HealthStatus } from '../../../src-shared/health-model';

const HISTORY_PAGE = 50;

interface HealthStore {
  status: AsyncSlot<HealthStatus | null>;
  history: AsyncSlot<HealthHistoryEntry[]>;
  nextBeforeId: number | null;
  load(): Promise<void>;
  loadMoreHistory(): Promise<void>;
  runNow(): Promise<void>;
  acknowledge(check: HealthCheckId, note: string): Promise<void>;
  resolve(check: HealthCheckId, note: string): Promise<void>;
  reset(): void;
}

const initial = { status: idleSlot<HealthStatus | null>(null), history: idleSlot<HealthHistoryEntry[]>([]), nextBeforeId: null };

export const useHealthStore = create<HealthStore>()((set, get) => {
  const status = createSlotLoader<HealthStatus | null>(null, () => get().status, (slot) => set({ status: slot }));
  const history = createSlotLoader<HealthHistoryEntry[]>([], () => get().history, (slot) => set({ history: slot }));

  const readHistory = () => history.load(async () => {
    const page = await api.invoke('health.history', { limit: HISTORY_PAGE });
    set({ nextBeforeId: page.nextBeforeId });
    return page.entries;
  }, { keepData: true });

  const afterChange = async (next: Promise<HealthStatus>) => {
    const current = sameSession();
    const value = await next;
    if (!current()) return;
    set({ status: { status: 'ready', data: value, error: null } });
    await readHistory();
  };

  return {
    ...initial,

    async load() {
      await Promise.all([status.load(() => api.invoke('health.status', {}), { keepData: true }), readHistory()]);
    },

    async loadMoreHistory() {
      const before = get().nextBeforeId;
      if (before === null) return;
      const current = sameSession();
      const page = await api.invoke('health.history', { beforeId: before, limit: HISTORY_PAGE });
      if (!current()) return;
      const held = get().history;
      set({ history: { ...held, data: [...held.data, ...page.entries] }, nextBeforeId: page.nextBeforeId });
    },

    runNow: () => afterChange(api.invoke('health.run', {})),
    acknowledge: (check, note) => afterChange(api.invoke('health.acknowledge', { check, note })),
    resolve: (check, note) => afterChange(api.invoke('health.resolve', { check, note })),

    reset() {
      status.cancel();
      history.cancel();
      set(initial);
    },
  };
});

registerSessionStore('health', useHealthStore);
// A scheduled run or another administrator's acknowledgement: an open panel shows it.
whenDataChanges('health', () => (useHealthStore.getState().status.status === 'ready' ? useHealthStore.getState().load() : undefined));
