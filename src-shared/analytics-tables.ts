// The rows behind each chart and table of a stats report, as plain values: what the screen's data
// tables show and exactly what "Download CSV / JSON" of that chart writes. One builder per chart,
// so the file a lead downloads cannot drift from the table they read.
import { SEVERITIES, type Severity } from './model';
import { csvTable, type CsvValue } from './csv';
import { volumeRows } from './analytics-charts';
import type { DayAnomaly, DurationMetric, StatsReport, TopEntities } from './analytics-model';
import type { DurationGrouping } from './duration-breakdown-model';

export type ChartName = 'volume' | 'volume-by-severity' | 'volume-by-source' | 'backlog' | 'durations' | 'rule-precision' | 'unusual-days' | 'workload'
  | 'resolutions' | 'alert-verdicts' | 'top-entities'
  // src-shared/duration-tables.ts: the histograms, and one breakdown of the durations.
  | 'duration-distribution' | `durations-by-${DurationGrouping}`;

/** A row whose every field is a CSV value; an interface (no index signature), so columns are checked keys. */
type CsvRecord<Row> = { [K in keyof Row]: CsvValue };

export interface ChartTable<Row extends CsvRecord<Row>> {
  /** Names the file: vigil-<name>-<from>-<to>.csv */
  name: ChartName;
  /** The CSV header, in order; each a key of the rows. */
  columns: ReadonlyArray<keyof Row & string>;
  rows: Row[];
}

export interface VolumeRow {
  /** Local date in the report's zone; the range's days, then the forecast's. */
  date: string;
  alerts: number | null;
  investigations: number | null;
  forecast: number | null;
  low80: number | null;
  high80: number | null;
  low95: number | null;
  high95: number | null;
}

/** A day's alerts by severity; the four sum to `alerts`. */
export interface SeverityVolumeRow {
  date: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  alerts: number;
}

/** The column of the sources beyond the top ones: its name says how many it sums. */
export type OtherSourcesColumn = `other (${number} sources)`;

/**
 * A day's alerts per top source, in columns `source:<name>` (prefixed, so no source name can be taken
 * for another column), the other sources summed, and all of them.
 */
export type SourceVolumeRow = { date: string; alerts: number } & { [column: `source:${string}`]: number } & { [column: OtherSourcesColumn]: number };

export interface BacklogRow {
  date: string;
  openAtEnd: number;
  inflow: number;
  outflow: number;
}

export interface DurationRow {
  measure: string;
  severity: Severity | 'all';
  n: number;
  meanMs: number | null;
  medianMs: number | null;
  p95Ms: number | null;
  /** Counted once per measure, on its 'all' row. */
  missing: number | null;
}

export interface RulePrecisionRow {
  source: string;
  rule: string | null;
  promoted: number;
  falsePositive: number;
  untriaged: number;
  precision: number | null;
  low: number | null;
  high: number | null;
}

export function volumeTable(report: StatsReport): ChartTable<VolumeRow> {
  return {
    name: 'volume',
    columns: ['date', 'alerts', 'investigations', 'forecast', 'low80', 'high80', 'low95', 'high95'],
    rows: volumeRows(report).map((r) => ({
      date: r.date, alerts: r.alerts, investigations: r.investigations, forecast: r.expected, low80: r.low80, high80: r.high80, low95: r.low95, high95: r.high95,
    })),
  };
}

export function severityVolumeTable(report: StatsReport): ChartTable<SeverityVolumeRow> {
  return {
    name: 'volume-by-severity',
    columns: ['date', 'critical', 'high', 'medium', 'low', 'alerts'],
    rows: report.volumeBySeverity.map(({ date, counts }) => ({
      date, critical: counts.critical, high: counts.high, medium: counts.medium, low: counts.low, alerts: SEVERITIES.reduce((sum, s) => sum + counts[s], 0),
    })),
  };
}

/** The column of one top source. */
export function sourceColumn(source: string): `source:${string}` {
  return `source:${source}`;
}

/** The sources beyond the top ones have a column only when there are any. */
export function otherSourcesColumn(report: StatsReport): OtherSourcesColumn | null {
  const n = report.volumeBySource.otherSources;
  return n > 0 ? `other (${n} sources)` : null;
}

export function sourceVolumeTable(report: StatsReport): ChartTable<SourceVolumeRow> {
  const { sources, days } = report.volumeBySource;
  const other = otherSourcesColumn(report);
  return {
    name: 'volume-by-source',
    columns: ['date', ...sources.map(sourceColumn), ...(other ? [other] : []), 'alerts'],
    rows: days.map((day): SourceVolumeRow => {
      const row: SourceVolumeRow = { date: day.date, alerts: day.counts.reduce((sum, n) => sum + n, day.other) };
      sources.forEach((source, i) => { row[sourceColumn(source)] = day.counts[i] ?? 0; });
      if (other) row[other] = day.other;
      return row;
    }),
  };
}

export function backlogTable(report: StatsReport): ChartTable<BacklogRow> {
  return {
    name: 'backlog',
    columns: ['date', 'openAtEnd', 'inflow', 'outflow'],
    rows: report.backlog.map((b) => ({ date: b.date, openAtEnd: b.openAtEnd, inflow: b.inflow, outflow: b.outflow })),
  };
}

export const DURATION_MEASURES = ['Time to triage (alerts)', 'Time to acknowledge', 'Time to resolve'] as const;

export function durationTable(report: StatsReport): ChartTable<DurationRow> {
  const rows = (measure: string, m: DurationMetric): DurationRow[] => [
    { measure, severity: 'all', n: m.all.n, meanMs: m.all.mean, medianMs: m.all.median, p95Ms: m.all.p95, missing: m.missing },
    ...SEVERITIES.slice().reverse().map((severity): DurationRow => {
      const s = m.bySeverity[severity];
      return { measure, severity, n: s.n, meanMs: s.mean, medianMs: s.median, p95Ms: s.p95, missing: null };
    }),
  ];
  const [triage, acknowledge, resolve] = DURATION_MEASURES;
  return {
    name: 'durations',
    columns: ['measure', 'severity', 'n', 'meanMs', 'medianMs', 'p95Ms', 'missing'],
    rows: [...rows(triage, report.timeToTriage), ...rows(acknowledge, report.timeToAcknowledge), ...rows(resolve, report.timeToResolve)],
  };
}

export function rulePrecisionTable(report: StatsReport): ChartTable<RulePrecisionRow> {
  return {
    name: 'rule-precision',
    columns: ['source', 'rule', 'promoted', 'falsePositive', 'untriaged', 'precision', 'low', 'high'],
    rows: report.rulePrecision.map((r) => ({
      source: r.source, rule: r.rule, promoted: r.promoted, falsePositive: r.falsePositive, untriaged: r.untriaged, precision: r.precision, low: r.low, high: r.high,
    })),
  };
}

/** A flagged day, or (series 'alerts per hour') a flagged hour of the last 7 days. */
export interface UnusualRow {
  series: 'alerts' | 'investigations' | 'alerts per hour';
  /** Local date, or "YYYY-MM-DD HH:00" for an hour, in the report's zone. */
  when: string;
  count: number;
  expected: number;
  upperBound: number;
  dispersion: number;
  /** The baseline dates, space-separated, oldest first; for an hour, how many weeks of its hour of the week. */
  baseline: string;
  /** 'yes' while the day has not ended (its count can still grow). */
  partial: 'yes' | 'no';
  /** 'yes' when someone marked the day as expected; hours are never marked. */
  markedExpected: 'yes' | 'no';
  markNote: string | null;
  markedBy: string | null;
  /** ISO 8601, UTC. */
  markedAt: string | null;
}

export interface WorkloadRow {
  person: string;
  openAssigned: number;
  decisions: number;
  alertVerdicts: number;
  investigationResolutions: number;
}

function dayRow(day: DayAnomaly): UnusualRow {
  return {
    series: day.series, when: day.date, count: day.count, expected: day.expected, upperBound: day.upperBound, dispersion: day.dispersion,
    baseline: day.baseline.join(' '), partial: day.partial ? 'yes' : 'no', markedExpected: day.mark ? 'yes' : 'no',
    markNote: day.mark?.note ?? null, markedBy: day.mark ? (day.mark.markedBy.name ?? day.mark.markedBy.id) : null,
    markedAt: day.mark ? new Date(day.mark.markedAt).toISOString() : null,
  };
}

/** Flagged days of alerts, then of investigations, then flagged hours; a series not judged has no rows. */
export function unusualDaysTable(report: StatsReport): ChartTable<UnusualRow> {
  const { days, hours } = report.anomalies;
  const flagged = (series: 'alerts' | 'investigations') => (days[series].kind === 'scored' ? days[series].flagged.map(dayRow) : []);
  const hourRows = hours.kind === 'scored'
    ? hours.flagged.map((h): UnusualRow => ({
      series: 'alerts per hour', when: h.label, count: h.count, expected: h.expected, upperBound: h.upperBound, dispersion: h.dispersion,
      baseline: `${h.baselineWeeks} weeks`, partial: 'no', markedExpected: 'no', markNote: null, markedBy: null, markedAt: null,
    }))
    : [];
  return {
    name: 'unusual-days',
    columns: ['series', 'when', 'count', 'expected', 'upperBound', 'dispersion', 'baseline', 'partial', 'markedExpected', 'markNote', 'markedBy', 'markedAt'],
    rows: [...flagged('alerts'), ...flagged('investigations'), ...hourRows],
  };
}

/** One row per person, in the report's (alphabetical) order: never ranked. */
export function workloadTable(report: StatsReport): ChartTable<WorkloadRow> {
  return {
    name: 'workload',
    columns: ['person', 'openAssigned', 'decisions', 'alertVerdicts', 'investigationResolutions'],
    rows: report.workload.map((w) => ({
      person: w.displayName, openAssigned: w.openAssigned, decisions: w.decisions, alertVerdicts: w.alertVerdicts, investigationResolutions: w.investigationResolutions,
    })),
  };
}

/** Investigations resolved on a day, by the resolution standing now. */
export interface ResolutionRow {
  date: string;
  actioned: number;
  noViolation: number;
  duplicate: number;
  falsePositive: number;
  notRecorded: number;
  total: number;
}

export function resolutionsTable(report: StatsReport): ChartTable<ResolutionRow> {
  return {
    name: 'resolutions',
    columns: ['date', 'actioned', 'noViolation', 'duplicate', 'falsePositive', 'notRecorded', 'total'],
    rows: report.resolutions.perDay.map(({ date, counts: c }) => ({
      date, actioned: c.actioned, noViolation: c.no_violation, duplicate: c.duplicate, falsePositive: c.false_positive, notRecorded: c.not_recorded,
      total: c.actioned + c.no_violation + c.duplicate + c.false_positive + c.not_recorded,
    })),
  };
}

export interface AlertVerdictRow {
  verdict: 'promoted' | 'dismissed: false positive' | 'dismissed: other reason' | 'acknowledged' | 'untriaged';
  alerts: number;
}

/** The range's alerts by the verdict standing now, in the order of the triage flow. */
export function alertVerdictsTable(report: StatsReport): ChartTable<AlertVerdictRow> {
  const v = report.resolutions.alertVerdicts;
  return {
    name: 'alert-verdicts',
    columns: ['verdict', 'alerts'],
    rows: [
      { verdict: 'promoted', alerts: v.promoted }, { verdict: 'dismissed: false positive', alerts: v.falsePositive },
      { verdict: 'dismissed: other reason', alerts: v.dismissedOther }, { verdict: 'acknowledged', alerts: v.acknowledged }, { verdict: 'untriaged', alerts: v.untriaged },
    ],
  };
}

/** An entity behind the most alerts of the range; the value as the reader was shown it (masked or not). */
export interface TopEntityRow {
  kind: string;
  value: string;
  alerts: number;
  /** alerts ÷ the range's alerts, 0–1. */
  share: number;
  inInvestigations: number;
}

export function topEntitiesTable(top: TopEntities): ChartTable<TopEntityRow> {
  return {
    name: 'top-entities',
    columns: ['kind', 'value', 'alerts', 'share', 'inInvestigations'],
    rows: top.entities.map((e) => ({ kind: e.kind, value: e.value, alerts: e.alerts, share: e.share, inInvestigations: e.inInvestigations })),
  };
}

/** The table as RFC 4180 CSV, header first; text that a spreadsheet would run as a formula stays text. */
export function chartCsv<Row extends CsvRecord<Row>>(table: ChartTable<Row>): string {
  return csvTable(table.columns, table.rows.map((row) => table.columns.map((column): CsvValue => row[column])));
}

/** The same rows as JSON, with the range and zone their dates are counted in. */
export function chartJson<Row extends CsvRecord<Row>>(table: ChartTable<Row>, range: StatsReport['range']): string {
  return `${JSON.stringify({ chart: table.name, range, rows: table.rows }, null, 2)}\n`;
}

export function chartFileName(table: { name: ChartName }, range: StatsReport['range'], extension: 'csv' | 'json'): string {
  return `vigil-${table.name}-${range.from}-${range.to}.${extension}`;
}
