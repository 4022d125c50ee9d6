// Analytics channels: the numbers of the work, computed from the vault off the main thread
// (analytics/analytics-service.ts), and the "expected" marks on anomalous days, written here.
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';

type Channels = 'analytics.stats' | 'analytics.overview' | 'analytics.markExpected' | 'analytics.unmarkExpected';

export function analyticsHandlers(s: Services): Pick<Handlers, Channels> {
  const marks = () => s.custody.vault.repositories.anomalyMarks;
  return {
    'analytics.stats': (input) => s.analytics.stats(input),
    'analytics.overview': (input, { session }) => s.analytics.overview(requireSession(session).userId, input.timeZone),
    'analytics.markExpected': (input, { session, note }) => {
      const live = requireSession(session);
      note({ target: `${input.series}:${input.date}`, details: { series: input.series, date: input.date } });
      return marks().mark(input.series, input.date, input.note, live.userId);
    },
    'analytics.unmarkExpected': (input, { session, note }) => {
      const live = requireSession(session);
      note({ target: `${input.series}:${input.date}`, details: { series: input.series, date: input.date } });
      marks().unmark(input.series, input.date, live.userId);
      return { ok: true as const };
    },
  };
}
