// What the analytics channels return. Every number carries its n (or the counts it came from), and
// what could not be measured is counted as missing, never shown as 0. docs/METRICS.md defines each.
import type { Severity } from './model';

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

export interface DayVolume {
  /** Local date, YYYY-MM-DD, in the report's zone. */
  date: string;
  alerts: number;
  investigations: number;
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
  /** Alerts: created → first verdict. */
  timeToTriage: DurationMetric;
  /** Investigations: opened → first move out of open. */
  timeToAcknowledge: DurationMetric;
  /** Investigations: opened → the resolution standing now. */
  timeToResolve: DurationMetric;
  /** Investigations opened in the range that were reopened at least once. */
  reopened: number;
  backlog: BacklogPoint[];
  /** Investigations open at the end of the range, by age. */
  age: Array<{ label: string; count: number }>;
  sla: SlaSummary;
  rulePrecision: RulePrecision[];
  forecast: { alerts: VolumeForecast; investigations: VolumeForecast };
}
