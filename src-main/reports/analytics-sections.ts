// The analytics report's content as a report document (report-document.ts): the screen's cards, the
// volume chart with its forecast notes (the screen's words: src-shared/forecast-note.ts), alerts by
// severity and by source (the screen's stacked charts and tables), how long work takes by severity,
// the backlog chart, SLA, rule precision with its interval, resolutions (chart and the alerts'
// verdicts), the top entities (values as the reader may see them), what each figure means, and the
// manifest. Charts are drawn here as SVG (chart-svg.ts), so this runs in the report worker.
import { backlogOption, otherSourcesLabel, resolutionsOption, volumeBreakdownOption, volumeOption } from '../../src-shared/analytics-charts';
import {
  alertVerdictsTable, otherSourcesColumn, resolutionsTable, severityVolumeTable, sourceColumn, sourceVolumeTable, topEntitiesTable,
} from '../../src-shared/analytics-tables';
import { formatShare, formatSpan } from '../../src-shared/analytics-format';
import type { DurationMetric, MetricSummary, StatsReport, TopEntities } from '../../src-shared/analytics-model';
import { forecastNoteText } from '../../src-shared/forecast-note';
import { SEVERITIES, SEVERITY_LABELS } from '../../src-shared/model';
import { TOP_SOURCES } from '../../src-shared/analytics-model';
import type { AnalyticsReport } from './analytics-report';
import { chartSvg, PRINT_CHART_THEME } from './chart-svg';
import { durationDistributionBlocks } from './duration-distribution-section';
import { generatedByText, manifestBlocks, maskedNotice, reportTime, type ReportBlock, type ReportDocument, type ReportTable } from './report-document';

/** Charts are drawn at this size in CSS pixels and scaled to the page's column (495 pt on A4). */
const CHART_WIDTH = 720;

/** What each figure counts, said once under the numbers; docs/METRICS.md has them in full. */
export const METRIC_DEFINITIONS: ReadonlyArray<[string, string]> = [
  ['Range', 'Whole local days from the first to the last date, inclusive, in the stated time zone (a day across a daylight-saving change has 23 or 25 hours).'],
  ['Volumes', 'Alerts per day by when they occurred; investigations per day by when they opened.'],
  ['By source and severity', `The same alerts per day split by severity, and by source: the ${TOP_SOURCES} sources with the most alerts in the range by name, the others summed as “Other”. Each day’s parts sum to its alerts.`],
  ['Durations', 'Read from the append-only status log, never from “last updated”. Time to triage: an alert’s first verdict − its creation. Time to acknowledge: an investigation’s first move out of open − its opening. Time to resolve: the resolution standing now − its opening. Summarised (mean, median, p95 by linear interpolation) over the items created or opened in the range, with n; items for which it has not happened are counted as missing, never as 0.'],
  ['Backlog', 'Investigations open at each day’s end: the day before’s plus inflow (opened or reopened) minus outflow (resolved).'],
  ['SLA', 'Due at the case’s own SLA time, else its opening plus its severity’s target. Met: resolved by then; breached: resolved after, or open past it; at risk: open and due within 4 h. Compliance = met ÷ (met + breached) over the investigations due in the range; none decided gives no percentage.'],
  ['Rule precision', 'Per source and rule, over alerts that occurred in the range: promoted ÷ (promoted + dismissed as false positive), with its Wilson 95 % interval; untriaged alerts beside it.'],
  ['Resolutions', 'Investigations whose resolution standing now was reached in the range, per resolution and per day (a reopened case counts once, at its last close; a case closed without a resolution, as imported, is “not recorded”). Alert verdicts: the alerts that occurred in the range by the verdict standing now.'],
  ['Top entities', 'The 20 entities linked to the most alerts that occurred in the range (ties by kind, then value), with their share of those alerts and how many of them are in an investigation. Values are masked for a reader without access to personal data.'],
  ['Forecast', 'Daily counts for the 14 days after the range with 80 % and 95 % intervals. Holt-Winters is shown only when its rolling-origin backtest beats seasonal naive on MASE (mean absolute scaled error; below 1 beats last week’s count); coverage is the share of actual values that fell inside each interval.'],
];

const count = (n: number): string => n.toLocaleString('en-US');

function cards(stats: StatsReport): ReportBlock {
  const alerts = stats.volumes.reduce((sum, v) => sum + v.alerts, 0);
  const cases = stats.volumes.reduce((sum, v) => sum + v.investigations, 0);
  const decided = stats.sla.met + stats.sla.breached;
  return {
    kind: 'cards',
    cards: [
      { label: 'Alerts', value: count(alerts), note: 'that occurred in the range' },
      { label: 'Investigations opened', value: count(cases), note: `${stats.reopened} of them reopened at least once` },
      { label: 'Open at the end', value: count(stats.backlog[stats.backlog.length - 1]?.openAtEnd ?? 0), note: 'investigations not resolved by the range\'s last day' },
      { label: 'SLA compliance', value: formatShare(stats.sla.compliance), note: `${stats.sla.met} met of ${decided} decided (n = ${decided}); ${stats.sla.atRisk} at risk, ${stats.sla.open} open (due in range)` },
    ],
  };
}

function durationTable(stats: StatsReport): ReportTable {
  const row = (measure: string, severity: string, s: MetricSummary, missing: string): string[] =>
    [measure, severity, count(s.n), formatSpan(s.mean), formatSpan(s.median), formatSpan(s.p95), missing];
  const rows = (measure: string, m: DurationMetric): string[][] => [
    row(measure, 'all', m.all, count(m.missing)),
    ...SEVERITIES.slice().reverse().map((severity) => row('', severity, m.bySeverity[severity], '')),
  ];
  return {
    empty: 'Nothing to measure.',
    columns: [
      { label: 'Measure', weight: 2.2 }, { label: 'Severity', weight: 1 }, { label: 'n', weight: 0.8, numeric: true },
      { label: 'Mean', weight: 0.9, numeric: true }, { label: 'Median', weight: 0.9, numeric: true }, { label: 'p95', weight: 0.9, numeric: true },
      { label: 'Missing', weight: 0.9, numeric: true },
    ],
    rows: [
      ...rows('Time to triage (alerts)', stats.timeToTriage),
      ...rows('Time to acknowledge', stats.timeToAcknowledge),
      ...rows('Time to resolve', stats.timeToResolve),
    ],
  };
}

/** The screen's table of alerts per day by severity (analytics-tables.ts), as text. */
function severityTable(stats: StatsReport): ReportTable {
  const table = severityVolumeTable(stats);
  return {
    empty: 'No days in the range.',
    columns: [{ label: 'Date', weight: 1.4 }, ...(['critical', 'high', 'medium', 'low'] as const).map((s) => ({ label: SEVERITY_LABELS[s], weight: 1, numeric: true })), { label: 'Alerts', weight: 1, numeric: true }],
    rows: table.rows.map((r) => [r.date, count(r.critical), count(r.high), count(r.medium), count(r.low), count(r.alerts)]),
  };
}

/** The screen's table of alerts per day by source, as text: a column per top source, then the others summed. */
function sourceTable(stats: StatsReport): ReportTable {
  const table = sourceVolumeTable(stats);
  const { sources, otherSources } = stats.volumeBySource;
  const other = otherSourcesColumn(stats);
  return {
    empty: 'No days in the range.',
    columns: [
      { label: 'Date', weight: 1.4 }, ...sources.map((source) => ({ label: source, weight: 1, numeric: true })),
      ...(other ? [{ label: otherSourcesLabel(otherSources), weight: 1, numeric: true }] : []), { label: 'Alerts', weight: 1, numeric: true },
    ],
    rows: table.rows.map((r) => [r.date, ...sources.map((source) => count(r[sourceColumn(source)] ?? 0)), ...(other ? [count(r[other] ?? 0)] : []), count(r.alerts)]),
  };
}

function sourceNote(stats: StatsReport): string {
  const { sources, otherSources } = stats.volumeBySource;
  return otherSources === 0
    ? `Every source with alerts in the range (${sources.length}).`
    : `The ${TOP_SOURCES} sources with the most alerts in the range; the other ${count(otherSources)} are summed as “${otherSourcesLabel(otherSources)}”.`;
}

function slaFacts(stats: StatsReport): Array<[string, string]> {
  const { sla } = stats;
  const decided = sla.met + sla.breached;
  return [
    ['Compliance', `${formatShare(sla.compliance)} (n = ${decided} decided)`],
    ['Met', count(sla.met)],
    ['Breached', count(sla.breached)],
    ['At risk', `${count(sla.atRisk)} (open, due within ${formatSpan(sla.atRiskWindowMs)})`],
    ['Open', count(sla.open)],
    ['Targets', SEVERITIES.slice().reverse().map((severity) => `${severity} ${formatSpan(sla.targetsMs[severity])}`).join(' · ')],
  ];
}

function ruleTable(stats: StatsReport): ReportTable {
  return {
    empty: 'No alerts in the range.',
    columns: [
      { label: 'Source / rule', weight: 2.6 }, { label: 'Promoted', weight: 0.9, numeric: true }, { label: 'False positive', weight: 0.9, numeric: true },
      { label: 'Untriaged', weight: 0.9, numeric: true }, { label: 'Precision (95 % CI)', weight: 2.1, numeric: true },
    ],
    rows: stats.rulePrecision.map((r) => [
      `${r.source} / ${r.rule ?? '—'}`, count(r.promoted), count(r.falsePositive), count(r.untriaged),
      r.precision === null ? '—' : `${formatShare(r.precision)} (${formatShare(r.low)}–${formatShare(r.high)})`,
    ]),
  };
}

/** Investigations resolved in the range, by resolution: the chart's totals. */
function resolutionTotals(stats: StatsReport): ReportTable {
  const rows = resolutionsTable(stats).rows;
  const total = (pick: (r: (typeof rows)[number]) => number) => count(rows.reduce((sum, r) => sum + pick(r), 0));
  return {
    empty: 'No days in the range.',
    columns: [
      { label: 'Resolved', weight: 1.2 }, { label: 'Actioned', weight: 1, numeric: true }, { label: 'No violation', weight: 1, numeric: true },
      { label: 'Duplicate', weight: 1, numeric: true }, { label: 'False positive', weight: 1, numeric: true }, { label: 'Not recorded', weight: 1, numeric: true },
      { label: 'Total', weight: 0.9, numeric: true },
    ],
    rows: [['In the range', total((r) => r.actioned), total((r) => r.noViolation), total((r) => r.duplicate), total((r) => r.falsePositive), total((r) => r.notRecorded), total((r) => r.total)]],
  };
}

function verdictTable(stats: StatsReport): ReportTable {
  const rows = alertVerdictsTable(stats).rows;
  const alerts = rows.reduce((sum, r) => sum + r.alerts, 0);
  return {
    empty: 'No alerts in the range.',
    columns: [{ label: 'Verdict now', weight: 2.4 }, { label: 'Alerts', weight: 1, numeric: true }, { label: 'Share', weight: 1, numeric: true }],
    rows: alerts === 0 ? [] : rows.map((r) => [r.verdict, count(r.alerts), formatShare(r.alerts / alerts)]),
  };
}

function entityTable(top: TopEntities): ReportTable {
  return {
    empty: 'No alert of the range is linked to an entity.',
    columns: [
      { label: 'Entity', weight: 3 }, { label: 'Kind', weight: 0.9 }, { label: 'Alerts', weight: 0.8, numeric: true },
      { label: 'Share', weight: 0.8, numeric: true }, { label: 'In investigations', weight: 1.1, numeric: true },
    ],
    rows: topEntitiesTable(top).rows.map((e) => [e.value, e.kind, count(e.alerts), formatShare(e.share), count(e.inInvestigations)]),
  };
}

export function analyticsDocument(report: AnalyticsReport): ReportDocument {
  const { stats, topEntities, manifest } = report;
  const { from, to, timeZone } = stats.range;
  const by = generatedByText(manifest);
  const theme = PRINT_CHART_THEME;
  const blocks: ReportBlock[] = [
    ...maskedNotice(manifest),
    cards(stats),
    { kind: 'section', title: 'Volume per day' },
    { kind: 'chart', label: `Alerts and investigations per day, ${from} to ${to}, with the alert forecast`, svg: chartSvg(volumeOption(stats, theme), { width: CHART_WIDTH, height: 330 }), width: CHART_WIDTH, height: 330 },
    { kind: 'text', text: forecastNoteText(stats.forecast.alerts, 'alerts') },
    { kind: 'text', text: forecastNoteText(stats.forecast.investigations, 'investigations') },
    { kind: 'section', title: 'Alerts per day by severity' },
    { kind: 'chart', label: `Alerts per day by severity, ${from} to ${to}`, svg: chartSvg(volumeBreakdownOption(stats, 'severity', theme), { width: CHART_WIDTH, height: 280 }), width: CHART_WIDTH, height: 280 },
    { kind: 'table', table: severityTable(stats) },
    // A section of its own: the source chart follows a month of rows, usually on another page.
    { kind: 'section', title: 'Alerts per day by source' },
    { kind: 'chart', label: `Alerts per day by source, ${from} to ${to}`, svg: chartSvg(volumeBreakdownOption(stats, 'source', theme), { width: CHART_WIDTH, height: 280 }), width: CHART_WIDTH, height: 280 },
    { kind: 'text', muted: true, text: sourceNote(stats) },
    { kind: 'table', table: sourceTable(stats) },
    { kind: 'section', title: 'How long work takes' },
    { kind: 'text', muted: true, text: 'Over the items created or opened in the range; from the status log, never from “last updated”. Missing: not happened yet, or not recorded.' },
    { kind: 'table', table: durationTable(stats) },
    ...durationDistributionBlocks(stats, theme, CHART_WIDTH),
    { kind: 'section', title: 'Backlog' },
    { kind: 'chart', label: 'Investigations open at each day\'s end, with those opened and resolved that day', svg: chartSvg(backlogOption(stats, theme), { width: CHART_WIDTH, height: 280 }), width: CHART_WIDTH, height: 280 },
    { kind: 'text', muted: true, text: `Each day's open count is the day before's plus in (opened or reopened) minus out (resolved). Open at the end, by age: ${stats.age.map((a) => `${a.label} ${a.count}`).join(' · ')}.` },
    { kind: 'section', title: 'SLA' },
    { kind: 'facts', rows: slaFacts(stats) },
    { kind: 'section', title: 'Rule precision' },
    { kind: 'text', muted: true, text: 'Promoted ÷ (promoted + dismissed as false positive), over alerts triaged in the range, with its 95 % interval; untriaged alerts beside it.' },
    { kind: 'table', table: ruleTable(stats) },
    { kind: 'section', title: 'Resolutions' },
    { kind: 'chart', label: `Investigations resolved per day, by resolution, ${from} to ${to}`, svg: chartSvg(resolutionsOption(stats, theme), { width: CHART_WIDTH, height: 280 }), width: CHART_WIDTH, height: 280 },
    { kind: 'text', muted: true, text: 'Each investigation once, on the day of the resolution standing now (a reopened case counts at its last close); “not recorded”: closed without a resolution (imported cases).' },
    { kind: 'table', table: resolutionTotals(stats) },
    { kind: 'text', muted: true, text: 'The alerts that occurred in the range, by the verdict standing now.' },
    { kind: 'table', table: verdictTable(stats) },
    { kind: 'section', title: 'Top entities' },
    { kind: 'text', muted: true, text: `The entities linked to the most of the ${count(topEntities.alertsInRange)} alerts that occurred in the range; share is of those alerts.` },
    { kind: 'table', table: entityTable(topEntities) },
    { kind: 'section', title: 'Definitions' },
    { kind: 'facts', rows: [...METRIC_DEFINITIONS] },
    { kind: 'text', muted: true, text: 'Every figure is defined in full in “Metrics” (docs/METRICS.md), in the documentation that ships with Vigil.' },
    ...manifestBlocks([['Report', 'Analytics'], ['Range', `${from} to ${to}, days counted in ${timeZone}`]], manifest, 'reports.analytics'),
  ];
  return {
    title: `Analytics · ${from} to ${to}`,
    subtitle: `Analytics report, days counted in ${timeZone}; generated ${reportTime(manifest.generatedAt)} by ${by}`,
    footer: `Analytics ${from} to ${to} (${timeZone})`,
    author: by,
    creator: `Vigil ${manifest.appVersion}`,
    generatedAt: manifest.generatedAt,
    blocks,
  };
}
