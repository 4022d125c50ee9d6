// Home's overview: one answer from main (analytics.overview, computed in the analytics worker) for
// the signed-in user in their zone, and the "expected" marks on anomalous days, which reread it.
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import type { AnomalySeries, Overview } from '../../../src-shared/analytics-model';

interface OverviewStore {
  overview: AsyncSlot<Overview | null>;
  /** The user's zone, as the system reports it: "today" and every day shown are counted in it. */
  timeZone: string;
  load(): Promise<void>;
  markExpected(series: AnomalySeries, date: string, note: string): Promise<void>;
  unmarkExpected(series: AnomalySeries, date: string): Promise<void>;
  reset(): void;
}

const systemZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const initial = () => ({ overview: idleSlot<Overview | null>(null), timeZone: systemZone() });

export const useOverviewStore = create<OverviewStore>()((set, get) => {
  const overview = createSlotLoader<Overview | null>(null, () => get().overview, (slot) => set({ overview: slot }));
  return {
    ...initial(),
    async load() {
      await overview.load(() => api.invoke('analytics.overview', { timeZone: get().timeZone }), { keepData: true });
    },
    // A failure rejects: the button that asked shows it.
    async markExpected(series, date, note) {
      const current = sameSession();
      await api.invoke('analytics.markExpected', { series, date, note });
      if (current()) await get().load();
    },
    async unmarkExpected(series, date) {
      const current = sameSession();
      await api.invoke('analytics.unmarkExpected', { series, date });
      if (current()) await get().load();
    },
    reset() {
      overview.cancel();
      set(initial());
    },
  };
});

registerSessionStore('overview', useOverviewStore);
