// Marking an unusual day as expected, or undoing it, for any screen that shows unusual days (Home,
// Analytics): the change goes to main, then the screen rereads its own numbers so the day shows its
// new state — unless the session changed meanwhile. A failure rejects: the button that asked shows it.
import { api } from '../../api/client';
import { sameSession } from '../../kit/async-slot';
import type { AnomalySeries } from '../../../src-shared/analytics-model';

export interface MarkActions {
  markExpected(series: AnomalySeries, date: string, note: string): Promise<void>;
  unmarkExpected(series: AnomalySeries, date: string): Promise<void>;
}

export function markActions(reload: () => Promise<void>): MarkActions {
  return {
    async markExpected(series, date, note) {
      const current = sameSession();
      await api.invoke('analytics.markExpected', { series, date, note });
      if (current()) await reload();
    },
    async unmarkExpected(series, date) {
      const current = sameSession();
      await api.invoke('analytics.unmarkExpected', { series, date });
      if (current()) await reload();
    },
  };
}
