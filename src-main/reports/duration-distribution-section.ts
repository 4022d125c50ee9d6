// The analytics report's histogram of how long work takes: the screen's chart (src-shared/
// duration-charts.ts) drawn as SVG, its table of counts per bucket with what was not measured, in the
// screen's words. Kept beside analytics-sections.ts, which places it under the durations table.
import { distributionTable } from '../../src-shared/duration-tables';
import { durationDistributionOption } from '../../src-shared/duration-charts';
import type { ChartTheme } from '../../src-shared/chart-theme';
import type { StatsReport } from '../../src-shared/analytics-model';
import { chartSvg } from './chart-svg';
import type { ReportBlock } from './report-document';

const HEIGHT = 280;
const count = (n: number): string => n.toLocaleString('en-US');

export function durationDistributionBlocks(stats: StatsReport, theme: ChartTheme, width: number): ReportBlock[] {
  const { from, to } = stats.range;
  const table = distributionTable(stats);
  return [
    { kind: 'text', text: 'How the durations spread: alerts (left axis) and investigations (right axis) per duration bucket; a duration on an edge counts in the bucket above it. What was not measured is in no bar and is counted on the table\'s last line.' },
    { kind: 'chart', label: `Time to triage, acknowledge and resolve per duration bucket, ${from} to ${to}`, svg: chartSvg(durationDistributionOption(stats, theme), { width, height: HEIGHT }), width, height: HEIGHT },
    {
      kind: 'table',
      table: {
        empty: 'Nothing to measure.',
        columns: [{ label: 'Duration', weight: 2 }, { label: 'Triage (alerts)', weight: 1, numeric: true }, { label: 'Acknowledge', weight: 1, numeric: true }, { label: 'Resolve', weight: 1, numeric: true }],
        rows: table.rows.map((r) => [r.bucket, count(r.triage), count(r.acknowledge), count(r.resolve)]),
      },
    },
  ];
}
