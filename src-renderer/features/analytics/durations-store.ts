// The breakdown the "How long work takes" section shows: by severity it is the stats report's own
// table; by source, rule, assignee or template it is asked for (analytics.durations, computed in the
// analytics worker) for the report's range. A newer choice or range supersedes an answer still on its
// way, so a slow answer for "source" never lands under "assignee".
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import type { StatsReport } from '../../../src-shared/analytics-model';
import type { DurationBreakdown, DurationGrouping } from '../../../src-shared/duration-breakdown-model';

/** What an answer was asked for: the grouping, the report's range, and the report it goes with (a refresh asks again). */
export function breakdownKey(by: DurationGrouping, report: Pick<StatsReport, 'range' | 'generatedAt'>): string {
  return [by, report.range.from, report.range.to, report.range.timeZone, report.generatedAt].join('|');
}

interface DurationsStore {
  by: DurationGrouping;
  breakdown: AsyncSlot<DurationBreakdown | null>;
  /** breakdownKey of the answer (or failure) in `breakdown`; null before any. */
  answered: string | null;
  choose(by: DurationGrouping): void;
  /** Asks for the chosen grouping over the report's range, unless the slot already holds that answer. */
  load(report: Pick<StatsReport, 'range' | 'generatedAt'>): Promise<void>;
  /** Asks again after a failure. */
  retry(report: Pick<StatsReport, 'range' | 'generatedAt'>): Promise<void>;
  reset(): void;
}

const initial = () => ({ by: 'severity' as DurationGrouping, breakdown: idleSlot<DurationBreakdown | null>(null), answered: null });

export const useDurationsStore = create<DurationsStore>()((set, get) => {
  const breakdown = createSlotLoader<DurationBreakdown | null>(null, () => get().breakdown, (slot) => set({ breakdown: slot }));
  return {
    ...initial(),
    choose(by) {
      set({ by });
    },
    async load(report) {
      const { by } = get();
      const key = breakdownKey(by, report);
      if (by === 'severity' || get().answered === key) return;
      set({ answered: key });
      const { from, to, timeZone } = report.range;
      await breakdown.load(() => api.invoke('analytics.durations', { from, to, timeZone, by }), { emptyOnFailure: true });
    },
    async retry(report) {
      set({ answered: null });
      await get().load(report);
    },
    reset() {
      breakdown.cancel();
      set(initial());
    },
  };
});

registerSessionStore('analytics-durations', useDurationsStore);
