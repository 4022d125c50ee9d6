// The analytics screen's report: one stats report for a range of local days in the user's zone,
// computed in main (analytics.stats); the range is the screen's own state. Marking an unusual day as
// expected (or undoing it) rereads the report, so the day shows its new state.
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { markActions, type MarkActions } from '../anomalies/mark-actions';
import { userTimeZone } from '../../kit/route-query';
import type { StatsReport } from '../../../src-shared/analytics-model';

export interface AnalyticsRange {
  /** Local dates, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

interface AnalyticsStore extends MarkActions {
  report: AsyncSlot<StatsReport | null>;
  range: AnalyticsRange | null;
  /** The user's zone, as the system reports it; every day on the screen is counted in it. */
  timeZone: string;
  load(range?: AnalyticsRange): Promise<void>;
  /** A failure rejects: the button that asked shows it. */
  reset(): void;
}

const initial = () => ({ report: idleSlot<StatsReport | null>(null), range: null, timeZone: userTimeZone() });

export const useAnalyticsStore = create<AnalyticsStore>()((set, get) => {
  const report = createSlotLoader<StatsReport | null>(null, () => get().report, (slot) => set({ report: slot }));
  return {
    ...initial(),
    async load(range) {
      const chosen = range ?? get().range;
      set({ range: chosen });
      await report.load(() => api.invoke('analytics.stats', { timeZone: get().timeZone, ...(chosen ?? {}) }), { keepData: true });
      // Without a range asked for, main chose one (the last 30 days): show it in the picker.
      const answered = get().report.data;
      if (!chosen && answered) set({ range: { from: answered.range.from, to: answered.range.to } });
    },
    ...markActions(() => get().load()),
    reset() {
      report.cancel();
      set(initial());
    },
  };
});

registerSessionStore('analytics', useAnalyticsStore);
