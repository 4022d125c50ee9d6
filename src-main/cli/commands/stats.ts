// vigil stats --data DIR --as USER [--from DATE] [--to DATE] [--tz ZONE] [--json]: the numbers of the
// work over a range of local days (the last 30 to today when not given), in a zone (UTC when not
// given). docs/METRICS.md defines every figure.
import type { DurationMetric, MetricSummary, SeriesAnomalies, StaffingEstimate, StatsReport, VolumeForecast } from '../../../src-shared/analytics-model';
import { SEVERITIES } from '../../../src-shared/model';
import type { CsvValue } from '../../../src-shared/csv';
import { severityVolumeTable, sourceVolumeTable, type ChartTable } from '../../../src-shared/analytics-tables';
import type { CliContext } from '../cli-context';
import { formatTable } from '../table';

export async function statsCommand(cli: CliContext): Promise<void> {
  const client = await cli.signedIn({ readOnly: true });
  const from = cli.option('from');
  const to = cli.option('to');
  const report = await client.invoke('analytics.stats', { timeZone: cli.option('tz') ?? 'UTC', ...(from ? { from } : {}), ...(to ? { to } : {}) });
  cli.print(describe(report), report);
}

function hours(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 3_600_000).toFixed(1)} h`;
}

function summaryRow(label: string, s: MetricSummary): string[] {
  return [label, String(s.n), hours(s.mean), hours(s.median), hours(s.p95)];
}

function durationTable(title: string, metric: DurationMetric, missingWord: string): string {
  const rows = [summaryRow('all', metric.all), ...SEVERITIES.map((severity) => summaryRow(severity, metric.bySeverity[severity]))];
  return `${title} (${metric.missing} ${missingWord})\n${formatTable(['severity', 'n', 'mean', 'median', 'p95'], rows)}`;
}

function forecastText(label: string, forecast: VolumeForecast): string {
  if (forecast.kind === 'insufficient-history') return `${label} forecast: not shown, ${forecast.days} days of history (needs ${forecast.requiredDays})`;
  const { holtWinters, seasonalNaive } = forecast.backtest;
  const mase = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  const pct = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
  const head = `${label} forecast (${forecast.model}, ${forecast.reason}; backtest over ${forecast.backtest.origins} origins: `
    + `MASE ${mase(holtWinters.mase)} Holt-Winters vs ${mase(seasonalNaive.mase)} seasonal naive; `
    + `80%/95% coverage ${pct(holtWinters.coverage80)}/${pct(holtWinters.coverage95)} vs ${pct(seasonalNaive.coverage80)}/${pct(seasonalNaive.coverage95)})`;
  const rows = forecast.points.map((p) => [p.date, p.mean.toFixed(1), `${p.lower80.toFixed(1)} – ${p.upper80.toFixed(1)}`, `${p.lower95.toFixed(1)} – ${p.upper95.toFixed(1)}`]);
  return `${head}\n${formatTable(['date', 'expected', '80%', '95%'], rows)}`;
}

function anomalyText(label: string, days: SeriesAnomalies): string {
  if (days.kind === 'insufficient-history') return `${label} anomalies: not judged, ${days.historyDays} days of history (needs ${days.requiredDays})`;
  const head = `${label} anomalies: ${days.flagged.length} of ${days.scoredDays} days scored above the 99% seasonal bound (${days.unscoredDays} days without 4 weeks of baseline)`;
  if (days.flagged.length === 0) return head;
  return `${head}\n${formatTable(['date', 'count', 'expected', 'bound', 'marked expected'], days.flagged.map((d) => [
    d.date, String(d.count), d.expected.toFixed(1), d.upperBound.toFixed(1), d.mark ? `yes (${d.mark.note || 'no note'})` : (d.partial ? 'no (day not over)' : 'no'),
  ]))}`;
}

/** A chart's table as the screen's download writes it: the same columns, a line per row. */
function chartText<Row extends { [K in keyof Row]: CsvValue }>(title: string, table: ChartTable<Row>): string {
  return `${title}\n${formatTable([...table.columns], table.rows.map((row) => table.columns.map((column) => String(row[column] ?? ''))))}`;
}

function staffingText(s: StaffingEstimate): string {
  const num = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));
  return `Staffing: ${num(s.analystsNeeded)} analysts a day = (${num(s.forecastAlertsPerDay)} alerts + ${num(s.forecastInvestigationsPerDay)} investigations forecast a day)`
    + ` ÷ ${num(s.throughputPerAnalystDay)} decisions per analyst-day (${s.decisions} decisions over ${s.analystDays} analyst-days, ${s.analysts} analysts)`
    + (s.missing.length > 0 ? `; not estimated: ${s.missing.join(', ')}` : '');
}

function resolutionsText(r: StatsReport): string {
  const { perDay, alertVerdicts: v } = r.resolutions;
  return `Resolutions (resolution standing now, reached in range)\n${formatTable(['date', 'actioned', 'no violation', 'duplicate', 'false positive', 'not recorded'], perDay.map((d) => [
    d.date, String(d.counts.actioned), String(d.counts.no_violation), String(d.counts.duplicate), String(d.counts.false_positive), String(d.counts.not_recorded),
  ]))}\nAlert verdicts (alerts that occurred in range): ${v.promoted} promoted, ${v.falsePositive} dismissed false positive, `
    + `${v.dismissedOther} dismissed other reason, ${v.acknowledged} acknowledged, ${v.untriaged} untriaged`;
}

function describe(r: StatsReport): string {
  const sla = r.sla.compliance === null ? '—' : `${(r.sla.compliance * 100).toFixed(1)}%`;
  return [
    `Vigil stats ${r.range.from} … ${r.range.to} (${r.range.timeZone})`,
    `Volumes per day\n${formatTable(['date', 'alerts', 'investigations'], r.volumes.map((v) => [v.date, String(v.alerts), String(v.investigations)]))}`,
    chartText('Alerts per day by severity', severityVolumeTable(r)),
    chartText('Alerts per day by source (the top 8; the rest summed as other)', sourceVolumeTable(r)),
    durationTable('Time to triage (alerts created in range)', r.timeToTriage, 'without a verdict'),
    durationTable('Time to acknowledge (investigations opened in range)', r.timeToAcknowledge, 'not acknowledged'),
    durationTable('Time to resolve (investigations opened in range)', r.timeToResolve, 'not resolved'),
    `Reopened: ${r.reopened}`,
    `Backlog\n${formatTable(['date', 'open at end', 'in', 'out'], r.backlog.map((b) => [b.date, String(b.openAtEnd), String(b.inflow), String(b.outflow)]))}`,
    `SLA compliance ${sla}: ${r.sla.met} met, ${r.sla.breached} breached, ${r.sla.atRisk} at risk, ${r.sla.open} open (due in range)\n`
      + `SLA targets (the vault's service levels): ${[...SEVERITIES].reverse().map((s) => `${s} ${hours(r.sla.targetsMs[s])}`).join(', ')}; at risk within ${hours(r.sla.atRiskWindowMs)}`,
    `Rule precision\n${formatTable(['source', 'rule', 'promoted', 'false positive', 'untriaged', 'precision (95% CI)'], r.rulePrecision.map((p) => [
      p.source, p.rule ?? '—', String(p.promoted), String(p.falsePositive), String(p.untriaged),
      p.precision === null ? '—' : `${(p.precision * 100).toFixed(0)}% (${((p.low ?? 0) * 100).toFixed(0)}–${((p.high ?? 0) * 100).toFixed(0)}%)`,
    ]))}`,
    forecastText('Alerts', r.forecast.alerts),
    forecastText('Investigations', r.forecast.investigations),
    anomalyText('Alert', r.anomalies.days.alerts),
    anomalyText('Investigation', r.anomalies.days.investigations),
    resolutionsText(r),
    staffingText(r.staffing),
    `Workload (by name)\n${formatTable(['analyst', 'open assigned', 'decisions', 'alert verdicts', 'closes'], r.workload.map((w) => [
      w.displayName, String(w.openAssigned), String(w.decisions), String(w.alertVerdicts), String(w.investigationResolutions),
    ]))}`,
  ].join('\n\n');
}
