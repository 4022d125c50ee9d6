// The numbers of the work, computed in main from this vault for a range of days in the user's zone:
// volumes with a forecast that earned its place, time to triage / acknowledge / resolve, the backlog,
// SLA compliance and rule precision. Every number says what it counts and over how many items; what
// could not be measured is shown as missing, never as 0 (definitions: docs/METRICS.md). Each chart
// has its data table and CSV / JSON of exactly those rows; a click on a figure opens the list it counted.
// Then alerts by source and severity, the unusual days (markable as expected), resolutions, the top
// entities (Resolutions.tsx, TopEntities.tsx), the staffing estimate and each person's workload.
import { useCallback, useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { DataBehind, Downloads, ListLink, Section } from './SectionParts';
import { VolumeBreakdown } from './VolumeBreakdown';
import { Staffing, Workload } from './TeamSections';
import { UnusualDays } from './UnusualDays';
import { Durations } from './Durations';
import { Resolutions } from './Resolutions';
import { TopEntities } from './TopEntities';
import { EChart, type ChartClick } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import { saveText } from '../../kit/download';
import { useNavigationStore } from '../../kit/navigation';
import type { Route } from '../../kit/pages';
import type { StatsReport, VolumeForecast } from '../../../src-shared/analytics-model';
import { ALERTS_SERIES, INVESTIGATIONS_SERIES, backlogOption, volumeOption } from '../../../src-shared/analytics-charts';
import {
  backlogTable, rulePrecisionTable, volumeTable,
  type BacklogRow, type RulePrecisionRow, type VolumeRow,
} from '../../../src-shared/analytics-tables';
import { alertsLink, openInvestigationsLink, openedInvestigationsLink } from './list-links';
import { forecastNote } from '../../../src-shared/forecast-note';
import { formatShare } from '../../../src-shared/analytics-format';
import { useAnalyticsStore, type AnalyticsRange } from './store';
import { saveAnalyticsReport } from './report-download';
import { useAction } from '../../kit/use-action';
import './analytics.css';

const DAY = 86_400_000;

const percent = formatShare;

function lastDays(days: number, to: string): AnalyticsRange {
  const end = Date.parse(`${to}T00:00:00Z`);
  return { from: new Date(end - (days - 1) * DAY).toISOString().slice(0, 10), to };
}

function download(report: StatsReport): void {
  saveText(`vigil-stats-${report.range.from}-${report.range.to}.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
}

export function AnalyticsPage() {
  const { report: { data: report, status, error }, range, timeZone, load } = useAnalyticsStore();
  const pdf = useAction(saveAnalyticsReport);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="analytics">
      <PageHeader
        title="Analytics"
        description={report
          ? <>From this vault, {report.range.from} to {report.range.to}; days counted in <strong>{report.range.timeZone}</strong>.</>
          : `Days counted in ${timeZone}.`}
        actions={
          <>
            {report && <Button onClick={() => download(report)}>Download JSON</Button>}
            {report && <Button onClick={() => void pdf.run(report)} busy={pdf.pending} data-testid="analytics-report-pdf">Report (PDF)</Button>}
            <Button onClick={() => void load()} busy={status === 'loading'}>Refresh</Button>
          </>
        }
      />
      {range && <RangePicker key={`${range.from}/${range.to}`} range={range} onChange={(next) => void load(next)} busy={status === 'loading'} />}
      <ErrorBanner message={error ?? pdf.error?.message ?? null} />
      {!report && status !== 'failed' && <p className="muted">Counting…</p>}
      {report && <Report report={report} />}
    </div>
  );
}

/** Keyed by the range shown, so a new answer starts a fresh draft. */
function RangePicker({ range, onChange, busy }: { range: AnalyticsRange; onChange(range: AnalyticsRange): void; busy: boolean }) {
  const [draft, setDraft] = useState<AnalyticsRange>(range);
  const valid = draft.from !== '' && draft.to !== '' && draft.from <= draft.to;
  return (
    <form className="analytics__range" aria-label="Range" onSubmit={(event) => { event.preventDefault(); if (valid) onChange(draft); }}>
      {[7, 30, 90].map((days) => (
        <Button key={days} onClick={() => onChange(lastDays(days, draft.to))} disabled={busy}>Last {days} days</Button>
      ))}
      {/* Dates and Show wrap together, so a narrow window never leaves "To" alone on a line. */}
      <span className="analytics__dates">
        <label>From <input type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} /></label>
        <label>To <input type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} /></label>
        <Button type="submit" disabled={!valid || busy}>Show</Button>
      </span>
    </form>
  );
}

function Report({ report }: { report: StatsReport }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const go = useCallback((route: Route) => navigate(route.page, route.param), [navigate]);
  const alerts = report.volumes.reduce((sum, v) => sum + v.alerts, 0);
  const cases = report.volumes.reduce((sum, v) => sum + v.investigations, 0);
  const decided = report.sla.met + report.sla.breached;
  const { range } = report;
  const day = (date: string) => ({ from: date, to: date, timeZone: range.timeZone });
  const volume = volumeTable(report);
  const backlog = backlogTable(report);
  const rules = rulePrecisionTable(report);
  return (
    <>
      <div className="analytics__cards">
        <Card label="Alerts" value={alerts.toLocaleString()} note="that occurred in the range" />
        <Card label="Investigations opened" value={cases.toLocaleString()} note={`${report.reopened} of them reopened at least once`} />
        <Card label="Open at the end" value={(report.backlog[report.backlog.length - 1]?.openAtEnd ?? 0).toLocaleString()} note="investigations not resolved by the range's last day" />
        <Card label="SLA compliance" value={percent(report.sla.compliance)} note={`${report.sla.met} met of ${decided} decided; ${report.sla.atRisk} at risk, ${report.sla.open} open (due in range)`} />
      </div>

      <Section title="Volume per day" testId="analytics-volume" actions={<Downloads table={volume} range={range} title="Volume per day" />}>
        <VolumeChart report={report} onOpen={go} />
        <p className="muted analytics__hint">Click a day's bar for its alerts in the queue, or the investigations line for the cases opened that day.</p>
        <ForecastNote forecast={report.forecast.alerts} what="alerts" />
        <ForecastNote forecast={report.forecast.investigations} what="investigations" />
        <DataBehind<VolumeRow> label="Volume per day" rows={volume.rows} testId="volume-data" columns={[
          { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
          { id: 'alerts', header: 'Alerts', align: 'end', cell: (r) => (r.alerts === null ? '' : <ListLink route={alertsLink(day(r.date))} onOpen={go} label={`Alerts on ${r.date}`}>{r.alerts}</ListLink>) },
          { id: 'cases', header: 'Investigations', align: 'end', cell: (r) => (r.investigations === null ? '' : <ListLink route={openedInvestigationsLink(day(r.date))} onOpen={go} label={`Investigations opened on ${r.date}`}>{r.investigations}</ListLink>) },
          { id: 'expected', header: 'Forecast', align: 'end', cell: (r) => (r.forecast === null ? '' : r.forecast.toFixed(1)) },
          { id: 'i80', header: '80 %', cell: (r) => (r.low80 === null ? '' : `${r.low80.toFixed(1)} – ${r.high80?.toFixed(1)}`) },
          { id: 'i95', header: '95 %', cell: (r) => (r.low95 === null ? '' : `${r.low95.toFixed(1)} – ${r.high95?.toFixed(1)}`) },
        ]} />
      </Section>

      <VolumeBreakdown report={report} onOpen={go} />

      <UnusualDays report={report} onOpen={go} />

      <Durations report={report} onOpen={go} />

      <Section title="Backlog" testId="analytics-backlog" actions={<Downloads table={backlog} range={range} title="Backlog" />}>
        <BacklogChart report={report} onOpen={go} />
        <p className="muted">Each day's open count is the day before's plus in (opened or reopened) minus out (resolved). Open now, by age: {report.age.map((a) => `${a.label} ${a.count}`).join(' · ')}. <ListLink route={openInvestigationsLink()} onOpen={go}>Open investigations</ListLink> (or click the chart).</p>
        <DataBehind<BacklogRow> label="Backlog per day" rows={backlog.rows} testId="backlog-data" columns={[
          { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
          { id: 'open', header: 'Open at day end', align: 'end', cell: (r) => r.openAtEnd },
          { id: 'in', header: 'In', align: 'end', cell: (r) => r.inflow },
          { id: 'out', header: 'Out', align: 'end', cell: (r) => r.outflow },
        ]} />
      </Section>

      <Section title="Rule precision" testId="analytics-rules" actions={<Downloads table={rules} range={range} title="Rule precision" />}>
        <p className="muted">Promoted ÷ (promoted + dismissed as false positive), over alerts triaged in the range, with its 95 % interval; untriaged alerts beside it. A rule opens its alerts of the range in the queue.</p>
        <DataTable label="Rule precision" rowKey={(r) => `${r.source}/${r.rule ?? ''}`} rows={rules.rows} columns={ruleColumns(range, go)} emptyMessage="No alerts in the range." testId="rules-table" />
      </Section>

      <Resolutions report={report} onOpen={go} />
      <TopEntities range={range} onOpen={go} />

      <Staffing staffing={report.staffing} />
      <Workload report={report} onOpen={go} />
    </>
  );
}

function VolumeChart({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const option = useCallback((theme: ChartTheme) => volumeOption(report, theme), [report]);
  const { timeZone } = report.range;
  const open = useCallback((event: ChartClick) => {
    // Forecast days have no bar and no point, so only the range's days are clickable.
    if (!event.name) return;
    const day = { from: event.name, to: event.name, timeZone };
    if (event.seriesName === ALERTS_SERIES) onOpen(alertsLink(day));
    else if (event.seriesName === INVESTIGATIONS_SERIES) onOpen(openedInvestigationsLink(day));
  }, [timeZone, onOpen]);
  return <EChart option={option} onClick={open} label={`Alerts and investigations per day, ${report.range.from} to ${report.range.to}, with the alert forecast`} height={320} testId="chart-volume" />;
}

function BacklogChart({ report, onOpen }: { report: StatsReport; onOpen(route: Route): void }) {
  const option = useCallback((theme: ChartTheme) => backlogOption(report, theme), [report]);
  const open = useCallback(() => onOpen(openInvestigationsLink()), [onOpen]);
  return <EChart option={option} onClick={open} label="Investigations open at each day's end, with those opened and resolved that day" height={260} testId="chart-backlog" />;
}

function Card({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="analytics__card">
      <div className="analytics__card-label">{label}</div>
      <div className="analytics__card-value">{value}</div>
      <div className="analytics__card-note">{note}</div>
    </div>
  );
}

function ForecastNote({ forecast, what }: { forecast: VolumeForecast; what: string }) {
  const note = forecastNote(forecast, what);
  if (note.model === null) return <p className="muted" data-testid={`forecast-${what}`}>{note.before}</p>;
  return <p className="analytics__forecast" data-testid={`forecast-${what}`}>{note.before}<strong>{note.model}</strong>{note.after}</p>;
}

/** The rule cell opens the rule's alerts of the range; an alert without a rule cannot be asked for by rule, so it stays text. */
function ruleColumns(range: StatsReport['range'], onOpen: (route: Route) => void): Column<RulePrecisionRow>[] {
  const name = (r: RulePrecisionRow) => `${r.source} / ${r.rule ?? '—'}`;
  const days = { from: range.from, to: range.to, timeZone: range.timeZone };
  return [
    {
      id: 'rule', header: 'Source / rule', rowHeader: true, fullText: name,
      cell: (r) => (r.rule === null ? name(r) : <ListLink route={alertsLink(days, { source: r.source, rule: r.rule })} onOpen={onOpen}>{name(r)}</ListLink>),
    },
    { id: 'promoted', header: 'Promoted', width: '90px', align: 'end', cell: (r) => r.promoted.toLocaleString() },
    { id: 'fp', header: 'False positive', width: '110px', align: 'end', cell: (r) => r.falsePositive.toLocaleString() },
    { id: 'untriaged', header: 'Untriaged', width: '90px', align: 'end', cell: (r) => r.untriaged.toLocaleString() },
    { id: 'precision', header: 'Precision (95 % CI)', width: '170px', align: 'end', cell: (r) => (r.precision === null ? '—' : `${percent(r.precision)} (${percent(r.low)}–${percent(r.high)})`) },
  ];
}
