// "How long work takes": time to triage / acknowledge / resolve over the range with n and what is
// missing, broken down by severity (from the stats report) or, on demand, by source, rule, assignee
// or template (analytics.durations); and the histogram of each duration, whose bars open the items
// they count. docs/METRICS.md, "Durations", "Duration histograms" and "Durations broken down".
import { useCallback, useEffect } from 'react';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { SelectField } from '../../components/SelectField';
import { EChart, type ChartClick } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import type { Route } from '../../kit/pages';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { durationTable, type DurationRow } from '../../../src-shared/analytics-tables';
import { DURATION_GROUPINGS, type DurationGrouping } from '../../../src-shared/duration-breakdown-model';
import { TRIAGE_SERIES, durationDistributionOption } from '../../../src-shared/duration-charts';
import {
  GROUPING_LABELS, distributionTable, durationBreakdownTable, type DistributionRow, type DurationGroupRow,
} from '../../../src-shared/duration-tables';
import { formatSpan } from '../../../src-shared/analytics-format';
import { alertsLink, openedInvestigationsLink } from './list-links';
import { Downloads, Section } from './SectionParts';
import { breakdownKey, useDurationsStore } from './durations-store';

export function Durations({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const { by, breakdown, answered, choose, load, retry } = useDurationsStore();
  useEffect(() => {
    void load(report);
  }, [by, report, load]);
  const severityTable = durationTable(report);
  // An answer shows only under the grouping and report it was asked for; anything else is on its way.
  const current = by !== 'severity' && answered === breakdownKey(by, report) && breakdown.status === 'ready' && breakdown.data ? durationBreakdownTable(breakdown.data) : null;
  const failed = by !== 'severity' && answered === breakdownKey(by, report) && breakdown.status === 'failed';
  const downloads = by === 'severity'
    ? <Downloads table={severityTable} range={report.range} title="How long work takes, by severity" />
    : current && <Downloads table={current} range={report.range} title={`How long work takes, by ${GROUPING_LABELS[by].toLowerCase()}`} />;
  return (
    <Section title="How long work takes" testId="analytics-durations" actions={downloads}>
      <p className="muted">Over the items created or opened in the range; from the status log, never from “last updated”. Missing: not happened yet, or not recorded.</p>
      <SelectField label="Break down by" inline value={by} onChange={(event) => choose(event.target.value as DurationGrouping)} data-testid="durations-by">
        {DURATION_GROUPINGS.map((g) => <option key={g} value={g}>{GROUPING_LABELS[g]}</option>)}
      </SelectField>
      {by === 'severity' && (
        <DataTable label="Durations by severity" rowKey={(r) => `${r.measure}-${r.severity}`} rows={severityTable.rows} columns={SEVERITY_COLUMNS} emptyMessage="Nothing to measure." testId="durations-table" />
      )}
      {by !== 'severity' && failed && (
        <p className="analytics__hint" role="alert" data-testid="durations-error">
          Could not break the durations down: {breakdown.error} <Button size="sm" onClick={() => void retry(report)}>Try again</Button>
        </p>
      )}
      {by !== 'severity' && !failed && (
        <DataTable
          label={`Durations by ${GROUPING_LABELS[by].toLowerCase()}`} rowKey={(r) => `${r.measure}-${r.group}`} rows={current?.rows ?? []}
          columns={groupColumns(GROUPING_LABELS[by])} loading={current === null} emptyMessage="Nothing to measure." testId="durations-table"
        />
      )}
      {by === 'assignee' && <p className="muted analytics__hint">Per person, largest first by n: a measure of the work each holds, not a ranking of people.</p>}
      <Histogram report={report} onOpen={onOpen} />
    </Section>
  );
}

function Histogram({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const option = useCallback((theme: ChartTheme) => durationDistributionOption(report, theme), [report]);
  const { range } = report;
  const open = useCallback((event: ChartClick) => {
    const days = { from: range.from, to: range.to, timeZone: range.timeZone };
    onOpen(event.seriesName === TRIAGE_SERIES ? alertsLink(days) : openedInvestigationsLink(days));
  }, [range, onOpen]);
  const table = distributionTable(report);
  const { triage, acknowledge, resolve } = report.durationDistributions;
  return (
    <>
      <h3 className="analytics__subhead">How the durations spread</h3>
      <EChart option={option} onClick={open} label={`Time to triage, acknowledge and resolve per duration bucket, ${range.from} to ${range.to}`} height={280} testId="chart-duration-distribution" />
      <p className="muted analytics__hint" data-testid="duration-missing">
        Not measured, in no bar: {triage.missing.toLocaleString()} alerts not triaged, {acknowledge.missing.toLocaleString()} investigations not acknowledged, {resolve.missing.toLocaleString()} not resolved.
        A bar of time to triage opens the range's alerts; of acknowledge or resolve, the investigations opened in the range. A duration on an edge counts in the bucket above it.
      </p>
      <details className="analytics__data">
        <summary>Data table</summary>
        <Downloads table={table} range={range} title="How the durations spread" />
        <DataTable<DistributionRow> label="Durations per bucket" rows={table.rows} rowKey={(r) => r.bucket} emptyMessage="Nothing to measure." testId="duration-distribution-data" columns={[
          { id: 'bucket', header: 'Duration', rowHeader: true, cell: (r) => r.bucket },
          { id: 'triage', header: 'Triage (alerts)', align: 'end', cell: (r) => r.triage.toLocaleString() },
          { id: 'acknowledge', header: 'Acknowledge', align: 'end', cell: (r) => r.acknowledge.toLocaleString() },
          { id: 'resolve', header: 'Resolve', align: 'end', cell: (r) => r.resolve.toLocaleString() },
        ]} />
      </details>
    </>
  );
}

const SEVERITY_COLUMNS: Column<DurationRow>[] = [
  { id: 'metric', header: 'Measure', rowHeader: true, cell: (r) => (r.severity === 'all' ? <strong>{r.measure}</strong> : '') },
  { id: 'severity', header: 'Severity', width: '84px', cell: (r) => r.severity },
  { id: 'n', header: 'n', width: '64px', align: 'end', cell: (r) => r.n.toLocaleString() },
  { id: 'mean', header: 'Mean', width: '80px', align: 'end', cell: (r) => formatSpan(r.meanMs) },
  { id: 'median', header: 'Median', width: '80px', align: 'end', cell: (r) => formatSpan(r.medianMs) },
  { id: 'p95', header: 'p95', width: '80px', align: 'end', cell: (r) => formatSpan(r.p95Ms) },
  { id: 'missing', header: 'Missing', width: '76px', align: 'end', cell: (r) => (r.missing === null ? '' : r.missing.toLocaleString()) },
];

/** The by-severity table's columns, with the group in the severity's place. */
function groupColumns(groupHeader: string): Column<DurationGroupRow>[] {
  return [
    { id: 'metric', header: 'Measure', rowHeader: true, cell: (r) => r.measure },
    { id: 'group', header: groupHeader, fullText: (r) => r.group, cell: (r) => r.group },
    { id: 'n', header: 'n', width: '64px', align: 'end', cell: (r) => (r.n === null ? '—' : r.n.toLocaleString()) },
    { id: 'mean', header: 'Mean', width: '80px', align: 'end', cell: (r) => formatSpan(r.meanMs) },
    { id: 'median', header: 'Median', width: '80px', align: 'end', cell: (r) => formatSpan(r.medianMs) },
    { id: 'p95', header: 'p95', width: '80px', align: 'end', cell: (r) => formatSpan(r.p95Ms) },
    { id: 'missing', header: 'Missing', width: '76px', align: 'end', cell: (r) => (r.missing === null ? '—' : r.missing.toLocaleString()) },
  ];
}
