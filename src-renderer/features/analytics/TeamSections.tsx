// The team over the range: how many analysts a day the forecast inflow needs at the pace measured,
// with every input beside it (or why there is no estimate, never a 0), and each person's workload,
// alphabetical, never ranked (docs/METRICS.md, "Staffing estimate" and "Workload").
import type { StaffingEstimate, StatsReport } from '../../../src-shared/analytics-model';
import { formatTenths } from '../../../src-shared/analytics-format';
import { workloadTable, type WorkloadRow } from '../../../src-shared/analytics-tables';
import { isRoughEstimate, staffingMissingText } from '../../../src-shared/staffing-note';
import { Badge } from '../../components/Badge';
import { DataTable, type Column } from '../../components/DataTable';
import type { Route } from '../../kit/pages';
import { assignedInvestigationsLink } from './list-links';
import { Downloads, ListLink, Section } from './SectionParts';

const count = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

export function Staffing({ staffing: s }: { staffing: StaffingEstimate }) {
  return (
    <Section title="Staffing estimate" testId="analytics-staffing">
      <p className="analytics__staffing" data-testid="staffing-estimate">
        {s.analystsNeeded === null ? staffingMissingText(s.missing) : (
          <><strong className="analytics__staffing-value">{formatTenths(s.analystsNeeded)}</strong> analysts a day for the forecast inflow</>
        )}
        {isRoughEstimate(s) && <> <Badge tone="warning">Rough</Badge> <span className="muted">measured over only {count(s.analystDays, 'analyst-day')}</span></>}
      </p>
      <dl className="analytics__inputs" aria-label="Inputs of the staffing estimate">
        <div><dt>Alerts forecast a day</dt><dd>{s.forecastAlertsPerDay === null ? '— no forecast' : formatTenths(s.forecastAlertsPerDay)}</dd></div>
        <div><dt>Investigations forecast a day</dt><dd>{s.forecastInvestigationsPerDay === null ? '— no forecast' : formatTenths(s.forecastInvestigationsPerDay)}</dd></div>
        <div><dt>Decisions per analyst-day</dt><dd>{s.throughputPerAnalystDay === null ? '— no decisions' : formatTenths(s.throughputPerAnalystDay)}</dd></div>
        <div><dt>Decisions</dt><dd>{s.decisions.toLocaleString()} <span className="muted">({count(s.alertVerdicts, 'alert verdict')}, {count(s.investigationResolutions, 'close')})</span></dd></div>
        <div><dt>Analysts</dt><dd>{s.analysts.toLocaleString()}</dd></div>
        <div><dt>Analyst-days</dt><dd>{s.analystDays.toLocaleString()}</dd></div>
      </dl>
      <p className="muted analytics__hint">
        Estimate = (alerts + investigations forecast a day, the mean of the 14 days after the range) ÷ decisions per analyst-day.
        Decisions are alert verdicts (acknowledge, dismiss, promote, add to investigation) and investigation closes in the range, by who made them; an analyst-day is a person and a day with at least one. Imported verdicts have no actor and do not count.
      </p>
    </Section>
  );
}

export function Workload({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const table = workloadTable(report);
  const columns: Column<WorkloadRow & { userId: string }>[] = [
    { id: 'person', header: 'Person', rowHeader: true, fullText: (r) => r.person, cell: (r) => r.person },
    {
      id: 'open', header: 'Open assigned', width: '130px', align: 'end',
      cell: (r) => (r.openAssigned === 0 ? '0' : <ListLink route={assignedInvestigationsLink(r.userId)} onOpen={onOpen} label={`Open investigations assigned to ${r.person}`}>{r.openAssigned.toLocaleString()}</ListLink>),
    },
    { id: 'decisions', header: 'Decisions', width: '100px', align: 'end', cell: (r) => r.decisions.toLocaleString() },
    { id: 'verdicts', header: 'Verdicts', width: '90px', align: 'end', cell: (r) => r.alertVerdicts.toLocaleString() },
    { id: 'closes', header: 'Closes', width: '80px', align: 'end', cell: (r) => r.investigationResolutions.toLocaleString() },
  ];
  // The table's rows, with the id that the link needs and the file leaves out.
  const rows = table.rows.map((row, i) => ({ ...row, userId: report.workload[i]?.userId ?? '' }));
  return (
    <Section title="Workload" testId="analytics-workload" actions={<Downloads table={table} range={report.range} title="Workload" />}>
      <p className="muted analytics__hint">Per person, alphabetical. Open assigned: investigations assigned to them and not closed, now (a number opens them). Decisions in the range: their alert verdicts plus investigation closes. Not a ranking: volumes differ with shifts, roles and the cases' difficulty.</p>
      <div className="analytics__fit">
        <DataTable label="Workload by person, alphabetical" rows={rows} columns={columns} rowKey={(r) => r.userId} emptyMessage="Nobody holds open investigations or made a decision in the range." testId="workload-table" />
      </div>
    </Section>
  );
}
