// The numbers of the work, computed in main from this vault for a range of days in the user's zone:
// volumes with a forecast that earned its place, time to triage / acknowledge / resolve, the backlog,
// SLA compliance and rule precision. Every number says what it counts and over how many items; what
// could not be measured is shown as missing, never as 0 (definitions: docs/METRICS.md).
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { EChart } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import type { DurationMetric, MetricSummary, RulePrecision, StatsReport, VolumeForecast } from '../../../src-shared/analytics-model';
import { backlogOption, volumeOption, volumeRows } from '../../../src-shared/analytics-charts';
import { forecastNote } from '../../../src-shared/forecast-note';
import { formatShare, formatSpan } from '../../../src-shared/analytics-format';
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
  const blob = new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `vigil-stats-${report.range.from}-${report.range.to}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
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
      <label>From <input type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} /></label>
      <label>To <input type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} /></label>
      <Button type="submit" disabled={!valid || busy}>Show</Button>
    </form>
  );
}

function Report({ report }: { report: StatsReport }) {
  const alerts = report.volumes.reduce((sum, v) => sum + v.alerts, 0);
  const cases = report.volumes.reduce((sum, v) => sum + v.investigations, 0);
  const decided = report.sla.met + report.sla.breached;
  return (
    <>
      <div className="analytics__cards">
        <Card label="Alerts" value={alerts.toLocaleString()} note="that occurred in the range" />
        <Card label="Investigations opened" value={cases.toLocaleString()} note={`${report.reopened} of them reopened at least once`} />
        <Card label="Open at the end" value={(report.backlog[report.backlog.length - 1]?.openAtEnd ?? 0).toLocaleString()} note="investigations not resolved by the range's last day" />
        <Card label="SLA compliance" value={percent(report.sla.compliance)} note={`${report.sla.met} met of ${decided} decided; ${report.sla.atRisk} at risk, ${report.sla.open} open (due in range)`} />
      </div>

      <Section title="Volume per day" testId="analytics-volume">
        <VolumeChart report={report} />
        <ForecastNote forecast={report.forecast.alerts} what="alerts" />
        <ForecastNote forecast={report.forecast.investigations} what="investigations" />
        <DataBehind label="Volume per day" rows={volumeRows(report)} columns={[
          { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
          { id: 'alerts', header: 'Alerts', align: 'end', cell: (r) => r.alerts ?? '' },
          { id: 'cases', header: 'Investigations', align: 'end', cell: (r) => r.investigations ?? '' },
          { id: 'expected', header: 'Forecast', align: 'end', cell: (r) => (r.expected === null ? '' : r.expected.toFixed(1)) },
          { id: 'i80', header: '80 %', cell: (r) => (r.low80 === null ? '' : `${r.low80.toFixed(1)} – ${r.high80?.toFixed(1)}`) },
          { id: 'i95', header: '95 %', cell: (r) => (r.low95 === null ? '' : `${r.low95.toFixed(1)} – ${r.high95?.toFixed(1)}`) },
        ]} />
      </Section>

      <Section title="How long work takes" testId="analytics-durations">
        <p className="muted">Over the items created or opened in the range; from the status log, never from “last updated”. Missing: not happened yet, or not recorded.</p>
        <DataTable label="Durations by severity" rowKey={(r) => `${r.metric}-${r.severity}`} rows={durationRows(report)} columns={DURATION_COLUMNS} emptyMessage="Nothing to measure." testId="durations-table" />
      </Section>

      <Section title="Backlog" testId="analytics-backlog">
        <BacklogChart report={report} />
        <p className="muted">Each day's open count is the day before's plus in (opened or reopened) minus out (resolved). Open now, by age: {report.age.map((a) => `${a.label} ${a.count}`).join(' · ')}.</p>
        <DataBehind label="Backlog per day" rows={report.backlog} columns={[
          { id: 'date', header: 'Date', rowHeader: true, cell: (r) => r.date },
          { id: 'open', header: 'Open at day end', align: 'end', cell: (r) => r.openAtEnd },
          { id: 'in', header: 'In', align: 'end', cell: (r) => r.inflow },
          { id: 'out', header: 'Out', align: 'end', cell: (r) => r.outflow },
        ]} />
      </Section>

      <Section title="Rule precision" testId="analytics-rules">
        <p className="muted">Promoted ÷ (promoted + dismissed as false positive), over alerts triaged in the range, with its 95 % interval; untriaged alerts beside it.</p>
        <DataTable label="Rule precision" rowKey={(r) => `${r.source}/${r.rule ?? ''}`} rows={report.rulePrecision} columns={RULE_COLUMNS} emptyMessage="No alerts in the range." testId="rules-table" />
      </Section>
    </>
  );
}

function VolumeChart({ report }: { report: StatsReport }) {
  const option = useCallback((theme: ChartTheme) => volumeOption(report, theme), [report]);
  return <EChart option={option} label={`Alerts and investigations per day, ${report.range.from} to ${report.range.to}, with the alert forecast`} height={320} testId="chart-volume" />;
}

function BacklogChart({ report }: { report: StatsReport }) {
  const option = useCallback((theme: ChartTheme) => backlogOption(report, theme), [report]);
  return <EChart option={option} label="Investigations open at each day's end, with those opened and resolved that day" height={260} testId="chart-backlog" />;
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

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="analytics__section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function DataBehind<Row>({ label, rows, columns }: { label: string; rows: Row[]; columns: Column<Row>[] }) {
  return (
    <details className="analytics__data">
      <summary>Data table</summary>
      <DataTable label={label} rows={rows} columns={columns} rowKey={(row) => String((row as { date?: string }).date)} emptyMessage="No days in the range." />
    </details>
  );
}

function ForecastNote({ forecast, what }: { forecast: VolumeForecast; what: string }) {
  const note = forecastNote(forecast, what);
  if (note.model === null) return <p className="muted" data-testid={`forecast-${what}`}>{note.before}</p>;
  return <p className="analytics__forecast" data-testid={`forecast-${what}`}>{note.before}<strong>{note.model}</strong>{note.after}</p>;
}

interface DurationRow { metric: string; severity: Severity | 'all'; summary: MetricSummary; missing: number | null }

function durationRows(report: StatsReport): DurationRow[] {
  const rows = (metric: string, m: DurationMetric): DurationRow[] => [
    { metric, severity: 'all', summary: m.all, missing: m.missing },
    ...SEVERITIES.slice().reverse().map((severity) => ({ metric, severity, summary: m.bySeverity[severity], missing: null })),
  ];
  return [
    ...rows('Time to triage (alerts)', report.timeToTriage),
    ...rows('Time to acknowledge', report.timeToAcknowledge),
    ...rows('Time to resolve', report.timeToResolve),
  ];
}

const DURATION_COLUMNS: Column<DurationRow>[] = [
  { id: 'metric', header: 'Measure', rowHeader: true, cell: (r) => (r.severity === 'all' ? <strong>{r.metric}</strong> : '') },
  { id: 'severity', header: 'Severity', width: '110px', cell: (r) => r.severity },
  { id: 'n', header: 'n', width: '80px', align: 'end', cell: (r) => r.summary.n.toLocaleString() },
  { id: 'mean', header: 'Mean', width: '100px', align: 'end', cell: (r) => formatSpan(r.summary.mean) },
  { id: 'median', header: 'Median', width: '100px', align: 'end', cell: (r) => formatSpan(r.summary.median) },
  { id: 'p95', header: 'p95', width: '100px', align: 'end', cell: (r) => formatSpan(r.summary.p95) },
  { id: 'missing', header: 'Missing', width: '90px', align: 'end', cell: (r) => (r.missing === null ? '' : r.missing.toLocaleString()) },
];

const RULE_COLUMNS: Column<RulePrecision>[] = [
  { id: 'rule', header: 'Source / rule', rowHeader: true, cell: (r) => `${r.source} / ${r.rule ?? '—'}`, fullText: (r) => `${r.source} / ${r.rule ?? '—'}` },
  { id: 'promoted', header: 'Promoted', width: '100px', align: 'end', cell: (r) => r.promoted.toLocaleString() },
  { id: 'fp', header: 'False positive', width: '120px', align: 'end', cell: (r) => r.falsePositive.toLocaleString() },
  { id: 'untriaged', header: 'Untriaged', width: '100px', align: 'end', cell: (r) => r.untriaged.toLocaleString() },
  { id: 'precision', header: 'Precision (95 % CI)', width: '190px', align: 'end', cell: (r) => (r.precision === null ? '—' : `${percent(r.precision)} (${percent(r.low)}–${percent(r.high)})`) },
];
