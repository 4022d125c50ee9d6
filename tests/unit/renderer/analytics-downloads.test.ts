// "Download CSV / JSON" of one analytics chart writes exactly the rows of its data table: the header
// then one line per row, RFC 4180 quoting, and a rule named like a formula stays text.
import { describe, expect, it } from 'vitest';
import {
  alertVerdictsTable, backlogTable, chartCsv, chartFileName, chartJson, durationTable, resolutionsTable, rulePrecisionTable, severityVolumeTable,
  sourceVolumeTable, topEntitiesTable, unusualDaysTable, volumeTable, workloadTable,
} from '../../../src-shared/analytics-tables';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { QUIET_EXTRAS } from '../reports/stats-fixture';

const empty = { n: 0, mean: null, median: null, p95: null };
const duration = { all: { n: 2, mean: 90_000, median: 60_000, p95: 120_000 }, bySeverity: { low: empty, medium: empty, high: empty, critical: { n: 2, mean: 90_000, median: 60_000, p95: 120_000 } }, missing: 3 };
const REPORT: StatsReport = {
  ...QUIET_EXTRAS,
  range: { from: '2026-11-01', to: '2026-11-02', timeZone: 'Europe/Berlin' }, generatedAt: 0,
  volumes: [{ date: '2026-11-01', alerts: 5, investigations: 1 }, { date: '2026-11-02', alerts: 7, investigations: 0 }],
  volumeBySeverity: [
    { date: '2026-11-01', counts: { low: 2, medium: 0, high: 2, critical: 1 } },
    { date: '2026-11-02', counts: { low: 3, medium: 1, high: 0, critical: 3 } },
  ],
  volumeBySource: {
    sources: ['=cmd|calc', 'mail, gateway'], otherSources: 3,
    days: [{ date: '2026-11-01', counts: [3, 1], other: 1 }, { date: '2026-11-02', counts: [4, 3], other: 0 }],
  },
  timeToTriage: duration, timeToAcknowledge: duration, timeToResolve: duration, reopened: 0,
  backlog: [{ date: '2026-11-01', openAtEnd: 4, inflow: 1, outflow: 0 }, { date: '2026-11-02', openAtEnd: 3, inflow: 0, outflow: 1 }],
  age: [],
  sla: { targetsMs: { low: 1, medium: 1, high: 1, critical: 1 }, atRiskWindowMs: 1, met: 0, breached: 0, atRisk: 0, open: 0, compliance: null },
  rulePrecision: [
    { source: 'edr', rule: '=HYPERLINK("http://evil.example","x")', promoted: 3, falsePositive: 1, untriaged: 2, precision: 0.75, low: 0.3, high: 0.95 },
    { source: 'mail, gateway', rule: null, promoted: 0, falsePositive: 0, untriaged: 4, precision: null, low: null, high: null },
  ],
  forecast: {
    alerts: {
      kind: 'forecast', model: 'seasonal-naive', reason: 'model-does-not-beat-baseline', historyDays: 30,
      points: [{ date: '2026-11-03', mean: 6.5, lower80: 4, upper80: 8, lower95: 3, upper95: 9 }],
      backtest: { origins: 2, holtWinters: { mase: 1.2, coverage80: 0.7, coverage95: 0.9 }, seasonalNaive: { mase: 0.9, coverage80: 0.8, coverage95: 0.95 } },
    },
    investigations: { kind: 'insufficient-history', days: 2, requiredDays: 21 },
  },
};

const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('analytics chart downloads', () => {
  it('writes the volume chart\'s days and then its forecast days, one CSV line each', () => {
    expect(lines(chartCsv(volumeTable(REPORT)))).toEqual([
      'date,alerts,investigations,forecast,low80,high80,low95,high95',
      '2026-11-01,5,1,,,,,',
      '2026-11-02,7,0,,,,,',
      '2026-11-03,,,6.5,4,8,3,9',
    ]);
  });

  it('writes alerts by severity one line per day, critical first, with the day\'s total', () => {
    expect(lines(chartCsv(severityVolumeTable(REPORT)))).toEqual([
      'date,critical,high,medium,low,alerts',
      '2026-11-01,1,2,0,2,5',
      '2026-11-02,3,0,1,3,7',
    ]);
  });

  it('writes alerts by source one line per day: a column per top source, the others summed in a column that says how many', () => {
    expect(lines(chartCsv(sourceVolumeTable(REPORT)))).toEqual([
      // The prefix keeps a source named like a formula (or like another column) from being one.
      'date,source:=cmd|calc,"source:mail, gateway",other (3 sources),alerts',
      '2026-11-01,3,1,1,5',
      '2026-11-02,4,3,0,7',
    ]);
    const json = JSON.parse(chartJson(sourceVolumeTable(REPORT), REPORT.range)) as { chart: string; rows: unknown[] };
    expect(json.chart).toBe('volume-by-source');
    expect(json.rows[0]).toEqual({ date: '2026-11-01', 'source:=cmd|calc': 3, 'source:mail, gateway': 1, 'other (3 sources)': 1, alerts: 5 });
    const fewer = { ...REPORT, volumeBySource: { ...REPORT.volumeBySource, otherSources: 0 } };
    expect(lines(chartCsv(sourceVolumeTable(fewer)))[0]).toBe('date,source:=cmd|calc,"source:mail, gateway",alerts');
  });

  it('neutralises a rule named like a formula, quotes a comma, and leaves a missing rule empty', () => {
    expect(lines(chartCsv(rulePrecisionTable(REPORT)))).toEqual([
      'source,rule,promoted,falsePositive,untriaged,precision,low,high',
      `edr,"'=HYPERLINK(""http://evil.example"",""x"")",3,1,2,0.75,0.3,0.95`,
      '"mail, gateway",,0,0,4,,,',
    ]);
  });

  it('has a line per measure and severity for durations, and per day for the backlog', () => {
    const durations = lines(chartCsv(durationTable(REPORT)));
    expect(durations[0]).toBe('measure,severity,n,meanMs,medianMs,p95Ms,missing');
    expect(durations).toHaveLength(1 + 3 * 5);
    expect(durations[1]).toBe('Time to triage (alerts),all,2,90000,60000,120000,3');
    expect(durations[2]).toBe('Time to triage (alerts),critical,2,90000,60000,120000,');
    expect(lines(chartCsv(backlogTable(REPORT)))).toEqual(['date,openAtEnd,inflow,outflow', '2026-11-01,4,1,0', '2026-11-02,3,0,1']);
  });

  it('gives the same rows as JSON, with the range and zone their dates are counted in', () => {
    const json = JSON.parse(chartJson(rulePrecisionTable(REPORT), REPORT.range)) as { chart: string; range: unknown; rows: Array<{ rule: string | null }> };
    expect(json.chart).toBe('rule-precision');
    expect(json.range).toEqual({ from: '2026-11-01', to: '2026-11-02', timeZone: 'Europe/Berlin' });
    expect(json.rows.map((r) => r.rule)).toEqual(['=HYPERLINK("http://evil.example","x")', null]);
  });

  it('lists flagged days with their mark (who, when, why), then flagged hours; a series not judged has no rows', () => {
    const flaggedDay = { expected: 4.25, dispersion: 1.5, upperBound: 10.5, partial: false };
    const report: StatsReport = {
      ...REPORT,
      anomalies: {
        method: { kind: 'seasonal-quasi-poisson', weeks: 4, z: 2.326 },
        days: {
          alerts: {
            kind: 'scored', scoredDays: 2, unscoredDays: 0,
            flagged: [
              { ...flaggedDay, series: 'alerts', date: '2026-11-01', count: 40, baseline: ['2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25'],
                mark: { series: 'alerts', date: '2026-11-01', note: 'Phishing drill, "Q4"', markedBy: { id: 'u1', name: 'Ana Lima' }, markedAt: Date.UTC(2026, 10, 2, 8, 30) } },
              { ...flaggedDay, series: 'alerts', date: '2026-11-02', count: 12, baseline: ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'], partial: true, mark: null },
            ],
          },
          investigations: { kind: 'insufficient-history', historyDays: 20, requiredDays: 29 },
        },
        hours: {
          kind: 'scored', from: 0, to: 1, scoredHours: 168,
          flagged: [{ start: 0, label: '2026-11-02 03:00', count: 9, expected: 1, dispersion: 1, upperBound: 3.33, baselineWeeks: 4 }],
        },
      },
    };
    expect(lines(chartCsv(unusualDaysTable(report)))).toEqual([
      'series,when,count,expected,upperBound,dispersion,baseline,partial,markedExpected,markNote,markedBy,markedAt',
      'alerts,2026-11-01,40,4.25,10.5,1.5,2026-10-04 2026-10-11 2026-10-18 2026-10-25,no,yes,"Phishing drill, ""Q4""",Ana Lima,2026-11-02T08:30:00.000Z',
      'alerts,2026-11-02,12,4.25,10.5,1.5,2026-10-05 2026-10-12 2026-10-19 2026-10-26,yes,no,,,',
      'alerts per hour,2026-11-02 03:00,9,1,3.33,1,4 weeks,no,no,,,',
    ]);
    expect(chartFileName(unusualDaysTable(report), report.range, 'csv')).toBe('vigil-unusual-days-2026-11-01-2026-11-02.csv');
  });

  it('has only its header for unusual days when no series has enough history', () => {
    expect(lines(chartCsv(unusualDaysTable(REPORT)))).toEqual(['series,when,count,expected,upperBound,dispersion,baseline,partial,markedExpected,markNote,markedBy,markedAt']);
  });

  it('writes the workload one line per person, in the report\'s alphabetical order', () => {
    const report: StatsReport = {
      ...REPORT,
      workload: [
        { userId: 'u2', displayName: 'Ana Lima', openAssigned: 3, decisions: 41, alertVerdicts: 40, investigationResolutions: 1 },
        { userId: 'u1', displayName: 'Zoë Brandt', openAssigned: 0, decisions: 2, alertVerdicts: 0, investigationResolutions: 2 },
      ],
    };
    expect(lines(chartCsv(workloadTable(report)))).toEqual([
      'person,openAssigned,decisions,alertVerdicts,investigationResolutions',
      'Ana Lima,3,41,40,1',
      'Zoë Brandt,0,2,0,2',
    ]);
  });

  it('writes resolutions one line per day with its total, and the alert verdicts in triage order', () => {
    const report: StatsReport = {
      ...REPORT,
      resolutions: {
        resolved: 4, byResolution: { actioned: 2, no_violation: 0, duplicate: 1, false_positive: 0, not_recorded: 1 },
        perDay: [
          { date: '2026-11-01', counts: { actioned: 2, no_violation: 0, duplicate: 0, false_positive: 0, not_recorded: 1 } },
          { date: '2026-11-02', counts: { actioned: 0, no_violation: 0, duplicate: 1, false_positive: 0, not_recorded: 0 } },
        ],
        alertVerdicts: { promoted: 3, falsePositive: 1, dismissedOther: 2, acknowledged: 5, untriaged: 1 },
      },
    };
    expect(lines(chartCsv(resolutionsTable(report)))).toEqual([
      'date,actioned,noViolation,duplicate,falsePositive,notRecorded,total',
      '2026-11-01,2,0,0,0,1,3',
      '2026-11-02,0,0,1,0,0,1',
    ]);
    expect(lines(chartCsv(alertVerdictsTable(report)))).toEqual([
      'verdict,alerts', 'promoted,3', 'dismissed: false positive,1', 'dismissed: other reason,2', 'acknowledged,5', 'untriaged,1',
    ]);
  });

  it('writes the top entities with the values as shown, a masked one masked', () => {
    const top = {
      range: REPORT.range, alertsInRange: 8,
      entities: [
        { id: 'e1', kind: 'account' as const, value: '****1234', masked: true, alerts: 4, share: 0.5, inInvestigations: 1 },
        { id: 'e2', kind: 'domain' as const, value: 'example.com', masked: false, alerts: 2, share: 0.25, inInvestigations: 0 },
      ],
    };
    expect(lines(chartCsv(topEntitiesTable(top)))).toEqual(['kind,value,alerts,share,inInvestigations', 'account,****1234,4,0.5,1', 'domain,example.com,2,0.25,0']);
    expect(chartFileName(topEntitiesTable(top), top.range, 'csv')).toBe('vigil-top-entities-2026-11-01-2026-11-02.csv');
  });

  it('names the file for the chart and the range', () => {
    expect(chartFileName(volumeTable(REPORT), REPORT.range, 'csv')).toBe('vigil-volume-2026-11-01-2026-11-02.csv');
    expect(chartFileName(rulePrecisionTable(REPORT), REPORT.range, 'json')).toBe('vigil-rule-precision-2026-11-01-2026-11-02.json');
  });
});
