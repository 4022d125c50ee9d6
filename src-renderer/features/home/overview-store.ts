// Home's overview: one answer from main (analytics.overview, computed in the analytics worker) for
// the signed-in user in their zone, and the "expected" marks on anomalous days, which reread it.
// While Home shows it, it is live: another window's change to alerts, investigations or the service
// levels rereads it in the background and swaps the numbers in place (no "Counting…", no busy
// Refresh, focus untouched). The overview is a worker's computation over the whole vault, so it is
// reread only while someone looks at it; Home reads it again when it opens anyway.
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { whenDataChanges } from '../../kit/live-data';
import type { DataTopic } from '../../../src-shared/events';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { userTimeZone } from '../../kit/route-query';
import { markActions, type MarkActions } from '../anomalies/mark-actions';
import type { Overview } from '../../../src-shared/analytics-model';

interface OverviewStore extends MarkActions {
  overview: AsyncSlot<Overview | null>;
  /** The user's zone, as the system reports it: "today" and every day shown are counted in it. */
  timeZone: string;
  load(): Promise<void>;
  /** Rereads the overview shown and replaces it in place; a failed reread leaves it as it was. */
  refreshInPlace(): Promise<void>;
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
    async refreshInPlace() {
      const held = get().overview;
      if (held.status !== 'ready' || !held.data) return;
      // A Refresh or a load started after this reread makes its answer stale.
      const current = overview.follow();
      const fresh = await api.invoke('analytics.overview', { timeZone: get().timeZone });
      if (current()) set({ overview: { status: 'ready', data: fresh, error: null } });
    },
    ...markActions(() => get().load()),
    reset() {
      overview.cancel();
      set(initial());
    },
  };
});

registerSessionStore('overview', useOverviewStore);

/** What the overview counts: alerts and investigations, and the service levels that say what is at risk. */
export const OVERVIEW_TOPICS: readonly DataTopic[] = ['alerts', 'investigations', 'sla-policy'];

/** Keeps the overview live while the caller shows it; returns the stop. */
export function watchOverview(): () => void {
  return whenDataChanges(OVERVIEW_TOPICS, () => useOverviewStore.getState().refreshInPlace());
}
