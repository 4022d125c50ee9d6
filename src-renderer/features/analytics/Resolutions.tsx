// How the range's work ended: investigations resolved per day, stacked by the resolution standing
// now (cases closed without one, imported ones, counted as "not recorded"), and the verdicts of the
// range's alerts (docs/METRICS.md, "Resolutions"). A click opens the closed investigations.
import { useCallback } from 'react';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { resolutionsOption } from '../../../src-shared/analytics-charts';
import { alertVerdictsTable, resolutionsTable, type AlertVerdictRow, type ResolutionRow } from '../../../src-shared/analytics-tables';
import { formatShare } from '../../../src-shared/analytics-format';
import { EChart } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import { DataTable, type Column } from '../../components/DataTable';
import type { Route } from '../../kit/pages';
import { closedInvestigationsLink } from './list-links';
import { Downloads, ListLink, Section } from './SectionParts';

const RESOLUTION_COLUMNS: Column<ResolutionRow>[] = [
  { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
  { id: 'actioned', header: 'Actioned', align: 'end', cell: (r) => r.actioned.toLocaleString() },
  { id: 'noViolation', header: 'No violation', align: 'end', cell: (r) => r.noViolation.toLocaleString() },
  { id: 'duplicate', header: 'Duplicate', align: 'end', cell: (r) => r.duplicate.toLocaleString() },
  { id: 'falsePositive', header: 'False positive', align: 'end', cell: (r) => r.falsePositive.toLocaleString() },
  { id: 'notRecorded', header: 'Not recorded', align: 'end', cell: (r) => r.notRecorded.toLocaleString() },
  { id: 'total', header: 'Total', align: 'end', cell: (r) => r.total.toLocaleString() },
];

export function Resolutions({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const { range, resolutions } = report;
  const table = resolutionsTable(report);
  const verdicts = alertVerdictsTable(report);
  const alerts = verdicts.rows.reduce((sum, r) => sum + r.alerts, 0);
  const option = useCallback((theme: ChartTheme) => resolutionsOption(report, theme), [report]);
  const open = useCallback(() => onOpen(closedInvestigationsLink()), [onOpen]);
  const verdictColumns: Column<AlertVerdictRow>[] = [
    { id: 'verdict', header: 'Verdict now', rowHeader: true, cell: (r) => r.verdict },
    { id: 'alerts', header: 'Alerts', width: '100px', align: 'end', cell: (r) => r.alerts.toLocaleString() },
    { id: 'share', header: 'Share', width: '90px', align: 'end', cell: (r) => (alerts === 0 ? '—' : formatShare(r.alerts / alerts)) },
  ];
  return (
    <Section title="Resolutions" testId="analytics-resolutions" actions={<Downloads table={table} range={range} title="Resolutions" />}>
      <p className="muted analytics__hint">
        {resolutions.resolved.toLocaleString()} investigations resolved in the range, each counted once, on the day of the resolution standing now (a reopened case counts at its last close).
        {' '}“Not recorded”: closed without a resolution (imported cases). Click the chart for the <ListLink route={closedInvestigationsLink()} onOpen={onOpen}>closed investigations</ListLink>.
      </p>
      <EChart option={option} onClick={open} label={`Investigations resolved per day, by resolution, ${range.from} to ${range.to}`} height={260} testId="chart-resolutions" />
      <details className="analytics__data">
        <summary>Data table</summary>
        <DataTable label="Investigations resolved per day, by resolution" rows={table.rows} columns={RESOLUTION_COLUMNS} rowKey={(r) => r.date} emptyMessage="No days in the range." testId="resolutions-data" />
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
