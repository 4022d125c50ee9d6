// The stats report through its channel, against a small vault worked out by hand: cases opened,
// acknowledged, closed and reopened at known times, alerts on both sides of midnight in Paris,
// verdicts for rule precision, and the refusals a caller gets for a bad range or zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { cliClient } from '../case-package/case-fixtures';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { alertOfRow } from '../support/alert-of-row';

const H = 3_600_000;
const DAY0 = Date.UTC(2026, 2, 2); // Monday 2 March 2026, 01:00 in Paris
let vault: TestVault;
let admin: InProcessClient;
let report: StatsReport;

/** Signed in afresh at the clock's time: the test moves the clock by days, past any session's life. */
async function signedIn(): Promise<InProcessClient> {
  const client = vault.client();
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

async function caseAt(at: number, title: string, severity: 'high' | 'low') {
  vault.clock.set(at);
  admin = await signedIn();
  return admin.invoke('investigations.create', { title, severity, templateId: 'blank' });
}
async function move(id: string, at: number, status: 'in_progress' | 'closed' | 'open', extra: { resolution?: 'actioned'; reason?: string } = {}) {
  vault.clock.set(at);
  admin = await signedIn();
  await admin.invoke('investigations.setStatus', { investigationId: id, status, ...extra });
}

beforeAll(async () => {
  vault = makeTestVault();
  vault.clock.set(DAY0);
  ({ admin } = await setUpVault(vault));
  // A: high, acknowledged after 2 h, closed after 10 h.
  const a = await caseAt(DAY0 + 8 * H, 'A', 'high');
  await move(a.id, DAY0 + 10 * H, 'in_progress');
  await move(a.id, DAY0 + 18 * H, 'closed', { resolution: 'actioned' });
  // B: low, closed straight from open after 4 h, reopened, closed again at 30 h.
  const b = await caseAt(DAY0 + 9 * H, 'B', 'low');
  await move(b.id, DAY0 + 13 * H, 'closed', { resolution: 'actioned' });
  await move(b.id, DAY0 + 20 * H, 'open', { reason: 'More came in' });
  await move(b.id, DAY0 + 39 * H, 'closed', { resolution: 'actioned' });
  // C: high, never touched.
  await caseAt(DAY0 + 30 * H, 'C', 'high');

  // Alerts: 22:30 UTC on 2 March is 23:30 in Paris (2 March); 23:30 UTC is 00:30 on 3 March.
  vault.clock.set(DAY0 + 40 * H);
  admin = await signedIn();
  const csv = join(vault.dir, 'alerts.csv');
  writeFileSync(csv, [
    'id,time,title,severity,rule',
    'a1,2026-03-02T22:30:00Z,One,high,burst', 'a2,2026-03-02T23:30:00Z,Two,high,burst', 'a3,2026-03-03T10:00:00Z,Three,low,burst',
    'a4,2026-03-03T11:00:00Z,Four,low,spray',
  ].join('\n'));
  const cli = await cliClient(vault);
  await cli.invoke('alerts.importFile', { path: csv, source: 'ids' });
  const db = vault.core.services.custody.vault.db;
  const idOf = (ext: string) => alertOfRow(db, ext);
  await admin.invoke('alerts.bulk', { selection: { ids: [idOf('a1')] }, action: { kind: 'dismiss', reason: 'false_positive' } });
  vault.clock.advance(H);
  admin = await signedIn();
  await admin.invoke('alerts.bulk', { selection: { ids: [idOf('a2')] }, action: { kind: 'acknowledge' } });

  vault.clock.set(DAY0 + 48 * H);
  admin = await signedIn();
  report = await admin.invoke('analytics.stats', { from: '2026-03-02', to: '2026-03-03', timeZone: 'Europe/Paris' });
});
afterAll(() => vault.dispose());

describe('the stats report', () => {
  it('counts alerts and cases on the local day they happened', () => {
    expect(report.range).toEqual({ from: '2026-03-02', to: '2026-03-03', timeZone: 'Europe/Paris' });
    expect(report.volumes).toEqual([
      { date: '2026-03-02', alerts: 1, investigations: 2 },
      { date: '2026-03-03', alerts: 3, investigations: 1 },
    ]);
  });

  it('breaks the same days down by severity and source, each day summing to its alerts', () => {
    expect(report.volumeBySeverity).toEqual([
      { date: '2026-03-02', counts: { low: 0, medium: 0, high: 1, critical: 0 } },
      { date: '2026-03-03', counts: { low: 2, medium: 0, high: 1, critical: 0 } },
    ]);
    expect(report.volumeBySource).toEqual({
      sources: ['ids'], otherSources: 0,
      days: [{ date: '2026-03-02', counts: [1], other: 0 }, { date: '2026-03-03', counts: [3], other: 0 }],
    });
    const severitySums = report.volumeBySeverity.map((d) => d.counts.low + d.counts.medium + d.counts.high + d.counts.critical);
    const sourceSums = report.volumeBySource.days.map((d) => d.counts.reduce((sum, n) => sum + n, d.other));
    expect(severitySums).toEqual(report.volumes.map((v) => v.alerts));
    expect(sourceSums).toEqual(report.volumes.map((v) => v.alerts));
  });

  it('measures acknowledgement and resolution from the status log, counting what has not happened as missing', () => {
    // A: 2 h; B: 4 h (closed straight from open); C: not yet.
    expect(report.timeToAcknowledge.all).toEqual({ n: 2, mean: 3 * H, median: 3 * H, p95: 2 * H + 0.95 * 2 * H });
    expect(report.timeToAcknowledge.missing).toBe(1);
    // A: 10 h; B: to its final resolution, 30 h; C open.
    expect(report.timeToResolve.all).toMatchObject({ n: 2, mean: 20 * H, median: 20 * H });
    expect(report.timeToResolve.bySeverity.high).toEqual({ n: 1, mean: 10 * H, median: 10 * H, p95: 10 * H });
    expect(report.timeToResolve.bySeverity.medium).toEqual({ n: 0, mean: null, median: null, p95: null });
    expect(report.timeToResolve.missing).toBe(1);
    expect(report.reopened).toBe(1);
  });

  it('measures time to triage from creation to the first verdict', () => {
    // Imported at DAY0 + 40 h; a1 judged at once, a2 an hour later; a3 and a4 untriaged.
    expect(report.timeToTriage.all).toMatchObject({ n: 2, mean: H / 2 });
    expect(report.timeToTriage.missing).toBe(2);
  });

  it('counts each duration into its histogram bucket, an edge into the bucket above it, and what has not happened apart', () => {
    // Buckets: < 15 min · 15 min–1 h · 1–4 h · 4–24 h · 1–3 d · 3–7 d · 7–30 d · ≥ 30 d.
    // Triage: a1 at once (0), a2 exactly 1 h (the 1–4 h bucket); a3, a4 untriaged.
    expect(report.durationDistributions.triage).toEqual({ counts: [1, 0, 1, 0, 0, 0, 0, 0], missing: 2 });
    // Acknowledge: A 2 h, B exactly 4 h (the 4–24 h bucket); C not yet.
    expect(report.durationDistributions.acknowledge).toEqual({ counts: [0, 0, 1, 1, 0, 0, 0, 0], missing: 1 });
    // Resolve: A 10 h, B 30 h (to its final resolution, after the reopening); C open.
    expect(report.durationDistributions.resolve).toEqual({ counts: [0, 0, 0, 1, 1, 0, 0, 0], missing: 1 });
  });

  it('keeps a backlog per local day: open at the end, in, out', () => {
    // 2 March in Paris ends at 23:00 UTC: A and B opened, A closed (18 h), B closed (13 h) and reopened (20 h);
    // 3 March: C opened, B closed again (39 h).
    expect(report.backlog).toEqual([
      { date: '2026-03-02', openAtEnd: 1, inflow: 3, outflow: 2 },
      { date: '2026-03-03', openAtEnd: 1, inflow: 1, outflow: 1 },
    ]);
  });

  it('scores rules over triaged alerts, with the untriaged beside them', () => {
    expect(report.rulePrecision).toEqual([
      expect.objectContaining({ source: 'ids', rule: 'burst', promoted: 0, falsePositive: 1, untriaged: 1, precision: 0 }),
      expect.objectContaining({ source: 'ids', rule: 'spray', promoted: 0, falsePositive: 0, untriaged: 1, precision: null, low: null }),
    ]);
  });

  it('gives SLA compliance over decided cases due in the range', () => {
    // Targets: high 24 h, low 7 days. A due 2 Mar 08:00 +24 h, met; C due 3 Mar 06:00 +24 h (4 Mar 06:00 UTC), outside; B due 9 March, outside.
    expect(report.sla).toMatchObject({ met: 1, breached: 0, compliance: 1 });
  });

  it('says there is too little history instead of forecasting', () => {
    expect(report.forecast.alerts).toEqual({ kind: 'insufficient-history', days: 2, requiredDays: 21 });
  });

  it('measures decisions per analyst-day for the staffing estimate, and lists workload by name', () => {
    // Ada's decisions: A closed (2 Mar), B closed (2 Mar), B closed again (3 Mar), a1 dismissed and a2 acknowledged (3 Mar).
    expect(report.staffing).toMatchObject({
      decisions: 5, alertVerdicts: 2, investigationResolutions: 3, analysts: 1, analystDays: 2, throughputPerAnalystDay: 2.5,
      forecastAlertsPerDay: null, analystsNeeded: null, missing: ['no-forecast'],
    });
    // C is open but assigned to nobody.
    expect(report.workload).toEqual([
      { userId: expect.any(String), displayName: 'Ada Admin', openAssigned: 0, decisions: 5, alertVerdicts: 2, investigationResolutions: 3 },
    ]);
  });

  it('says anomalies need four weeks of history', () => {
    expect(report.anomalies.days.alerts).toEqual({ kind: 'insufficient-history', historyDays: 2, requiredDays: 29 });
    expect(report.anomalies.hours.kind).toBe('insufficient-history');
  });

  it('refuses an unknown zone and a range that runs backwards', async () => {
    expect(await errorCodeOf(admin.invoke('analytics.stats', { timeZone: 'Mars/Olympus' }))).toBe('VALIDATION');
    expect(await errorCodeOf(admin.invoke('analytics.stats', { from: '2026-03-05', to: '2026-03-01', timeZone: 'UTC' }))).toBe('VALIDATION');
  });
});

describe('the stats report with weeks of history', () => {
  it('forecasts the 14 days after the range with both bands, never below zero, and its backtest', async () => {
    const demo = makeTestVault();
    try {
      const { admin: lead } = await setUpVault(demo);
      await lead.invoke('demo.generate', { alerts: 4000, seed: 5, days: 70, investigations: 0 });
      const today = new Date(demo.clock.now()).toISOString().slice(0, 10);
      const result = await lead.invoke('analytics.stats', { to: today, timeZone: 'UTC' });
      const forecast = result.forecast.alerts;
      if (forecast.kind !== 'forecast') throw new Error(`expected a forecast, got ${forecast.kind}`);
      expect(forecast.historyDays).toBeGreaterThanOrEqual(60);
      expect(forecast.points).toHaveLength(14);
      const next = new Date(Date.parse(`${today}T00:00:00Z`) + 24 * H).toISOString().slice(0, 10);
      expect(forecast.points[0]?.date).toBe(next);
      for (const p of forecast.points) {
        expect(p.lower95).toBeGreaterThanOrEqual(0);
        expect(p.lower95).toBeLessThanOrEqual(p.lower80);
        expect(p.lower80).toBeLessThanOrEqual(p.mean);
        expect(p.mean).toBeLessThanOrEqual(p.upper80);
        expect(p.upper80).toBeLessThanOrEqual(p.upper95);
      }
      expect(forecast.backtest.origins).toBeGreaterThan(0);
      expect(forecast.backtest.seasonalNaive.mase).not.toBeNull();
      // The model shown is the one that won its backtest.
      const { holtWinters, seasonalNaive } = forecast.backtest;
      if (forecast.model === 'holt-winters') expect(holtWinters.mase ?? Infinity).toBeLessThan(seasonalNaive.mase ?? 0);
      else expect(forecast.reason).not.toBe('model-beats-baseline');
    } finally {
      demo.dispose();
    }
  });
});
