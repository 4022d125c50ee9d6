// The histogram and the breakdown of how long work takes, as the screen's tables and their downloads
// show them: one line per bucket then the missing counts; one line per group, the pooled rest said as
// such, and a grouping that does not apply said in words rather than as zeros.
import { describe, expect, it } from 'vitest';
import { chartCsv, chartFileName } from '../../../src-shared/analytics-tables';
import { distributionTable, durationBreakdownTable } from '../../../src-shared/duration-tables';
import { ACKNOWLEDGE_SERIES, RESOLVE_SERIES, TRIAGE_SERIES, durationDistributionOption } from '../../../src-shared/duration-charts';
import type { DurationBreakdown } from '../../../src-shared/duration-breakdown-model';
import type { ChartTheme } from '../../../src-shared/chart-theme';
import { statsFixture } from '../reports/stats-fixture';

const lines = (csv: string) => csv.split('\r\n').slice(0, -1);
const H = 3_600_000;
const THEME: ChartTheme = { mode: 'light', text: '#000', textMuted: '#555', border: '#ccc', background: '#fff', accent: '#00f', fontFamily: 'sans-serif', palette: ['#1', '#2', '#3', '#4', '#5'] };

describe('duration histogram table and chart', () => {
  it('writes one line per bucket and the missing counts last', () => {
    const report = statsFixture();
    const table = distributionTable(report);
    expect(lines(chartCsv(table))).toEqual([
      'bucket,triage,acknowledge,resolve',
      '< 15 min,400,9,0', '15 min – 1 h,300,4,0', '1 – 4 h,250,3,1', '4 – 24 h,200,1,2',
      '1 – 3 d,60,0,3', '3 – 7 d,20,0,2', '7 – 30 d,4,0,1', '≥ 30 d,0,0,0',
      'Not measured (missing),321,4,12',
    ]);
    expect(chartFileName(table, report.range, 'csv')).toBe('vigil-duration-distribution-2026-03-01-2026-03-10.csv');
  });

  it('plots alerts on the left axis and investigations on the right, with the buckets as categories', () => {
    const option = durationDistributionOption(statsFixture(), THEME) as { xAxis: { data: string[] }; series: Array<{ name: string; yAxisIndex?: number; data: number[] }> };
    expect(option.xAxis.data).toHaveLength(8);
    expect(option.series.map((s) => [s.name, s.yAxisIndex ?? 0, s.data[0]])).toEqual([[TRIAGE_SERIES, 0, 400], [ACKNOWLEDGE_SERIES, 1, 9], [RESOLVE_SERIES, 1, 0]]);
  });
});

describe('duration breakdown table', () => {
  it('lists groups, the pooled rest as "other", and a grouping that does not apply in words', () => {
    const breakdown: DurationBreakdown = {
      range: { from: '2026-03-01', to: '2026-03-02', timeZone: 'UTC' }, generatedAt: 0, by: 'template',
      triage: { kind: 'not-applicable', reason: 'Alerts have no template.' },
      acknowledge: {
        kind: 'grouped',
        groups: [{ key: 'fraud_ring', label: 'Fraud ring', summary: { n: 2, mean: H, median: H, p95: 2 * H }, missing: 1 }, { key: null, label: 'No template', summary: { n: 0, mean: null, median: null, p95: null }, missing: 3 }],
        other: { groups: 4, summary: { n: 5, mean: 2 * H, median: H, p95: 3 * H }, missing: 0 },
      },
      resolve: { kind: 'grouped', groups: [], other: null },
    };
    const table = durationBreakdownTable(breakdown);
    expect(lines(chartCsv(table))).toEqual([
      'measure,group,n,meanMs,medianMs,p95Ms,missing',
      'Time to triage (alerts),Not applicable: Alerts have no template.,,,,,',
      `Time to acknowledge,Fraud ring,2,${H},${H},${2 * H},1`,
      'Time to acknowledge,No template,0,,,,3',
      `Time to acknowledge,"Other (4 more groups, pooled)",5,${2 * H},${H},${3 * H},0`,
    ]);
    expect(chartFileName(table, breakdown.range, 'json')).toBe('vigil-durations-by-template-2026-03-01-2026-03-02.json');
  });
});
