// The unusual days of the range: for alerts and investigations opened, each day above its seasonal
// bound with its count (a link to that day's list), expected value, bound and baseline, and whether
// someone marked it as expected; the flagged hours of the last 7 days in a line. A series with too
// little history says so with its numbers rather than "nothing unusual" (docs/METRICS.md, "Anomalies").
import type { AnomalyMethod, AnomalyReport, AnomalySeries, DayAnomaly, SeriesAnomalies, StatsReport } from '../../../src-shared/analytics-model';
import { formatTenths } from '../../../src-shared/analytics-format';
import { unusualDaysTable, type UnusualRow } from '../../../src-shared/analytics-tables';
import { Badge } from '../../components/Badge';
import { DataTable, type Column } from '../../components/DataTable';
import type { Route } from '../../kit/pages';
import { MarkExpected } from '../anomalies/MarkExpected';
import { alertsLink, openedInvestigationsLink } from './list-links';
import { Downloads, ListLink, Section } from './SectionParts';
import { useAnalyticsStore } from './store';

const SERIES_LABEL: Record<AnomalySeries, string> = { alerts: 'Alerts', investigations: 'Investigations opened' };
const COUNTED: Record<AnomalySeries, string> = { alerts: 'alerts', investigations: 'opened' };
/** Hours listed in the line; the rest are in the data table. */
const HOURS_SHOWN = 8;

const days = (n: number) => `${n.toLocaleString()} day${n === 1 ? '' : 's'}`;

function methodLine(method: AnomalyMethod): string {
  return `Method: seasonal quasi-Poisson bound — expected = mean of the same weekday in the ${method.weeks} weeks before; `
    + `bound = expected + ${method.z.toFixed(2)}·√(dispersion·expected); a day is unusual when its count is at least 5 and above the bound.`;
}

export function UnusualDays({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const { anomalies, range } = report;
  const table = unusualDaysTable(report);
  return (
    <Section title="Unusual days" testId="analytics-unusual" actions={<Downloads table={table} range={range} title="Unusual days" />}>
      <p className="muted analytics__hint">{methodLine(anomalies.method)}</p>
      <SeriesDays series="alerts" result={anomalies.days.alerts} weeks={anomalies.method.weeks} report={report} onOpen={onOpen} />
      <SeriesDays series="investigations" result={anomalies.days.investigations} weeks={anomalies.method.weeks} report={report} onOpen={onOpen} />
      <HoursLine hours={anomalies.hours} />
      <details className="analytics__data">
        <summary>Data table</summary>
        <DataTable label="Unusual days and hours" rows={table.rows} columns={UNUSUAL_COLUMNS} rowKey={(r) => `${r.series}/${r.when}`} emptyMessage="No unusual day or hour." testId="unusual-data" />
      </details>
    </Section>
  );
}

function SeriesDays({ series, result, weeks, report, onOpen }: { series: AnomalySeries; result: SeriesAnomalies; weeks: number; report: StatsReport; onOpen(route: Route): void }) {
  const label = SERIES_LABEL[series];
  if (result.kind === 'insufficient-history') {
    return <p className="analytics__unusual-state" data-testid={`unusual-${series}`}><strong>{label}:</strong> too little history to judge — {days(result.historyDays)} of data, {result.requiredDays} needed ({weeks} weeks of baseline before a day).</p>;
  }
  const unscored = result.unscoredDays > 0 ? `; ${days(result.unscoredDays)} without ${weeks} weeks of baseline, not judged` : '';
  if (result.flagged.length === 0) {
    return <p className="analytics__unusual-state" data-testid={`unusual-${series}`}><strong>{label}:</strong> no unusual day among {days(result.scoredDays)} scored{unscored}.</p>;
  }
  return (
    <div data-testid={`unusual-${series}`}>
      <p className="analytics__unusual-state"><strong>{label}:</strong> {result.flagged.length} of {days(result.scoredDays)} scored above the bound{unscored}.</p>
      <ul className="analytics__unusual">
        {result.flagged.map((day) => <FlaggedDay key={day.date} day={day} report={report} onOpen={onOpen} />)}
      </ul>
    </div>
  );
}

function FlaggedDay({ day, report, onOpen }: { day: DayAnomaly; report: StatsReport; onOpen(route: Route): void }) {
  const { markExpected, unmarkExpected } = useAnalyticsStore();
  const local = { from: day.date, to: day.date, timeZone: report.range.timeZone };
  const route = day.series === 'alerts' ? alertsLink(local) : openedInvestigationsLink(local);
  const first = day.baseline[0];
  const last = day.baseline[day.baseline.length - 1];
  return (
    <li className={day.mark ? 'analytics__unusual-day is-marked' : 'analytics__unusual-day'} data-testid={`unusual-${day.series}-${day.date}`}>
      <span className="analytics__unusual-date"><strong>{day.date}</strong>{day.partial && <> <Badge tone="neutral">Day not over</Badge></>}</span>
      <span className="analytics__unusual-count">
        <ListLink route={route} onOpen={onOpen} label={`${SERIES_LABEL[day.series]} on ${day.date}: ${day.count}`}><strong>{day.count.toLocaleString()}</strong> {COUNTED[day.series]}</ListLink>
        {' '}· expected {formatTenths(day.expected)} · bound {formatTenths(day.upperBound)}
      </span>
      <span className="analytics__unusual-baseline" title={`Baseline days: ${day.baseline.join(', ')}; dispersion ${formatTenths(day.dispersion)}`}>
        baseline: same weekday, {first} to {last}
      </span>
      <MarkExpected day={day} onMark={(note) => markExpected(day.series, day.date, note)} onUnmark={() => unmarkExpected(day.series, day.date)} />
    </li>
  );
}

function HoursLine({ hours }: { hours: AnomalyReport['hours'] }) {
  if (hours.kind === 'insufficient-history') {
    return <p className="analytics__unusual-state" data-testid="unusual-hours"><strong>Alerts per hour, last 7 days:</strong> too little history to judge — {days(hours.historyDays)} of data, {hours.requiredDays} needed.</p>;
  }
  const more = hours.flagged.length - HOURS_SHOWN;
  return (
    <div data-testid="unusual-hours">
      <p className="analytics__unusual-state">
        <strong>Alerts per hour, last 7 days:</strong>{' '}
        {hours.flagged.length === 0
          ? `none of ${hours.scoredHours} hours above its hour of the week.`
          : `${hours.flagged.length} of ${hours.scoredHours} hours above their hour of the week${more > 0 ? ` (the first ${HOURS_SHOWN}; all in the data table)` : ''}:`}
      </p>
      {hours.flagged.length > 0 && (
        <ul className="analytics__hours">
          {hours.flagged.slice(0, HOURS_SHOWN).map((h) => (
            <li key={h.start}>{h.label} <strong>{h.count.toLocaleString()}</strong> <span>(expected {formatTenths(h.expected)}, bound {formatTenths(h.upperBound)})</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

const UNUSUAL_COLUMNS: Column<UnusualRow>[] = [
  { id: 'series', header: 'Series', width: '120px', cell: (r) => r.series },
  { id: 'when', header: 'Day or hour', width: '140px', rowHeader: true, cell: (r) => r.when },
  { id: 'count', header: 'Count', width: '70px', align: 'end', cell: (r) => r.count.toLocaleString() },
  { id: 'expected', header: 'Expected', width: '80px', align: 'end', cell: (r) => formatTenths(r.expected) },
  { id: 'bound', header: 'Bound', width: '70px', align: 'end', cell: (r) => formatTenths(r.upperBound) },
  { id: 'baseline', header: 'Baseline', fullText: (r) => r.baseline, cell: (r) => r.baseline },
  { id: 'marked', header: 'Marked as expected', width: '150px', fullText: (r) => r.markNote ?? undefined, cell: (r) => (r.markedExpected === 'yes' ? `yes, by ${r.markedBy ?? 'someone'}` : '') },
];
