// Chart options for the analytics screen and the printed analytics report, built from a stats report and the theme: volumes per day
// with the forecast and its 80 % / 95 % bands after the range, alerts per day stacked by severity or
// by source, the daily backlog, and the resolutions per day. Pure, so the data each chart shows is
// tested without a canvas.
import type { EChartsCoreOption } from 'echarts/core';
import { SEVERITY_CHART_COLOURS, type ChartTheme } from './chart-theme';
import type { ResolutionKey, StatsReport } from './analytics-model';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from './model';

export function axes(theme: ChartTheme, dates: readonly string[]) {
  const label = { color: theme.textMuted, fontFamily: theme.fontFamily };
  return {
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: dates, axisLabel: label, axisLine: { lineStyle: { color: theme.border } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: label, splitLine: { lineStyle: { color: theme.border, opacity: 0.5 } } },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, textStyle: { color: theme.text, fontFamily: theme.fontFamily } },
    textStyle: { fontFamily: theme.fontFamily },
  };
}

/** The rows behind the volume chart: the range's days, then the forecast's. */
export function volumeRows(report: StatsReport): Array<{ date: string; alerts: number | null; investigations: number | null; expected: number | null; low95: number | null; high95: number | null; low80: number | null; high80: number | null }> {
  const forecast = report.forecast.alerts.kind === 'forecast' ? report.forecast.alerts.points : [];
  return [
    ...report.volumes.map((v) => ({ date: v.date, alerts: v.alerts, investigations: v.investigations, expected: null, low95: null, high95: null, low80: null, high80: null })),
    ...forecast.map((p) => ({ date: p.date, alerts: null, investigations: null, expected: p.mean, low95: p.lower95, high95: p.upper95, low80: p.lower80, high80: p.upper80 })),
  ];
}

/** The volume chart's series names: a click on a bar or a point says which list to open. */
export const ALERTS_SERIES = 'Alerts';
/** Named for its axis, so a reader knows which scale it is read against. */
export const INVESTIGATIONS_SERIES = 'Investigations (right axis)';

export function volumeOption(report: StatsReport, theme: ChartTheme): EChartsCoreOption {
  const rows = volumeRows(report);
  const [alertsColour, casesColour] = theme.palette;
  // Bands drawn as stacked areas: the lower bound invisible, the width above it shaded.
  const band = (name: string, low: (r: (typeof rows)[number]) => number | null, high: (r: (typeof rows)[number]) => number | null, opacity: number) => [
    { name: `${name} base`, type: 'line', stack: name, data: rows.map(low), lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false }, silent: true },
    {
      name, type: 'line', stack: name, silent: true, data: rows.map((r) => { const l = low(r); const h = high(r); return l === null || h === null ? null : h - l; }),
      lineStyle: { opacity: 0 }, symbol: 'none', itemStyle: { color: alertsColour, opacity }, areaStyle: { color: alertsColour, opacity }, tooltip: { show: false },
    },
  ];
  const base = axes(theme, rows.map((r) => r.date));
  return {
    ...base,
    // Investigations on their own axis (right): a team opens a handful of cases for hundreds of alerts.
    yAxis: [base.yAxis, { ...base.yAxis, name: 'cases', nameTextStyle: { color: theme.textMuted }, splitLine: { show: false } }],
    // Room above the plot for the one-line legend and, under it, the right axis's name.
    grid: { ...base.grid, top: 48, right: 48 },
    // One line whatever the width (scrolls when it does not fit), so it never runs into the plot.
    legend: {
      type: 'scroll', top: 0, data: [ALERTS_SERIES, INVESTIGATIONS_SERIES, 'Forecast (alerts)', '95 % interval', '80 % interval'],
      textStyle: { color: theme.text, fontFamily: theme.fontFamily }, pageTextStyle: { color: theme.textMuted }, pageIconColor: theme.text, pageIconInactiveColor: theme.border,
    },
    series: [
      ...band('95 % interval', (r) => r.low95, (r) => r.high95, 0.12),
      ...band('80 % interval', (r) => r.low80, (r) => r.high80, 0.22),
      { name: ALERTS_SERIES, type: 'bar', data: rows.map((r) => r.alerts), itemStyle: { color: alertsColour } },
      { name: INVESTIGATIONS_SERIES, type: 'line', yAxisIndex: 1, data: rows.map((r) => r.investigations), itemStyle: { color: casesColour }, symbolSize: 5 },
      { name: 'Forecast (alerts)', type: 'line', data: rows.map((r) => r.expected), itemStyle: { color: alertsColour }, lineStyle: { type: 'dashed' }, symbol: 'none' },
    ],
  };
}

export function backlogOption(report: StatsReport, theme: ChartTheme): EChartsCoreOption {
  const [, , openColour, inColour, outColour] = theme.palette;
  const dates = report.backlog.map((b) => b.date);
  return {
    ...axes(theme, dates),
    series: [
      { name: 'Open at day end', type: 'line', data: report.backlog.map((b) => b.openAtEnd), itemStyle: { color: openColour }, symbolSize: 5 },
      { name: 'In', type: 'bar', data: report.backlog.map((b) => b.inflow), itemStyle: { color: inColour } },
      { name: 'Out', type: 'bar', data: report.backlog.map((b) => b.outflow), itemStyle: { color: outColour } },
    ],
  };
}

/** Alerts per day stacked by severity or by source (the page's toggle). */
export type BreakdownView = 'severity' | 'source';

/** What a stacked series counts, so a click on it opens the same alerts: "other" is no single source. */
export type BreakdownFilter = { severity: Severity } | { source: string } | { otherSources: number };

export interface BreakdownSeries {
  name: string;
  filter: BreakdownFilter;
  /** Per day of the range. */
  counts: number[];
}

/** The series name (and column heading) of the sources beyond the top ones, saying how many it sums. */
export function otherSourcesLabel(n: number): string {
  return `Other (${n} source${n === 1 ? '' : 's'})`;
}

/**
 * The stacked series, bottom first: by severity, critical to low (all four, always); by source, the
 * top sources most first, then the others summed when there are any.
 */
export function breakdownSeries(report: StatsReport, view: BreakdownView): BreakdownSeries[] {
  if (view === 'severity') {
    return SEVERITIES.slice().reverse().map((severity) => ({
      name: SEVERITY_LABELS[severity], filter: { severity }, counts: report.volumeBySeverity.map((d) => d.counts[severity]),
    }));
  }
  const { sources, otherSources, days } = report.volumeBySource;
  return [
    ...sources.map((source, i): BreakdownSeries => ({ name: source, filter: { source }, counts: days.map((d) => d.counts[i] ?? 0) })),
    ...(otherSources > 0 ? [{ name: otherSourcesLabel(otherSources), filter: { otherSources }, counts: days.map((d) => d.other) }] : []),
  ];
}

/** Palette place of "other": the neutral grey, so the named sources keep the distinct colours. */
const OTHER_SOURCES_COLOUR = 7;

function breakdownColour(theme: ChartTheme, filter: BreakdownFilter, index: number): string | undefined {
  if ('severity' in filter) return SEVERITY_CHART_COLOURS[theme.mode][filter.severity];
  const at = 'otherSources' in filter ? OTHER_SOURCES_COLOUR : index < OTHER_SOURCES_COLOUR ? index : index + 1;
  return theme.palette[at % theme.palette.length];
}

export function volumeBreakdownOption(report: StatsReport, view: BreakdownView, theme: ChartTheme): EChartsCoreOption {
  const base = axes(theme, report.volumeBySeverity.map((d) => d.date));
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { ...base.legend, pageTextStyle: { color: theme.textMuted }, pageIconColor: theme.text, pageIconInactiveColor: theme.border },
    series: breakdownSeries(report, view).map((s, i) => ({
      name: s.name, type: 'bar', stack: 'alerts', data: s.counts, itemStyle: { color: breakdownColour(theme, s.filter, i) },
    })),
  };
}

/** The resolutions in the chart's stacking order, each with its series name (a click says which was hit). */
export const RESOLUTION_SERIES: ReadonlyArray<{ key: ResolutionKey; name: string; colour: number }> = [
  { key: 'actioned', name: 'Actioned', colour: 2 },
  { key: 'no_violation', name: 'No violation', colour: 0 },
  { key: 'duplicate', name: 'Duplicate', colour: 4 },
  { key: 'false_positive', name: 'False positive', colour: 3 },
  // Grey, so a gap in the data does not read as one more resolution.
  { key: 'not_recorded', name: 'Not recorded', colour: 7 },
];

/** Investigations resolved per day, stacked by the resolution standing now. */
export function resolutionsOption(report: StatsReport, theme: ChartTheme): EChartsCoreOption {
  const { perDay } = report.resolutions;
  return {
    ...axes(theme, perDay.map((d) => d.date)),
    series: RESOLUTION_SERIES.map(({ key, name, colour }) => ({
      name, type: 'bar', stack: 'resolutions', data: perDay.map((d) => d.counts[key]), itemStyle: { color: theme.palette[colour % theme.palette.length] },
    })),
  };
}
