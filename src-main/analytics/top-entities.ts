// The entities linked to the most alerts that occurred in a range of local days (docs/METRICS.md,
// "Top entities"). Raw values: the caller's PII lens masks them (overview-masking.ts). Its own job,
// not part of the stats report: it reads every link of the range's alerts (about 80k at 1M alerts and
// 30 days), which costs more than a whole refresh may (docs/PERFORMANCE.md).
import type { TopEntities } from '../../src-shared/analytics-model';
import type { AnalyticsQueries } from './analytics-queries';
import { rangeWithEnds, type StatsRequest } from './stats-report';

/** How many entities the list holds. */
export const TOP_ENTITIES = 20;

export function buildTopEntities(queries: AnalyticsQueries, request: Pick<StatsRequest, 'timeZone' | 'from' | 'to'>): TopEntities {
  const { days, first, last } = rangeWithEnds(request);
  // The same count as the volume chart's days (the quarter-hour rollup of live alerts by occurrence).
  const alertsInRange = queries.alertsPerDay(days).reduce((sum, n) => sum + n, 0);
  return {
    range: { from: first.date, to: last.date, timeZone: request.timeZone },
    alertsInRange,
    entities: queries.topEntities(first.start, last.end, TOP_ENTITIES)
      .map((e) => ({ ...e, masked: false, share: alertsInRange === 0 ? 0 : e.alerts / alertsInRange })),
  };
}
