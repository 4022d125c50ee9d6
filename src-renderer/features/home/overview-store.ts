// Home's overview: one answer from main (analytics.overview, computed in the analytics worker) for
// the signed-in user in their zone, and the "expected" marks on anomalous days, which reread it.
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { userTimeZone } from '../../kit/route-query';
import { markActions, type MarkActions } from '../anomalies/mark-actions';
import type { Overview } from '../../../src-shared/analytics-model';

interface OverviewStore extends MarkActions {
  overview: AsyncSlot<Overview | null>;
  /** The user's zone, as the system reports it: "today" and every day shown are counted in it. */
  timeZone: string;
  load(): Promise<void>;
  reset(): void;
}

const initial = () => ({ overview: idleSlot<Overview | null>(null), timeZone: userTimeZone() });

export const useOverviewStore = create<OverviewStore>()((set, get) => {
  const overview = createSlotLoader<Overview | null>(null, () => get().overview, (slot) => set({ overview: slot }));
  return {
    ...initial(),
    async load() {
      await overview.load(() => api.invoke('analytics.overview', { timeZone: get().timeZone }), { keepData: true });
    },
    ...markActions(() => get().load()),
    reset() {
      overview.cancel();
      set(initial());
    },
  };
});

registerSessionStore('overview', useOverviewStore);
