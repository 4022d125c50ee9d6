// What the analytics charts plot: the range's days then the forecast's, each value in its own series,
// bands only where the forecast is.
import { describe, expect, it } from 'vitest';
import { breakdownSeries, resolutionsOption, volumeBreakdownOption, volumeOption, volumeRows } from '../../../src-shared/analytics-charts';
import { SEVERITY_CHART_COLOURS } from '../../../src-shared/chart-theme';
import type { StatsReport } from '../../../src-shared/analytics-model';
import type { ChartTheme } from '../../../src-renderer/charts/chart-theme';
import { QUIET_EXTRAS } from '../reports/stats-fixture';

const empty = { n: 0, mean: null, median: null, p95: null };
const duration = { all: empty, bySeverity: { low: empty, medium: empty, high: empty, critical: empty }, missing: 0 };
const REPORT: StatsReport = {
  ...QUIET_EXTRAS,
  range: { from: '2026-03-01', to: '2026-03-02', timeZone: 'UTC' }, generatedAt: 0,
  volumes: [{ date: '2026-03-01', alerts: 5, investigations: 1 }, { date: '2026-03-02', alerts: 7, investigations: 0 }],
  volumeBySeverity: [
    { date: '2026-03-01', counts: { low: 2, medium: 0, high: 2, critical: 1 } },
    { date: '2026-03-02', counts: { low: 3, medium: 1, high: 0, critical: 3 } },
  ],
  volumeBySource: { sources: ['ids', 'edr'], otherSources: 3, days: [{ date: '2026-03-01', counts: [3, 1], other: 1 }, { date: '2026-03-02', counts: [4, 3], other: 0 }] },
  timeToTriage: duration, timeToAcknowledge: duration, timeToResolve: duration, reopened: 0, backlog: [], age: [],
  sla: { targetsMs: { low: 1, medium: 1, high: 1, critical: 1 }, atRiskWindowMs: 1, met: 0, breached: 0, atRisk: 0, open: 0, compliance: null },
  rulePrecision: [],
  forecast: {
    alerts: {
      kind: 'forecast', model: 'seasonal-naive', reason: 'model-does-not-beat-baseline', historyDays: 30,
      points: [{ date: '2026-03-03', mean: 6, lower80: 4, upper80: 8, lower95: 3, upper95: 9 }],
      backtest: { origins: 2, holtWinters: { mase: 1.2, coverage80: 0.7, coverage95: 0.9 }, seasonalNaive: { mase: 0.9, coverage80: 0.8, coverage95: 0.95 } },
    },
    investigations: { kind: 'insufficient-history', days: 2, requiredDays: 21 },
  },
};
const THEME: ChartTheme = { mode: 'light', text: '#000', textMuted: '#555', border: '#ccc', background: '#fff', accent: '#00f', fontFamily: 'sans-serif', palette: ['#1', '#2', '#3', '#4', '#5', '#6', '#7', '#8', '#9'] };

describe('analytics charts', () => {
  it('plots the range\'s days, then the forecast days with their bands', () => {
    expect(volumeRows(REPORT).map((r) => [r.date, r.alerts, r.expected, r.low95, r.high95])).toEqual([
      ['2026-03-01', 5, null, null, null], ['2026-03-02', 7, null, null, null], ['2026-03-03', null, 6, 3, 9],
    ]);
    const option = volumeOption(REPORT, THEME) as { xAxis: { data: string[] }; series: Array<{ name: string; data: Array<number | null> }> };
    expect(option.xAxis.data).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    const series = Object.fromEntries(option.series.map((s) => [s.name, s.data]));
    expect(series['Alerts']).toEqual([5, 7, null]);
    // A band is its lower bound (invisible) with its width stacked on it.
    expect(series['95 % interval base']).toEqual([null, null, 3]);
    expect(series['95 % interval']).toEqual([null, null, 6]);
    expect(series['80 % interval']).toEqual([null, null, 4]);
  });

  it('names the investigations series for its axis and keeps the legend on one line', () => {
    const option = volumeOption(REPORT, THEME) as { legend: { type: string; data: string[] }; series: Array<{ name: string; yAxisIndex?: number; silent?: boolean }> };
    expect(option.legend.type).toBe('scroll');
    expect(option.legend.data).toContain('Investigations (right axis)');
    expect(option.series.find((s) => s.name === 'Investigations (right axis)')?.yAxisIndex).toBe(1);
    // The shaded bands do not take the clicks meant for the bars under them.
    expect(option.series.filter((s) => s.name.includes('interval')).every((s) => s.silent)).toBe(true);
  });

  it('stacks each day\'s alerts by severity, critical at the bottom, in the severity colours, every severity present', () => {
    const option = volumeBreakdownOption(REPORT, 'severity', THEME) as { xAxis: { data: string[] }; series: Array<{ name: string; type: string; stack: string; data: number[]; itemStyle: { color: string } }> };
    expect(option.xAxis.data).toEqual(['2026-03-01', '2026-03-02']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['Critical', [1, 3]], ['High', [2, 0]], ['Medium', [0, 1]], ['Low', [2, 3]]]);
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1);
    expect(option.series.map((s) => s.itemStyle.color)).toEqual(['critical', 'high', 'medium', 'low'].map((s) => SEVERITY_CHART_COLOURS.light[s as 'low']));
    // Each day's stack is the day's alerts.
    expect([0, 1].map((day) => option.series.reduce((sum, s) => sum + (s.data[day] ?? 0), 0))).toEqual([5, 7]);
  });

  it('stacks by source, most first, then the other sources summed under a name that says how many, in grey', () => {
    const option = volumeBreakdownOption(REPORT, 'source', THEME) as { series: Array<{ name: string; data: number[]; itemStyle: { color: string } }> };
    expect(option.series.map((s) => [s.name, s.data, s.itemStyle.color])).toEqual([['ids', [3, 4], '#1'], ['edr', [1, 3], '#2'], ['Other (3 sources)', [1, 0], '#8']]);
    // What a click on each series filters the list by: "other" is no single source.
    expect(breakdownSeries(REPORT, 'source').map((s) => s.filter)).toEqual([{ source: 'ids' }, { source: 'edr' }, { otherSources: 3 }]);
    const fewer = { ...REPORT, volumeBySource: { ...REPORT.volumeBySource, otherSources: 0 } };
    expect(breakdownSeries(fewer, 'source').map((s) => s.name)).toEqual(['ids', 'edr']);
  });

  it('stacks each day\'s resolutions, not recorded last, on the range\'s days only', () => {
    const report: StatsReport = {
      ...REPORT,
      resolutions: {
        ...REPORT.resolutions,
        perDay: [
          { date: '2026-03-01', counts: { actioned: 2, no_violation: 1, duplicate: 0, false_positive: 0, not_recorded: 0 } },
          { date: '2026-03-02', counts: { actioned: 0, no_violation: 0, duplicate: 0, false_positive: 1, not_recorded: 3 } },
        ],
      },
    };
    const option = resolutionsOption(report, THEME) as { xAxis: { data: string[] }; series: Array<{ name: string; stack: string; data: number[] }> };
    expect(option.xAxis.data).toEqual(['2026-03-01', '2026-03-02']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Actioned', [2, 0]], ['No violation', [1, 0]], ['Duplicate', [0, 0]], ['False positive', [0, 1]], ['Not recorded', [0, 3]],
    ]);
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1);
  });
});
