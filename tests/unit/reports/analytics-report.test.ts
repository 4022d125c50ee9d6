// The analytics report: what it says (the screen's cards, charts, forecast notes in the screen's
// words, durations by severity with n and missing, SLA with its n, rule precision with its interval,
// definitions, manifest), that what was not measured reads '—' and never 0, and through its channel
// that the file's hash is in the audit log and a bad range is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { analyticsDocument } from '../../../src-main/reports/analytics-sections';
import type { AnalyticsReport } from '../../../src-main/reports/analytics-report';
import { documentHtml } from '../../../src-main/reports/report-html';
import type { ReportBlock } from '../../../src-main/reports/report-document';
import { forecastNoteText } from '../../../src-shared/forecast-note';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { errorCodeOf } from '../support/errors';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { LONG_RULE, statsFixture } from './stats-fixture';

const HEAD = { seq: 42, hash: 'c0ffee'.repeat(10) + 'beef' };
const fixture = (): AnalyticsReport => ({
  stats: statsFixture(10),
  topEntities: { range: { from: '2026-03-01', to: '2026-03-10', timeZone: 'Europe/Paris' }, alertsInRange: 0, entities: [] },
  manifest: { generatedBy: { username: 'ada', displayName: 'Ada Admin' }, generatedAt: Date.UTC(2026, 2, 31, 9, 5), appVersion: '9.9.9', auditHead: HEAD, masked: false },
});

const tableRows = (blocks: ReportBlock[], header: string): string[][] => {
  const table = blocks.find((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table' && b.table.columns[0]?.label === header);
  if (!table) throw new Error(`no table ${header}`);
  return table.table.rows;
};

describe('the analytics report\'s content', () => {
  const doc = analyticsDocument(fixture());
  const html = documentHtml(doc);

  it('shows the cards, the forecast notes in the screen\'s words, SLA with its n and the manifest', () => {
    expect(doc.title).toBe('Analytics · 2026-03-01 to 2026-03-10');
    const cards = doc.blocks.find((b) => b.kind === 'cards');
    // 100 + 107 + … + 163 alerts; 2, 3, 4, 2, … investigations.
    expect(cards).toMatchObject({ cards: [
      { label: 'Alerts', value: '1,315' },
      { label: 'Investigations opened', value: '29', note: '3 of them reopened at least once' },
      { label: 'Open at the end', value: '49' },
      { label: 'SLA compliance', value: '82.0 %', note: expect.stringContaining('41 met of 50 decided (n = 50)') },
    ] });
    const stats = statsFixture(10);
    const texts = doc.blocks.filter((b) => b.kind === 'text').map((b) => b.text);
    expect(texts).toContain(forecastNoteText(stats.forecast.alerts, 'alerts'));
    expect(forecastNoteText(stats.forecast.alerts, 'alerts')).toBe('Forecast of alerts, next 14 days: Holt-Winters (weekly seasonality), because it beat seasonal naive on its backtest. '
      + 'Backtest over 8 origins: MASE 0.71 Holt-Winters vs 1.00 seasonal naive (below 1 beats last week); 80 % / 95 % intervals held 79.0 % / 93.0 % vs 70.0 % / 88.0 %.');
    expect(texts).toContain('No forecast of investigations: 10 days of history, 21 needed.');
    expect(html).toContain('<dd>82.0 % (n = 50 decided)</dd>');
    for (const heading of ['Volume per day', 'Alerts per day by severity', 'Alerts per day by source', 'How long work takes', 'Backlog', 'SLA', 'Rule precision', 'Definitions', 'Manifest']) expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('2026-03-01 to 2026-03-10, days counted in Europe/Paris');
    expect(html).toContain(`#42 ${HEAD.hash}`);
    expect(html).toContain('2026-03-31 09:05 UTC');
    expect(html).toContain('docs/METRICS.md');
    expect(html).toContain('reports.analytics');
  });

  it('gives durations with n, mean, median, p95 and missing by severity, and writes what was not measured as — not 0', () => {
    const rows = tableRows(doc.blocks, 'Measure');
    expect(rows[0]).toEqual(['Time to triage (alerts)', 'all', '1,234', '1.5 h', '45 min', '6.3 h', '321']);
    // Nothing critical was measured: n is 0, the figures are missing, not zero durations.
    expect(rows[1]).toEqual(['', 'critical', '0', '—', '—', '—', '']);
    expect(rows.find((r) => r[0] === 'Time to resolve')).toEqual(['Time to resolve', 'all', '9', '30.0 h', '20.0 h', '3.8 d', '12']);
  });

  it('gives the durations per bucket with what was not measured on a line of its own', () => {
    const rows = tableRows(doc.blocks, 'Duration');
    expect(rows[0]).toEqual(['< 15 min', '400', '9', '0']);
    expect(rows[7]).toEqual(['≥ 30 d', '0', '0', '0']);
    expect(rows[8]).toEqual(['Not measured (missing)', '321', '4', '12']);
  });

  it('gives rule precision with its Wilson interval, — for a rule with no verdicts, and the rule name whole', () => {
    expect(tableRows(doc.blocks, 'Source / rule')).toEqual([
      [`edr / ${LONG_RULE}`, '8', '2', '5', '80.0 % (49.0 %–94.3 %)'],
      ['mail / —', '0', '0', '7', '—'],
    ]);
  });

  it('totals the resolutions of the range and lists the alerts by verdict with their share', () => {
    const report = fixture();
    const counts = (actioned: number, notRecorded: number) => ({ actioned, no_violation: 1, duplicate: 0, false_positive: 0, not_recorded: notRecorded });
    report.stats.resolutions = {
      resolved: 6, byResolution: { actioned: 3, no_violation: 2, duplicate: 0, false_positive: 0, not_recorded: 1 },
      perDay: [{ date: '2026-03-01', counts: counts(1, 1) }, { date: '2026-03-02', counts: counts(2, 0) }],
      alertVerdicts: { promoted: 1, falsePositive: 2, dismissedOther: 0, acknowledged: 1, untriaged: 4 },
    };
    const blocks = analyticsDocument(report).blocks;
    expect(tableRows(blocks, 'Resolved')).toEqual([['In the range', '3', '2', '0', '0', '1', '6']]);
    expect(tableRows(blocks, 'Verdict now')).toEqual([
      ['promoted', '1', '12.5 %'], ['dismissed: false positive', '2', '25.0 %'], ['dismissed: other reason', '0', '0.0 %'], ['acknowledged', '1', '12.5 %'], ['untriaged', '4', '50.0 %'],
    ]);
  });

  it('lists the top entities as given, and says so when their values are masked', () => {
    const report = fixture();
    report.manifest.masked = true;
    report.topEntities = {
      range: report.stats.range, alertsInRange: 8,
      entities: [{ id: 'e1', kind: 'email', value: 'b**@example.com', masked: true, alerts: 2, share: 0.25, inInvestigations: 1 }],
    };
    const blocks = analyticsDocument(report).blocks;
    expect(tableRows(blocks, 'Entity')).toEqual([['b**@example.com', 'email', '2', '25.0 %', '1']]);
    expect(blocks[0]).toMatchObject({ kind: 'notice', text: expect.stringContaining('masked') });
    expect(analyticsDocument(fixture()).blocks.some((b) => b.kind === 'notice')).toBe(false);
  });

  it('writes no SLA percentage when nothing was decided', () => {
    const report = fixture();
    report.stats.sla = { ...report.stats.sla, met: 0, breached: 0, compliance: null };
    const cards = analyticsDocument(report).blocks.find((b) => b.kind === 'cards');
    expect(cards).toMatchObject({ cards: expect.arrayContaining([expect.objectContaining({ label: 'SLA compliance', value: '—' })]) });
  });

  it('gives alerts per day by severity and by source in the screen\'s tables, the other sources summed and said so', () => {
    // Day 2 of the fixture: 114 alerts = critical 2 + high 10 + medium 30 + low 72.
    expect(tableRows(doc.blocks, 'Date')[2]).toEqual(['2026-03-03', '2', '10', '30', '72', '114']);
    const bySource = doc.blocks.filter((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table' && b.table.columns[0]?.label === 'Date')[1];
    expect(bySource?.table.columns.map((c) => c.label)).toEqual(['Date', 'edr', 'ids', 'mail', 'proxy', 'dns', 'vpn', 'waf', 'av', 'Other (2 sources)', 'Alerts']);
    expect(bySource?.table.rows[2]).toEqual(['2026-03-03', '54', '20', '10', '8', '6', '5', '4', '3', '4', '114']);
    expect(doc.blocks.filter((b) => b.kind === 'text').map((b) => b.text))
      .toContain('The 8 sources with the most alerts in the range; the other 2 are summed as “Other (2 sources)”.');
  });

  it('draws every chart inline and stays self-contained: no script, no outside resource', () => {
    // Volume, by severity, by source, durations per bucket, backlog, resolutions.
    expect(html.match(/<figure role="img" aria-label="[^"]+"><svg /g)).toHaveLength(6);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    // The only url() references are the charts' own clip paths.
    expect(html.match(/url\((?!#)/g)).toBeNull();
  });
});

describe('reports.analytics', () => {
  let vault: TestVault;
  let admin: InProcessClient;
  beforeAll(async () => {
    vault = makeTestVault();
    vault.clock.set(Date.UTC(2026, 2, 31, 12));
    ({ admin } = await setUpVault(vault));
    await admin.invoke('demo.generate', { alerts: 400, seed: 3, days: 30 });
  }, 120_000);
  afterAll(() => vault.dispose());

  it('makes the PDF of a range and writes its SHA-256 to the audit log', async () => {
    const file = await admin.invoke('reports.analytics', { from: '2026-03-02', to: '2026-03-31', timeZone: 'Europe/Paris', format: 'pdf' });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(1);
    expect(file).toMatchObject({ mediaType: 'application/pdf', masked: false, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(file.fileName).toMatch(/^analytics-2026-03-02-2026-03-31-report-20260331-1200\.pdf$/);
    const audit = await admin.invoke('audit.list', { limit: 5, action: 'reports.analytics' });
    expect(audit.entries[0]).toMatchObject({
      outcome: 'success',
      details: expect.objectContaining({ sha256: file.sha256, format: 'pdf', from: '2026-03-02', to: '2026-03-31', timeZone: 'Europe/Paris' }),
    });
  }, 120_000);

  it('makes the HTML with the demo\'s numbers', async () => {
    const stats = await admin.invoke('analytics.stats', { from: '2026-03-02', to: '2026-03-31', timeZone: 'UTC' });
    const file = await admin.invoke('reports.analytics', { from: '2026-03-02', to: '2026-03-31', timeZone: 'UTC', format: 'html' });
    const html = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    const alerts = stats.volumes.reduce((sum, v) => sum + v.alerts, 0);
    expect(html).toContain(`<div class="card-value">${alerts.toLocaleString('en-US')}</div>`);
    expect(html).toContain(forecastNoteText(stats.forecast.alerts, 'alerts').replace(/</g, '&lt;'));
  }, 120_000);

  it('prints the top entities masked for a role without access to PII, and raw for one with it', async () => {
    const range = { from: '2026-03-02', to: '2026-03-31', timeZone: 'UTC' };
    const analyst = await addUser(vault, admin, 'ann', 'analyst');
    const raw = await admin.invoke('analytics.topEntities', range);
    const hidden = raw.entities.filter((e) => e.kind === 'email' || e.kind === 'ip' || e.kind === 'account');
    expect(hidden.length).toBeGreaterThan(0);
    const cell = (text: string) => `<td>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</td>`;
    const htmlOf = async (client: InProcessClient) => {
      const file = await client.invoke('reports.analytics', { ...range, format: 'html' });
      return { masked: file.masked, html: Buffer.from(file.contentBase64, 'base64').toString('utf8') };
    };
    const asAdmin = await htmlOf(admin);
    const asAnalyst = await htmlOf(analyst);
    expect(asAdmin.masked).toBe(false);
    expect(asAnalyst.masked).toBe(true);
    for (const e of hidden) {
      expect(asAdmin.html).toContain(cell(e.value));
      expect(asAnalyst.html).not.toContain(cell(e.value));
    }
    const shown = await analyst.invoke('analytics.topEntities', range);
    for (const e of shown.entities.filter((x) => x.masked)) expect(asAnalyst.html).toContain(cell(e.value));
  }, 120_000);

  it('refuses a range that ends before it starts, and says so in the audit log', async () => {
    expect(await errorCodeOf(admin.invoke('reports.analytics', { from: '2026-03-10', to: '2026-03-01', timeZone: 'UTC', format: 'pdf' }))).toBe('VALIDATION');
    const audit = await admin.invoke('audit.list', { limit: 1, action: 'reports.analytics' });
    expect(audit.entries[0]).toMatchObject({ outcome: 'failure', details: expect.objectContaining({ code: 'VALIDATION' }) });
  }, 60_000);
});
