// A stats report written by hand for the report's tests: days with their counts, a forecast after
// them, durations with a severity never measured, rule precision with a rule long enough to wrap.
import type { DurationMetric, MetricSummary, StatsReport } from '../../../src-shared/analytics-model';

const H = 3_600_000;
const none: MetricSummary = { n: 0, mean: null, median: null, p95: null };

function duration(all: MetricSummary, missing: number): DurationMetric {
  return { all, missing, bySeverity: { low: none, medium: all, high: none, critical: none } };
}

function day(index: number): string {
  return new Date(Date.UTC(2026, 2, 1 + index)).toISOString().slice(0, 10);
}

/** The parts of a report a chart or table test does not look at: no anomaly history, no decisions, nothing resolved. */
export const QUIET_EXTRAS: Pick<StatsReport, 'anomalies' | 'staffing' | 'workload' | 'resolutions' | 'durationDistributions'> = {
  durationDistributions: {
    triage: { counts: [0, 0, 0, 0, 0, 0, 0, 0], missing: 0 },
    acknowledge: { counts: [0, 0, 0, 0, 0, 0, 0, 0], missing: 0 },
    resolve: { counts: [0, 0, 0, 0, 0, 0, 0, 0], missing: 0 },
  },
  anomalies: {
    method: { kind: 'seasonal-quasi-poisson', weeks: 4, z: 2.33 },
    days: { alerts: { kind: 'insufficient-history', historyDays: 2, requiredDays: 29 }, investigations: { kind: 'insufficient-history', historyDays: 2, requiredDays: 29 } },
    hours: { kind: 'insufficient-history', historyDays: 2, requiredDays: 29 },
  },
  staffing: {
    decisions: 0, alertVerdicts: 0, investigationResolutions: 0, analysts: 0, analystDays: 0, throughputPerAnalystDay: null,
    forecastAlertsPerDay: null, forecastInvestigationsPerDay: null, analystsNeeded: null, missing: ['no-decisions'],
  },
  workload: [],
  resolutions: {
    resolved: 0, byResolution: { actioned: 0, no_violation: 0, duplicate: 0, false_positive: 0, not_recorded: 0 }, perDay: [],
    alertVerdicts: { promoted: 0, falsePositive: 0, dismissedOther: 0, acknowledged: 0, untriaged: 0 },
  },
};

export const LONG_RULE = 'credential-stuffing-from-residential-proxies-with-rotating-user-agents-and-headless-browsers';

export function statsFixture(days = 10): StatsReport {
  const volumes = Array.from({ length: days }, (_, i) => ({ date: day(i), alerts: 100 + 7 * i, investigations: 2 + (i % 3) }));
  return {
    ...QUIET_EXTRAS,
    range: { from: day(0), to: day(days - 1), timeZone: 'Europe/Paris' },
    generatedAt: Date.UTC(2026, 2, 31, 9),
    volumes,
    // Each day's alerts split so they sum to its count: 8 named sources and 2 more summed as other.
    volumeBySeverity: volumes.map((v, i) => ({ date: v.date, counts: { critical: i, high: 10, medium: 30, low: 60 + 6 * i } })),
    volumeBySource: {
      sources: ['edr', 'ids', 'mail', 'proxy', 'dns', 'vpn', 'waf', 'av'], otherSources: 2,
      days: volumes.map((v, i) => ({ date: v.date, counts: [40 + 7 * i, 20, 10, 8, 6, 5, 4, 3], other: 4 })),
    },
    timeToTriage: duration({ n: 1234, mean: 1.5 * H, median: 0.75 * H, p95: 6.25 * H }, 321),
    timeToAcknowledge: duration({ n: 17, mean: 0.5 * H, median: 0.25 * H, p95: 2 * H }, 4),
    timeToResolve: duration({ n: 9, mean: 30 * H, median: 20 * H, p95: 90 * H }, 12),
    reopened: 3,
    // Each sums to its measure's n above; missing as above.
    durationDistributions: {
      triage: { counts: [400, 300, 250, 200, 60, 20, 4, 0], missing: 321 },
      acknowledge: { counts: [9, 4, 3, 1, 0, 0, 0, 0], missing: 4 },
      resolve: { counts: [0, 0, 1, 2, 3, 2, 1, 0], missing: 12 },
    },
    backlog: volumes.map((v, i) => ({ date: v.date, openAtEnd: 40 + i, inflow: v.investigations, outflow: v.investigations - 1 })),
    age: [{ label: '< 1 day', count: 5 }, { label: '1–3 days', count: 8 }],
    sla: { targetsMs: { low: 168 * H, medium: 72 * H, high: 24 * H, critical: 4 * H }, atRiskWindowMs: 4 * H, met: 41, breached: 9, atRisk: 2, open: 6, compliance: 0.82 },
    rulePrecision: [
      { source: 'edr', rule: LONG_RULE, promoted: 8, falsePositive: 2, untriaged: 5, precision: 0.8, low: 0.4902, high: 0.9433 },
      { source: 'mail', rule: null, promoted: 0, falsePositive: 0, untriaged: 7, precision: null, low: null, high: null },
    ],
    forecast: {
      alerts: {
        kind: 'forecast', model: 'holt-winters', reason: 'model-beats-baseline', historyDays: days,
        points: Array.from({ length: 14 }, (_, i) => ({ date: day(days + i), mean: 170, lower80: 150, upper80: 190, lower95: 140, upper95: 200 })),
        backtest: { origins: 8, holtWinters: { mase: 0.71, coverage80: 0.79, coverage95: 0.93 }, seasonalNaive: { mase: 1, coverage80: 0.7, coverage95: 0.88 } },
      },
      investigations: { kind: 'insufficient-history', days: 10, requiredDays: 21 },
    },
  };
}
