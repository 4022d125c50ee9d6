// The histogram of how long work takes, for the analytics screen and the printed report: per duration
// bucket (src-shared/duration-buckets.ts), the alerts' time to triage as bars on the left axis and the
// investigations' time to acknowledge and to resolve on the right (a team opens a handful of cases
// for hundreds of alerts, so one axis would flatten the cases). What was not measured is in no bar:
// the section says it beside the chart. Pure, so what it plots is tested without a canvas.
import type { EChartsCoreOption } from 'echarts/core';
import type { ChartTheme } from './chart-theme';
import type { StatsReport } from './analytics-model';
import { axes } from './analytics-charts';
import { DURATION_BUCKETS } from './duration-buckets';

/** The series names: a click on a bar says which list to open (alerts, or investigations). */
export const TRIAGE_SERIES = 'Time to triage (alerts)';
export const ACKNOWLEDGE_SERIES = 'Time to acknowledge (right axis)';
export const RESOLVE_SERIES = 'Time to resolve (right axis)';

export function durationDistributionOption(report: StatsReport, theme: ChartTheme): EChartsCoreOption {
  const { triage, acknowledge, resolve } = report.durationDistributions;
  const [alertsColour, , acknowledgeColour, , resolveColour] = theme.palette;
  const base = axes(theme, DURATION_BUCKETS.map((b) => b.label));
  return {
    ...base,
    yAxis: [
      { ...base.yAxis, name: 'alerts', nameTextStyle: { color: theme.textMuted } },
      { ...base.yAxis, name: 'cases', nameTextStyle: { color: theme.textMuted }, splitLine: { show: false } },
    ],
    // Every bucket named, even on a narrow page: left to itself echarts drops every other label.
    xAxis: { ...base.xAxis, axisLabel: { ...base.xAxis.axisLabel, interval: 0, fontSize: 10 } },
    grid: { ...base.grid, top: 48, right: 48 },
    series: [
      { name: TRIAGE_SERIES, type: 'bar', data: [...triage.counts], itemStyle: { color: alertsColour } },
      { name: ACKNOWLEDGE_SERIES, type: 'bar', yAxisIndex: 1, data: [...acknowledge.counts], itemStyle: { color: acknowledgeColour } },
      { name: RESOLVE_SERIES, type: 'bar', yAxisIndex: 1, data: [...resolve.counts], itemStyle: { color: resolveColour } },
    ],
  };
}
