// Home's overview for the signed-in user, in their zone: their queue by SLA urgency, the team's
// backlog with ages, today's inflow so far against today's forecast, and the anomalies of the last
// 14 days. Computed in the analytics worker, like the stats report. docs/METRICS.md, "Overview".
import type { AnomalyMark, Overview, QueueItem, TodayForecast, VolumeForecast } from '../../src-shared/analytics-model';
import { DEFAULT_SLA_POLICY, judgeSla } from '../../src-shared/sla';
import { localDays } from '../platform/zoned-time';
import type { AnalyticsQueries } from './analytics-queries';
import { buildAnomalyReport } from './anomaly-report';
import { AGE_BUCKETS, ageBuckets } from './backlog';
import type { OverviewQueries, QueueInvestigation } from './overview-queries';
import { dueAt } from './sla';
import { staffingEstimate, workload } from './staffing';
import { forecastFrom } from './stats-report';
import type { SlaTargets } from './sla';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANOMALY_DAYS = 14;
const TEAM_DAYS = 30;
/** Queue rows sent to the window; `n` counts them all. */
export const QUEUE_ITEMS = 50;

export interface OverviewRequest {
  userId: string;
  timeZone: string;
  now: number;
  /** The service levels in force (settings); the defaults when not given. */
  sla?: { targets: SlaTargets; atRiskWindowMs: number };
}

const URGENCY = { breached: 0, at_risk: 1, open: 2 } as const;

/** The queue, most urgent first: breached, then at risk, then open; each by due time, then key. */
export function queueOrder(
  cases: readonly QueueInvestigation[], now: number, sla = { targets: DEFAULT_SLA_POLICY.targetsMs, atRiskWindowMs: DEFAULT_SLA_POLICY.atRiskWindowMs },
): QueueItem[] {
  return cases.flatMap((c): QueueItem[] => {
    if (c.status === 'closed') return [];
    const due = dueAt({ createdAt: c.openedAt, severity: c.severity, dueAt: c.slaDueAt }, sla.targets);
    const state = judgeSla(due, null, now, sla.atRiskWindowMs);
    if (state === 'met') return [];
    return [{ id: c.id, key: c.key, title: c.title, severity: c.severity, status: c.status, dueAt: due, dueFrom: c.slaDueAt === null ? 'severity-target' : 'own', sla: state }];
  }).sort((a, b) => URGENCY[a.sla] - URGENCY[b.sla] || a.dueAt - b.dueAt || a.key.localeCompare(b.key));
}

function todayOf(forecast: VolumeForecast): TodayForecast {
  if (forecast.kind === 'insufficient-history') return forecast;
  const point = forecast.points[0];
  if (!point) return { kind: 'insufficient-history', days: forecast.historyDays, requiredDays: forecast.historyDays + 1 };
  return { kind: 'forecast', model: forecast.model, point };
}

/**
 * Untriaged alerts by age since they occurred, in AGE_BUCKETS order (an alert that occurred after
 * `now`, from a source's fast clock, counts as under a day).
 */
function untriagedByAge(queries: AnalyticsQueries, now: number): { n: number; ages: Array<{ label: string; count: number }> } {
  let newer = Number.MAX_SAFE_INTEGER;
  const ages = AGE_BUCKETS.map((bucket) => {
    const older = Number.isFinite(bucket.maxMs) ? Math.max(0, now - bucket.maxMs) : 0;
    const count = queries.untriagedOccurredIn(older, newer);
    newer = older;
    return { label: bucket.label, count };
  });
  return { n: ages.reduce((sum, a) => sum + a.count, 0), ages };
}

export function buildOverview(
  queries: AnalyticsQueries, overview: OverviewQueries, marks: ReadonlyMap<string, AnomalyMark>, request: OverviewRequest,
): Overview {
  const { now, timeZone } = request;
  const days = localDays(now - (ANOMALY_DAYS - 1) * DAY, now, timeZone).slice(-ANOMALY_DAYS);
  const today = days[days.length - 1];
  const yesterday = days[days.length - 2];
  if (!today || !yesterday) throw new RangeError('No local days around now');
  const openedToday = queries.casesOpenedPerDay([{ start: today.start, end: now }])[0] ?? 0;
  const sla = request.sla ?? { targets: DEFAULT_SLA_POLICY.targetsMs, atRiskWindowMs: DEFAULT_SLA_POLICY.atRiskWindowMs };
  const queue = queueOrder(overview.myOpenInvestigations(request.userId), now, sla);
  const open = overview.openInvestigations();
  const byStatus = { open: 0, in_progress: 0, pending: 0 };
  for (const c of open) byStatus[c.status] += 1;
  const alertBacklog = untriagedByAge(queries, now);
  const mine = overview.myUntriagedAlerts(request.userId);
  const forecast = {
    alerts: forecastFrom(yesterday, timeZone, (history) => queries.alertsPerDay(history)),
    investigations: forecastFrom(yesterday, timeZone, (history) => queries.casesOpenedPerDay(history)),
  };
  const teamDays = localDays(now - (TEAM_DAYS - 1) * DAY, now, timeZone).slice(-TEAM_DAYS);
  const decisions = overview.decisions(teamDays[0]?.start ?? today.start, now);

  return {
    generatedAt: now,
    timeZone,
    myQueue: {
      investigations: { n: queue.length, items: queue.slice(0, QUEUE_ITEMS), atRiskWindowMs: sla.atRiskWindowMs },
      untriagedAlerts: { n: mine.count, oldestCreatedAt: mine.oldestCreatedAt },
    },
    backlog: {
      openInvestigations: {
        n: open.length,
        byStatus,
        ages: ageBuckets(open.map((c) => c.openedAt), now),
      },
      untriagedAlerts: alertBacklog,
    },
    today: {
      date: today.date,
      through: now,
      alerts: overview.alertsOccurredIn(today.start, now),
      investigations: openedToday,
      forecast: { alerts: todayOf(forecast.alerts), investigations: todayOf(forecast.investigations) },
    },
    anomalies: {
      from: days[0]?.date ?? today.date,
      to: today.date,
      report: buildAnomalyReport({
        days, timeZone, now, alertsPerSpan: (spans) => queries.alertsPerDay(spans), investigationsPerDay: (spans) => queries.casesOpenedPerDay(spans),
        firstAlertAt: overview.firstAlertAt(), firstInvestigationAt: queries.firstCaseOpenedAt(), marks,
      }),
    },
    team: {
      from: teamDays[0]?.date ?? today.date,
      to: today.date,
      staffing: staffingEstimate(decisions, teamDays, forecast),
      workload: workload(decisions, teamDays, overview.openAssignedByUser(), overview.displayNames()),
    },
  };
}
