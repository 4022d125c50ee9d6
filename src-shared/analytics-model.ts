// What the analytics channels return. Every number carries its n (or the counts it came from), and
// what could not be measured is counted as missing, never shown as 0. docs/METRICS.md defines each.
import type { Severity } from './model';
import type { EntityKind, Resolution } from './workspace-model';

export interface MetricSummary {
  n: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
}

/** A duration over the items opened in the range: measured ones summarised, the rest counted. */
export interface DurationMetric {
  /** In ms. */
  all: MetricSummary;
  bySeverity: Record<Severity, MetricSummary>;
  /** Items in the range for which it has not happened (or was not recorded). */
  missing: number;
}

/** Counts of measured durations per bucket of DURATION_BUCKETS (src-shared/duration-buckets.ts), in its order. */
export interface DurationDistribution {
  counts: number[];
  /** Items in the range for which it has not happened (or was not recorded): in no bucket. */
  missing: number;
}

export interface DayVolume {
  /** Local date, YYYY-MM-DD, in the report's zone. */
  date: string;
  alerts: number;
  investigations: number;
}

/** A day's alerts by severity: all four always present, summing to the day's alerts in `volumes`. */
export interface DaySeverityVolume {
  date: string;
  counts: Record<Severity, number>;
}

/** The most alerting sources, at most this many; the rest are summed per day as "other". */
export const TOP_SOURCES = 8;

/** Alerts per day by source: the top sources of the range by name, the others summed. */
export interface SourceVolumes {
  /** The sources with the most alerts in the range (at most TOP_SOURCES), most first, ties by name. */
  sources: string[];
  /** How many more sources had alerts in the range; each day's `other` sums them. */
  otherSources: number;
  /** Every day of the range; `counts` aligned with `sources`; counts and other sum to the day's alerts. */
  days: Array<{ date: string; counts: number[]; other: number }>;
}

export interface BacklogPoint {
  date: string;
  openAtEnd: number;
  inflow: number;
  outflow: number;
}

export interface SlaSummary {
  /** Target per severity, in ms, from creation. */
  targetsMs: Record<Severity, number>;
  atRiskWindowMs: number;
  met: number;
  breached: number;
  atRisk: number;
  open: number;
  /** met ÷ (met + breached) over investigations due in the range; null when none was decided. */
  compliance: number | null;
}

export interface RulePrecision {
  source: string;
  rule: string | null;
  promoted: number;
  falsePositive: number;
  /** Alerts of the rule still waiting for a verdict. */
  untriaged: number;
  /** promoted ÷ (promoted + false positives); null when neither happened. */
  precision: number | null;
  /** Wilson 95 % interval of the precision. */
  low: number | null;
  high: number | null;
}

export interface ForecastPoint {
  date: string;
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface BacktestScore {
  /** Mean absolute scaled error against seasonal naive's in-sample error; below 1 beats it. */
  mase: number | null;
  coverage80: number | null;
  coverage95: number | null;
}

export type VolumeForecast =
  | { kind: 'insufficient-history'; days: number; requiredDays: number }
  | {
    kind: 'forecast';
    /** The model shown: Holt-Winters only when its backtest beats seasonal naive. */
    model: 'holt-winters' | 'seasonal-naive';
    reason: 'model-beats-baseline' | 'model-does-not-beat-baseline' | 'too-short-to-backtest' | 'errors-cannot-be-scaled';
    /** Daily history the forecast was fitted on. */
    historyDays: number;
    points: ForecastPoint[];
    backtest: { origins: number; holtWinters: BacktestScore; seasonalNaive: BacktestScore };
  };

export interface StatsReport {
  range: { from: string; to: string; timeZone: string };
  generatedAt: number;
  volumes: DayVolume[];
  /** The same days' alerts by source and by severity. */
  volumeBySource: SourceVolumes;
  volumeBySeverity: DaySeverityVolume[];
  /** Alerts: created → first verdict. */
  timeToTriage: DurationMetric;
  /** Investigations: opened → first move out of open. */
  timeToAcknowledge: DurationMetric;
  /** Investigations: opened → the resolution standing now. */
  timeToResolve: DurationMetric;
  /** The same three durations counted per bucket of src-shared/duration-buckets.ts: the histograms. */
  durationDistributions: { triage: DurationDistribution; acknowledge: DurationDistribution; resolve: DurationDistribution };
  /** Investigations opened in the range that were reopened at least once. */
  reopened: number;
  backlog: BacklogPoint[];
  /** Investigations open at the end of the range, by age. */
  age: Array<{ label: string; count: number }>;
  sla: SlaSummary;
  rulePrecision: RulePrecision[];
  forecast: { alerts: VolumeForecast; investigations: VolumeForecast };
  /** Days (and, for alerts, hours of the last 7 days) above the seasonal bound for counts. */
  anomalies: AnomalyReport;
  staffing: StaffingEstimate;
  workload: AnalystWorkload[];
  resolutions: ResolutionReport;
}

/** An investigation's resolution; 'not_recorded' for one closed without any (imported cases). */
export type ResolutionKey = Resolution | 'not_recorded';

/** Investigations resolved in the range, and the verdicts of the range's alerts (docs/METRICS.md, "Resolutions"). */
export interface ResolutionReport {
  /** Investigations whose standing resolution falls in the range (a reopened case counts once, at its last close). */
  resolved: number;
  byResolution: Record<ResolutionKey, number>;
  /** The same, per local day of the range. */
  perDay: Array<{ date: string; counts: Record<ResolutionKey, number> }>;
  /** The alerts that occurred in the range, by the verdict standing now. */
  alertVerdicts: AlertVerdicts;
}

export interface AlertVerdicts {
  promoted: number;
  /** Dismissed as a false positive. */
  falsePositive: number;
  /** Dismissed for any other reason (duplicate, benign…). */
  dismissedOther: number;
  acknowledged: number;
  untriaged: number;
}

/**
 * The entities linked to the most alerts that occurred in a range (analytics.topEntities): apart from
 * the stats report because it reads every link of the range's alerts, more than a refresh may spend.
 */
export interface TopEntities {
  range: { from: string; to: string; timeZone: string };
  /** Alerts that occurred in the range: the denominator of each share. */
  alertsInRange: number;
  /** At most 20: alert count descending, then kind, then value (the raw value, whatever the reader sees). */
  entities: TopEntity[];
}

export interface TopEntity {
  id: string;
  kind: EntityKind;
  /** Through the reader's PII lens: masked unless they may see it. */
  value: string;
  masked: boolean;
  /** Distinct alerts of the range linked to it. */
  alerts: number;
  /** alerts ÷ alertsInRange. */
  share: number;
  /** Of those alerts, how many are in an investigation. */
  inInvestigations: number;
}

export type AnomalySeries = 'alerts' | 'investigations';

/** How a count was judged: docs/METRICS.md, "Anomalies". */
export interface AnomalyMethod {
  kind: 'seasonal-quasi-poisson';
  /** Weeks of baseline: the same weekday (or hour of the week) in each of the k weeks before. */
  weeks: number;
  /** One-sided normal quantile of the bound (2.326: 99 %). */
  z: number;
}

/** A mark that a flagged day was expected (a campaign, a backfill): shown as expected, never raised. */
export interface AnomalyMark {
  series: AnomalySeries;
  date: string;
  note: string;
  markedBy: { id: string | null; name: string | null };
  markedAt: number;
}

export interface DayAnomaly {
  series: AnomalySeries;
  /** Local date in the report's zone. */
  date: string;
  count: number;
  /** Mean of the baseline days. */
  expected: number;
  /** Variance/mean of the baseline, at least 1. */
  dispersion: number;
  upperBound: number;
  /** The baseline days (same weekday, the k weeks before), oldest first. */
  baseline: string[];
  /** The day has not ended yet: its count can still grow. */
  partial: boolean;
  mark: AnomalyMark | null;
}

export interface HourAnomaly {
  /** Start of the hour, ms. */
  start: number;
  /** Local date and hour in the report's zone, "YYYY-MM-DD HH:00". */
  label: string;
  count: number;
  expected: number;
  dispersion: number;
  upperBound: number;
  /** Weeks of baseline found (hours of the same hour of the week). */
  baselineWeeks: number;
}

export type SeriesAnomalies =
  | { kind: 'insufficient-history'; historyDays: number; requiredDays: number }
  | {
    kind: 'scored';
    /** Days of the range with a full baseline: scored against the bound. */
    scoredDays: number;
    /** Days of the range too early in the data to have a full baseline: not judged. */
    unscoredDays: number;
    /** Flagged days, oldest first, marked ones included (with their mark). */
    flagged: DayAnomaly[];
  };

export interface AnomalyReport {
  method: AnomalyMethod;
  days: Record<AnomalySeries, SeriesAnomalies>;
  /** Alerts per hour over the last 7 days of the range (to now when the range reaches today). */
  hours:
    | { kind: 'insufficient-history'; historyDays: number; requiredDays: number }
    | { kind: 'scored'; from: number; to: number; scoredHours: number; flagged: HourAnomaly[] };
}

/** Analysts needed a day for the forecast inflow, at the throughput measured over the range. */
export interface StaffingEstimate {
  /** Decisions in the range: alert verdicts (acknowledge, dismiss, promote, merge) and investigation closes, by their actor. */
  decisions: number;
  alertVerdicts: number;
  investigationResolutions: number;
  /** People with at least one decision in the range. */
  analysts: number;
  /** (analyst, local day) pairs with at least one decision. */
  analystDays: number;
  /** decisions ÷ analystDays; null when nobody decided anything. */
  throughputPerAnalystDay: number | null;
  /** Mean forecast per day over the forecast's 14 days; null without a forecast. */
  forecastAlertsPerDay: number | null;
  forecastInvestigationsPerDay: number | null;
  /** (alerts + investigations forecast per day) ÷ throughput; null when either input is missing, with why. */
  analystsNeeded: number | null;
  missing: Array<'no-forecast' | 'no-decisions'>;
}

/** One person's work: never ranked, listed by name. */
export interface AnalystWorkload {
  userId: string;
  displayName: string;
  /** Investigations assigned to them and not closed, now. */
  openAssigned: number;
  /** Their decisions in the range (as in StaffingEstimate). */
  decisions: number;
  alertVerdicts: number;
  investigationResolutions: number;
}

/** One investigation in the signed-in user's queue, with where it stands against its SLA. */
export interface QueueItem {
  id: string;
  key: string;
  title: string;
  severity: Severity;
  status: 'open' | 'in_progress' | 'pending';
  dueAt: number;
  /** 'own': the case's own due time; 'severity-target': opened + its severity's target. */
  dueFrom: 'own' | 'severity-target';
  sla: 'breached' | 'at_risk' | 'open';
}

/** Today's forecast: the first day the model forecasts from yesterday's complete history. */
export type TodayForecast =
  | { kind: 'insufficient-history'; days: number; requiredDays: number }
  | { kind: 'forecast'; model: 'holt-winters' | 'seasonal-naive'; point: ForecastPoint };

/** Home's overview (analytics.overview): every number with its n, each linking into its list. */
export interface Overview {
  generatedAt: number;
  timeZone: string;
  myQueue: {
    /** Investigations assigned to the user and not closed: breached first, then at risk, then by due time. */
    investigations: { n: number; items: QueueItem[]; atRiskWindowMs: number };
    /** Alerts assigned to the user still waiting for a verdict. */
    untriagedAlerts: { n: number; oldestCreatedAt: number | null };
  };
  backlog: {
    openInvestigations: { n: number; byStatus: { open: number; in_progress: number; pending: number }; ages: Array<{ label: string; count: number }> };
    untriagedAlerts: { n: number; ages: Array<{ label: string; count: number }> };
  };
  today: {
    date: string;
    /** Counted up to `through` (now). */
    through: number;
    alerts: number;
    investigations: number;
    forecast: { alerts: TodayForecast; investigations: TodayForecast };
  };
  /** The last 14 local days to today. */
  anomalies: { from: string; to: string; report: AnomalyReport };
  /** Over the last 30 local days to now: the staffing estimate and each person's workload. */
  team: { from: string; to: string; staffing: StaffingEstimate; workload: AnalystWorkload[] };
}
