// How the range's work ended: investigations resolved per day, stacked by the resolution standing
// now (cases closed without one, imported ones, counted as "not recorded"), and the verdicts of the
// range's alerts (docs/METRICS.md, "Resolutions"). A bar, or a count in the data table, opens the
// investigations resolved that day with that resolution.
import { useCallback } from 'react';
import type { ResolutionKey, StatsReport } from '../../../src-shared/analytics-model';
import { RESOLUTION_SERIES, resolutionsOption } from '../../../src-shared/analytics-charts';
import { alertVerdictsTable, resolutionsTable, type AlertVerdictRow, type ResolutionRow } from '../../../src-shared/analytics-tables';
import { formatShare } from '../../../src-shared/analytics-format';
import { EChart, type ChartClick } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import { DataTable, type Column } from '../../components/DataTable';
import type { Route } from '../../kit/pages';
import { resolvedInvestigationsLink } from './list-links';
import { Downloads, ListLink, Section } from './SectionParts';

/** The data table's count columns, each a resolution of the chart. */
const COUNT_COLUMNS: ReadonlyArray<{ field: keyof ResolutionRow & string; key: ResolutionKey }> = [
  { field: 'actioned', key: 'actioned' }, { field: 'noViolation', key: 'no_violation' }, { field: 'duplicate', key: 'duplicate' },
  { field: 'falsePositive', key: 'false_positive' }, { field: 'notRecorded', key: 'not_recorded' },
];

function resolutionColumns(timeZone: string, onOpen: (route: Route) => void): Column<ResolutionRow>[] {
  const day = (date: string) => ({ from: date, to: date, timeZone });
  const count = (n: number, route: Route, label: string) => (n === 0 ? '0' : <ListLink route={route} onOpen={onOpen} label={label}>{n.toLocaleString()}</ListLink>);
  return [
    { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
    ...COUNT_COLUMNS.map(({ field, key }): Column<ResolutionRow> => {
      const name = RESOLUTION_SERIES.find((s) => s.key === key)?.name ?? key;
      return { id: field, header: name, align: 'end', cell: (r) => count(Number(r[field]), resolvedInvestigationsLink(day(r.date), key), `${name}, resolved on ${r.date}`) };
    }),
    { id: 'total', header: 'Total', align: 'end', cell: (r) => count(r.total, resolvedInvestigationsLink(day(r.date)), `Investigations resolved on ${r.date}`) },
  ];
}

export function Resolutions({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const { range, resolutions } = report;
  const table = resolutionsTable(report);
  const verdicts = alertVerdictsTable(report);
  const alerts = verdicts.rows.reduce((sum, r) => sum + r.alerts, 0);
  const option = useCallback((theme: ChartTheme) => resolutionsOption(report, theme), [report]);
  const { timeZone } = range;
  const open = useCallback((event: ChartClick) => {
    const key = RESOLUTION_SERIES.find((s) => s.name === event.seriesName)?.key;
    if (event.name && key) onOpen(resolvedInvestigationsLink({ from: event.name, to: event.name, timeZone }, key));
  }, [timeZone, onOpen]);
  const verdictColumns: Column<AlertVerdictRow>[] = [
    { id: 'verdict', header: 'Verdict now', rowHeader: true, cell: (r) => r.verdict },
    { id: 'alerts', header: 'Alerts', width: '100px', align: 'end', cell: (r) => r.alerts.toLocaleString() },
    { id: 'share', header: 'Share', width: '90px', align: 'end', cell: (r) => (alerts === 0 ? '—' : formatShare(r.alerts / alerts)) },
  ];
  return (
    <Section title="Resolutions" testId="analytics-resolutions" actions={<Downloads table={table} range={range} title="Resolutions" />}>
      <p className="muted analytics__hint">
        <ListLink route={resolvedInvestigationsLink({ from: range.from, to: range.to, timeZone })} onOpen={onOpen}>{resolutions.resolved.toLocaleString()} {resolutions.resolved === 1 ? 'investigation' : 'investigations'}</ListLink> resolved
        in the range, each counted once, on the day of the resolution standing now (a reopened case counts at its last close). “Not recorded”: closed without a
        resolution (imported cases). Click a bar for those investigations.
      </p>
      <EChart option={option} onClick={open} label={`Investigations resolved per day, by resolution, ${range.from} to ${range.to}`} height={260} testId="chart-resolutions" />
      <details className="analytics__data">
        <summary>Data table</summary>
        <DataTable label="Investigations resolved per day, by resolution" rows={table.rows} columns={resolutionColumns(timeZone, onOpen)} rowKey={(r) => r.date} emptyMessage="No days in the range." testId="resolutions-data" />
      </details>
      <div className="analytics__section-head analytics__subhead">
        <h3>Alert verdicts</h3>
        <Downloads table={verdicts} range={range} title="Alert verdicts" />
      </div>
      <p className="muted analytics__hint">The {alerts.toLocaleString()} alerts that occurred in the range, by the verdict standing now.</p>
      <DataTable label="Alerts of the range by verdict" rows={verdicts.rows} columns={verdictColumns} rowKey={(r) => r.verdict} emptyMessage="No alerts in the range." testId="alert-verdicts-table" />
    </Section>
  );
}
