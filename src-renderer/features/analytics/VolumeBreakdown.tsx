// Alerts per day stacked by severity or by source (a toggle): the range's top sources by name, the
// rest summed as "other" and said so. A segment opens that day's alerts of that severity or source in
// the queue; the table under the chart is the one its downloads write (docs/METRICS.md, "Volume by
// source and severity").
import { useCallback, useState, type ReactNode } from 'react';
import { Button } from '../../components/Button';
import type { Column } from '../../components/DataTable';
import { EChart, type ChartClick } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import type { Route } from '../../kit/pages';
import type { LocalDays } from '../../kit/route-query';
import { SEVERITY_LABELS, type Severity } from '../../../src-shared/model';
import { TOP_SOURCES, type StatsReport } from '../../../src-shared/analytics-model';
import { breakdownSeries, otherSourcesLabel, volumeBreakdownOption, type BreakdownView } from '../../../src-shared/analytics-charts';
import {
  otherSourcesColumn, severityVolumeTable, sourceColumn, sourceVolumeTable, type SeverityVolumeRow, type SourceVolumeRow,
} from '../../../src-shared/analytics-tables';
import { alertsLink, breakdownAlertsLink } from './list-links';
import { DataBehind, Downloads, ListLink, Section } from './SectionParts';

const TITLE = 'Alerts by source and severity';
const VIEWS: ReadonlyArray<{ view: BreakdownView; label: string }> = [{ view: 'severity', label: 'By severity' }, { view: 'source', label: 'By source' }];
/** Columns as the chart stacks them, bottom first. */
const SEVERITY_COLUMNS: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export function VolumeBreakdown({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const [view, setView] = useState<BreakdownView>('severity');
  const { range } = report;
  const day = (date: string): LocalDays => ({ from: date, to: date, timeZone: range.timeZone });
  const count = (n: number, route: Route, label: string) => (n === 0 ? '0' : <ListLink route={route} onOpen={onOpen} label={label}>{n.toLocaleString()}</ListLink>);
  const severityTable = severityVolumeTable(report);
  const sourceTable = sourceVolumeTable(report);
  return (
    <Section
      title={TITLE} testId="analytics-breakdown"
      actions={view === 'severity'
        ? <Downloads table={severityTable} range={range} title={`${TITLE}: by severity`} />
        : <Downloads table={sourceTable} range={range} title={`${TITLE}: by source`} />}
    >
      <div className="analytics__toggle" role="group" aria-label="Break alerts down">
        {VIEWS.map((v) => (
          <Button key={v.view} size="sm" variant={view === v.view ? 'primary' : 'secondary'} aria-pressed={view === v.view}
            onClick={() => setView(v.view)} data-testid={`breakdown-${v.view}`}>{v.label}</Button>
        ))}
      </div>
      <BreakdownChart report={report} view={view} onOpen={onOpen} />
      <p className="muted analytics__hint" data-testid="breakdown-hint">
        {view === 'severity' ? 'Click a segment for that day\'s alerts of that severity in the queue.' : sourceHint(report)}
      </p>
      {view === 'severity'
        ? <DataBehind<SeverityVolumeRow> label="Alerts per day by severity" rows={severityTable.rows} testId="breakdown-severity-data" columns={[
          { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
          ...SEVERITY_COLUMNS.map((severity): Column<SeverityVolumeRow> => ({
            id: severity, header: SEVERITY_LABELS[severity], align: 'end',
            cell: (r) => count(r[severity], alertsLink(day(r.date), { severity }), `${SEVERITY_LABELS[severity]} alerts on ${r.date}`),
          })),
          { id: 'alerts', header: 'Alerts', align: 'end', cell: (r) => count(r.alerts, alertsLink(day(r.date)), `Alerts on ${r.date}`) },
        ]} />
        : <DataBehind<SourceVolumeRow> label="Alerts per day by source" rows={sourceTable.rows} testId="breakdown-source-data" columns={sourceColumns(report, day, count)} />}
    </Section>
  );
}

/** Which sources are drawn, and what a click on "other" opens. */
function sourceHint(report: StatsReport): string {
  const { sources, otherSources } = report.volumeBySource;
  if (otherSources === 0) return `Every source with alerts in the range (${sources.length}). Click a segment for that day's alerts of that source in the queue.`;
  return `The ${TOP_SOURCES} sources with the most alerts in the range; the other ${otherSources.toLocaleString()} are summed as “${otherSourcesLabel(otherSources)}”. `
    + 'Click a segment for that day\'s alerts of that source in the queue; “Other” opens all of the day\'s alerts, as the queue filters one source at a time.';
}

function sourceColumns(
  report: StatsReport, day: (date: string) => LocalDays, count: (n: number, route: Route, label: string) => ReactNode,
): Column<SourceVolumeRow>[] {
  const other = otherSourcesColumn(report);
  return [
    { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
    ...report.volumeBySource.sources.map((source, i): Column<SourceVolumeRow> => ({
      id: `source-${i}`, header: source, align: 'end',
      cell: (r) => count(r[sourceColumn(source)] ?? 0, alertsLink(day(r.date), { source }), `Alerts from ${source} on ${r.date}`),
    })),
    ...(other ? [{ id: 'other', header: otherSourcesLabel(report.volumeBySource.otherSources), align: 'end', cell: (r) => (r[other] ?? 0).toLocaleString() } satisfies Column<SourceVolumeRow>] : []),
    { id: 'alerts', header: 'Alerts', align: 'end', cell: (r) => count(r.alerts, alertsLink(day(r.date)), `Alerts on ${r.date}`) },
  ];
}

function BreakdownChart({ report, view, onOpen }: { report: StatsReport; view: BreakdownView; onOpen(route: Route): void }) {
  const option = useCallback((theme: ChartTheme) => volumeBreakdownOption(report, view, theme), [report, view]);
  const open = useCallback((event: ChartClick) => {
    const series = event.seriesIndex === undefined ? undefined : breakdownSeries(report, view)[event.seriesIndex];
    if (!series || !event.name) return;
    onOpen(breakdownAlertsLink({ from: event.name, to: event.name, timeZone: report.range.timeZone }, series.filter));
  }, [report, view, onOpen]);
  const by = view === 'severity' ? 'severity' : 'source';
  return <EChart option={option} onClick={open} label={`Alerts per day by ${by}, ${report.range.from} to ${report.range.to}`} height={300} testId={`chart-breakdown-${view}`} />;
}
