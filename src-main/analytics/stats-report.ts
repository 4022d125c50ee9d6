// The numbers `vigil stats` prints and the analytics screens show, for a range of local days in one
// zone: volumes per day (also by source and by severity), time to triage / acknowledge / resolve,
// the backlog, SLA compliance, rule precision, resolutions, and a forecast of the next 14 days with
// its backtest. docs/METRICS.md defines each.
import { VigilError } from '../../src-shared/errors';
import { SEVERITIES, type Severity } from '../../src-shared/model';
import { DEFAULT_SLA_POLICY } from '../../src-shared/sla';
import {
  TOP_SOURCES, type AnomalyMark, type DurationMetric, type ForecastPoint, type RulePrecision, type StatsReport, type VolumeForecast,
} from '../../src-shared/analytics-model';
import { isValidTimeZone, localDate, localDays, type LocalDay } from '../platform/zoned-time';
import type { AnalyticsQueries, CaseTimes, RuleCounts, TriageSummary } from './analytics-queries';
import { ageBuckets, backlogByDay } from './backlog';
import { slaCompliance, type SlaTargets } from './sla';
import { chooseForecast } from './stats/choose-forecast';
import { summarize } from './stats/percentile';
import { bucketDurations } from '../../src-shared/duration-buckets';
import { wilsonInterval } from './stats/wilson';
import { buildAnomalyReport } from './anomaly-report';
import type { OverviewQueries } from './overview-queries';
import { staffingEstimate, workload } from './staffing';
import { alertVerdicts, resolutionReport } from './resolutions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Forecasts fit on at most three years of days. */
const MAX_HISTORY_DAYS = 3 * 365;
const FORECAST_DAYS = 14;

export interface StatsRequest {
  timeZone: string;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  now: number;
  /** The vault's service levels (src-shared/sla.ts's defaults when absent). */
  sla?: { targets: SlaTargets; atRiskWindowMs: number };
}

/** The longest range one report covers: three years of days. */
export const MAX_RANGE_DAYS = 3 * 366;

/**
 * The request a caller means: the last 30 days to today in the zone when no range is given, a given
 * end's 30 days when only it is; refused (VALIDATION) for an unknown zone, a range that runs
 * backwards or one longer than three years.
 */
export function statsRequest(input: { from?: string | undefined; to?: string | undefined; timeZone: string }, now: number): StatsRequest {
  if (!isValidTimeZone(input.timeZone)) throw new VigilError('VALIDATION', `Unknown time zone "${input.timeZone}"`, { timeZone: input.timeZone });
  const to = input.to ?? localDate(now, input.timeZone);
  const from = input.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10);
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
  if (!Number.isFinite(span)) throw new VigilError('VALIDATION', 'Dates are written YYYY-MM-DD', { from, to });
  if (span < 0) throw new VigilError('VALIDATION', `The range ends (${to}) before it starts (${from})`, { from, to });
  if (span >= MAX_RANGE_DAYS) throw new VigilError('VALIDATION', `A report covers at most ${MAX_RANGE_DAYS} days`, { from, to });
  return { timeZone: input.timeZone, from, to, now };
}

/** The range's days; refuses a range that runs backwards. */
export function rangeDays(request: Pick<StatsRequest, 'timeZone' | 'from' | 'to'>): LocalDay[] {
  const noonOf = (date: string) => Date.parse(`${date}T12:00:00Z`);
  if (noonOf(request.to) < noonOf(request.from)) throw new RangeError('The range ends before it starts');
  return localDays(noonOf(request.from) - 12 * HOUR + 1, noonOf(request.to), request.timeZone)
    .filter((day) => day.date >= request.from && day.date <= request.to);
}

/** The range's days with its first and last, for a report over them; refuses a range without days. */
export function rangeWithEnds(request: Pick<StatsRequest, 'timeZone' | 'from' | 'to'>): { days: LocalDay[]; first: LocalDay; last: LocalDay } {
  const days = rangeDays(request);
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) throw new RangeError('The range holds no days');
  return { days, first, last };
}

/** What the anomaly, staffing and workload numbers read besides AnalyticsQueries. */
export interface WorkSources {
  overview: OverviewQueries;
  /** Live "expected" marks, keyed by anomaly-marks.ts markKey. */
  marks: ReadonlyMap<string, AnomalyMark>;
}

export function buildStatsReport(queries: AnalyticsQueries, request: StatsRequest, work: WorkSources): StatsReport {
  const { days, first, last } = rangeWithEnds(request);
  const range = { from: first.start, to: last.end };
  const sla = request.sla ?? { targets: DEFAULT_SLA_POLICY.targetsMs, atRiskWindowMs: DEFAULT_SLA_POLICY.atRiskWindowMs };
  const longestTarget = Math.max(...SEVERITIES.map((s) => sla.targets[s]));
  const possiblyDue = queries.casesPossiblyDueIn(range.from, range.to, longestTarget);
  // Every case opened in the range is among those that may fall due in it (targets are positive):
  // one read of the lifecycles, not two (at 90 days the second cost 30–45 ms at 100k cases).
  const opened = possiblyDue.filter((c) => c.openedAt >= range.from && c.openedAt < range.to);

  const alertCounts = queries.alertsPerDay(days);
  const caseCounts = queries.casesOpenedPerDay(days);
  const bySeverity = queries.alertsPerDayBySeverity(days);
  const bySource = queries.alertsPerDayBySource(days, TOP_SOURCES);
  const openAt = Math.min(range.to, request.now);
  const forecast = {
    alerts: forecastFrom(last, request.timeZone, (history) => queries.alertsPerDay(history)),
    investigations: forecastFrom(last, request.timeZone, (history) => queries.casesOpenedPerDay(history)),
  };
  const decisions = work.overview.decisions(range.from, range.to);
  const triage = queries.triageTimes(range.from, range.to);
  const acknowledgeMs = opened.map((c) => (c.acknowledgedAt === null ? null : c.acknowledgedAt - c.openedAt));
  const resolveMs = opened.map((c) => (c.resolvedAt === null ? null : c.resolvedAt - c.openedAt));
  const rules = queries.rules(range.from, range.to);

  return {
    range: { from: first.date, to: last.date, timeZone: request.timeZone },
    generatedAt: request.now,
    volumes: days.map((day, i) => ({ date: day.date, alerts: alertCounts[i] ?? 0, investigations: caseCounts[i] ?? 0 })),
    volumeBySource: {
      sources: bySource.sources, otherSources: bySource.otherSources,
      days: days.map((day, i) => ({ date: day.date, counts: bySource.counts[i] ?? [], other: bySource.other[i] ?? 0 })),
    },
    volumeBySeverity: days.map((day, i) => ({ date: day.date, counts: bySeverity[i] ?? { low: 0, medium: 0, high: 0, critical: 0 } })),
    timeToTriage: triageMetric(triage.summaries),
    timeToAcknowledge: durationMetric(opened.map((c, i) => ({ severity: c.severity, ms: acknowledgeMs[i] ?? null }))),
    timeToResolve: durationMetric(opened.map((c, i) => ({ severity: c.severity, ms: resolveMs[i] ?? null }))),
    durationDistributions: {
      triage: triage.distribution,
      acknowledge: bucketDurations(acknowledgeMs),
      resolve: bucketDurations(resolveMs),
    },
    reopened: opened.filter((c) => c.reopenCount > 0).length,
    backlog: backlogByDay(queries.stretchFlow(days), days),
    age: ageBuckets(queries.openSince(openAt), openAt),
    sla: {
      targetsMs: { ...sla.targets }, atRiskWindowMs: sla.atRiskWindowMs,
      ...slaCompliance(possiblyDue.map(slaItem), sla.targets, range, request.now, sla.atRiskWindowMs),
    },
    rulePrecision: rules.map(rulePrecision),
    forecast,
    anomalies: buildAnomalyReport({
      days, timeZone: request.timeZone, now: request.now, alertsPerSpan: (spans) => queries.alertsPerDay(spans), investigationsPerDay: (spans) => queries.casesOpenedPerDay(spans),
      firstAlertAt: work.overview.firstAlertAt(), firstInvestigationAt: queries.firstCaseOpenedAt(), marks: work.marks,
    }),
    staffing: staffingEstimate(decisions, days, forecast),
    workload: workload(decisions, days, work.overview.openAssignedByUser(), work.overview.displayNames()),
    resolutions: resolutionReport(days.map((day) => day.date), queries.resolvedPerDay(days), alertVerdicts(rules, queries.acknowledgedOccurredIn(range.from, range.to))),
  };
}

function durationMetric(items: ReadonlyArray<{ severity: Severity; ms: number | null }>): DurationMetric {
  const measured = items.filter((i): i is { severity: Severity; ms: number } => i.ms !== null);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, summarize(measured.filter((i) => i.severity === s).map((i) => i.ms))])) as DurationMetric['bySeverity'];
  return { all: summarize(measured.map((i) => i.ms)), bySeverity, missing: items.length - measured.length };
}

/** The triage summaries SQL computed, in the report's shape: every severity present, empty ones as n 0. */
function triageMetric(rows: readonly TriageSummary[]): DurationMetric {
  const empty = summarize([]);
  const all = rows.find((r) => r.severity === null);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, rows.find((r) => r.severity === s)?.summary ?? empty])) as DurationMetric['bySeverity'];
  return { all: all?.summary ?? empty, bySeverity, missing: all?.missing ?? 0 };
}

/** A case's own SLA due time when it has one; else the target for its severity from its opening. */
function slaItem(c: CaseTimes) {
  return { createdAt: c.openedAt, severity: c.severity, resolvedAt: c.resolvedAt, dueAt: c.slaDueAt };
}

function rulePrecision(r: RuleCounts): RulePrecision {
  const decided = r.promoted + r.falsePositive;
  const interval = wilsonInterval(r.promoted, decided);
  return { source: r.source, rule: r.rule, promoted: r.promoted, falsePositive: r.falsePositive, untriaged: r.untriaged, precision: decided === 0 ? null : r.promoted / decided, low: interval?.lower ?? null, high: interval?.upper ?? null };
}

/** The next 14 days after the range's last day, fitted on the complete days up to it. */
export function forecastFrom(
  last: LocalDay, timeZone: string, countsPerDay: (days: readonly LocalDay[]) => number[],
): VolumeForecast {
  const history = localDays(last.start - MAX_HISTORY_DAYS * DAY, last.start, timeZone);
  const series = countsPerDay(history);
  // Days before the first item are not zero days: they are before the data began.
  const firstWithData = series.findIndex((n) => n > 0);
  const used = firstWithData < 0 ? [] : series.slice(firstWithData);
  const choice = chooseForecast(used);
  if (choice.kind === 'insufficient-history') return choice;
  const ahead = localDays(last.end, last.end + (FORECAST_DAYS - 1) * DAY + HOUR, timeZone).slice(0, FORECAST_DAYS);
  // Counts are never negative: a band reaching below zero is cut at zero.
  const count = (value: number) => Math.max(0, value);
  const points: ForecastPoint[] = choice.steps.map((step, i) => ({
    date: ahead[i]?.date ?? localDate(last.end + i * DAY, timeZone),
    mean: count(step.mean), lower80: count(step.lower80), upper80: count(step.upper80), lower95: count(step.lower95), upper95: count(step.upper95),
  }));
  const score = (s: { mase: number | null; coverage80: number | null; coverage95: number | null }) => ({ mase: s.mase, coverage80: s.coverage80, coverage95: s.coverage95 });
  return {
    kind: 'forecast', model: choice.model, reason: choice.reason, historyDays: used.length, points,
    backtest: { origins: choice.backtest.origins.length, holtWinters: score(choice.backtest.holtWinters), seasonalNaive: score(choice.backtest.seasonalNaive) },
  };
}
