// Analytics channels: the numbers of the work, computed from the vault off the main thread
// (analytics/analytics-service.ts) and shown through the caller's PII lens, and the "expected" marks
// on anomalous days, written here.
import type { Handlers } from '../router';
import { maskOverview, maskStatsReport, maskTopEntities } from '../../analytics/overview-masking';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'analytics.stats' | 'analytics.durations' | 'analytics.topEntities' | 'analytics.overview' | 'analytics.markExpected' | 'analytics.unmarkExpected';

export function analyticsHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  const viewFor = (session: Parameters<typeof lensFor>[1]) => repos().investigations.view(lensFor(s, session), repos().userRefs.resolver());
  return {
    'analytics.stats': async (input, { session }) => maskStatsReport(await s.analytics.stats(input), viewFor(session)),
    // Counts, durations and the names of sources, rules, templates and people (shown unmasked in the
    // workload too): no free text from a case, so nothing to pass through the lens.
    'analytics.durations': (input) => s.analytics.durations(input),
    'analytics.topEntities': async (input, { session }) => maskTopEntities(await s.analytics.topEntities(input), viewFor(session)),
    'analytics.overview': async (input, { session }) => maskOverview(await s.analytics.overview(requireSession(session).userId, input.timeZone), viewFor(session)),
    'analytics.markExpected': (input, { session, note }) => {
      const live = requireSession(session);
      note({ target: `${input.series}:${input.date}`, details: { series: input.series, date: input.date } });
      const mark = repos().anomalyMarks.mark(input.series, input.date, input.note, live.userId);
      return { ...mark, note: viewFor(session).lens.text(mark.note) };
    },
    'analytics.unmarkExpected': (input, { session, note }) => {
      const live = requireSession(session);
      note({ target: `${input.series}:${input.date}`, details: { series: input.series, date: input.date } });
      repos().anomalyMarks.unmark(input.series, input.date, live.userId);
      return { ok: true as const };
    },
  };
}
