// Anomalous days through the app: the overview and the stats report flag a surge against its weekday,
// an analyst marks it as expected (a viewer may not), the mark is audited and undone, and the hourly
// check raises an unmarked, completed surge into the triage queue once, while a normal week stays quiet.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import { AlertWriter, type NewAlert } from '../../../src-main/alerts/alert-writer';
import { volumeAnomalyExternalId } from '../../../src-main/analytics/volume-anomaly-alerts';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

const H = 3_600_000;
const DAY = 24 * H;
const MONDAY = Date.UTC(2026, 2, 2);
const WEEKS = 5;
/** The surge: the Wednesday of the sixth week. */
const SURGE_DAY = WEEKS * 7 + 2;
const SURGE_DATE = new Date(MONDAY + SURGE_DAY * DAY).toISOString().slice(0, 10);

let vault: TestVault;
afterEach(() => vault.dispose());

/** Alerts of a steady week (Mondays 30, other days 10 ± 1) for five weeks and the sixth's first days, plus `surge` on its Wednesday. */
function writeAlerts(surge: number): void {
  const repos = vault.core.services.custody.vault.repositories;
  const writer = new AlertWriter(repos.db, repos.row, null, { dedup: { parts: ['title'], bucketMs: 0 } });
  const alerts: NewAlert[] = [];
  for (let day = 0; day <= SURGE_DAY; day += 1) {
    const count = day === SURGE_DAY ? surge : day % 7 === 0 ? 30 : 10 + (day % 2);
    for (let i = 0; i < count; i += 1) {
      const id = `d${day}-${i}`;
      alerts.push({
        source: 'ids', externalId: id, rule: 'burst', title: `Alert ${id}`, description: '', severity: 'low',
        occurredAt: MONDAY + day * DAY + 8 * H + i * 60_000, entities: [], primaryEntity: null, importId: null, raw: null,
      });
    }
  }
  repos.db.transaction(() => { writer.writeBatch(alerts); writer.flush(); })();
}

async function signedInAt(at: number): Promise<InProcessClient> {
  vault.clock.set(at);
  const client = vault.client();
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

function raisedAlerts() {
  return vault.core.services.custody.vault.db.prepare(
    "SELECT a.title, a.severity, a.status, a.external_id FROM alerts a WHERE a.source = 'vigil' AND a.rule = 'volume-anomaly'",
  ).all() as Array<{ title: string; severity: string; status: string; external_id: string }>;
}

describe('volume anomalies', () => {
  it('are flagged with expected value, bound and baseline, marked as expected by an analyst, audited and undone', async () => {
    vault = makeTestVault({ timeZone: 'UTC' });
    vault.clock.set(MONDAY);
    await setUpVault(vault);
    writeAlerts(90);
    const admin = await signedInAt(MONDAY + (SURGE_DAY + 1) * DAY + 2 * H);

    const overview = await admin.invoke('analytics.overview', { timeZone: 'UTC' });
    const days = overview.anomalies.report.days.alerts;
    expect(days.kind).toBe('scored');
    if (days.kind !== 'scored') return;
    expect(days.flagged).toHaveLength(1);
    expect(days.flagged[0]).toMatchObject({ date: SURGE_DATE, count: 90, expected: 10.5, partial: false, mark: null });
    expect(days.flagged[0]?.baseline).toHaveLength(4);

    const analyst = await addUser(vault, admin, 'bea', 'analyst');
    const viewer = await addUser(vault, admin, 'cy', 'viewer');
    expect(await errorCodeOf(viewer.invoke('analytics.markExpected', { series: 'alerts', date: SURGE_DATE, note: 'no' }))).toBe('FORBIDDEN');
    const mark = await analyst.invoke('analytics.markExpected', { series: 'alerts', date: SURGE_DATE, note: 'Spam campaign, known' });
    expect(mark).toMatchObject({ series: 'alerts', date: SURGE_DATE, note: 'Spam campaign, known', markedBy: { name: 'bea' } });
    expect(await errorCodeOf(analyst.invoke('analytics.markExpected', { series: 'alerts', date: SURGE_DATE, note: 'again' }))).toBe('CONFLICT');

    const report = await admin.invoke('analytics.stats', { from: SURGE_DATE, to: SURGE_DATE, timeZone: 'UTC' });
    expect(report.anomalies.days.alerts).toMatchObject({ kind: 'scored', flagged: [{ date: SURGE_DATE, mark: { note: 'Spam campaign, known' } }] });
    expect(await vault.core.services.volumeAnomalies.check()).toEqual({ kind: 'checked', flagged: 1, raised: [] });

    await analyst.invoke('analytics.unmarkExpected', { series: 'alerts', date: SURGE_DATE });
    expect(await errorCodeOf(analyst.invoke('analytics.unmarkExpected', { series: 'alerts', date: SURGE_DATE }))).toBe('NOT_FOUND');
    const after = await admin.invoke('analytics.overview', { timeZone: 'UTC' });
    expect(after.anomalies.report.days.alerts).toMatchObject({ flagged: [{ date: SURGE_DATE, mark: null }] });

    const audit = await admin.invoke('audit.list', { limit: 50 });
    const actions = audit.entries.filter((e) => e.action.startsWith('analytics.')).map((e) => [e.action, e.outcome, e.actorName, e.target]);
    expect(actions).toEqual(expect.arrayContaining([
      ['analytics.markExpected', 'success', 'bea', `alerts:${SURGE_DATE}`],
      ['analytics.unmarkExpected', 'success', 'bea', `alerts:${SURGE_DATE}`],
    ]));
  });

  it('raise a completed surge into the triage queue once, stating count against expected and bound', async () => {
    vault = makeTestVault({ timeZone: 'UTC' });
    vault.clock.set(MONDAY);
    await setUpVault(vault);
    writeAlerts(90);
    // The surge day is not over yet: nothing is raised.
    vault.clock.set(MONDAY + SURGE_DAY * DAY + 20 * H);
    expect(await vault.core.services.volumeAnomalies.check()).toMatchObject({ kind: 'checked', raised: [] });
    vault.clock.set(MONDAY + (SURGE_DAY + 1) * DAY + H);
    expect(await vault.core.services.volumeAnomalies.check()).toEqual({ kind: 'checked', flagged: 1, raised: [SURGE_DATE] });
    expect(await vault.core.services.volumeAnomalies.check()).toEqual({ kind: 'checked', flagged: 1, raised: [] });
    vault.clock.advance(H);
    expect(await vault.core.services.volumeAnomalies.check()).toEqual({ kind: 'checked', flagged: 1, raised: [] });
    const raised = raisedAlerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ severity: 'medium', status: 'new', external_id: volumeAnomalyExternalId(SURGE_DATE) });
    expect(raised[0]?.title).toBe(`Alert volume anomaly on ${SURGE_DATE}: 90 alerts (expected 10.5, bound 18)`);
  });

  it('stay quiet over a normal week', async () => {
    vault = makeTestVault({ timeZone: 'UTC' });
    vault.clock.set(MONDAY);
    await setUpVault(vault);
    writeAlerts(11);
    vault.clock.set(MONDAY + (SURGE_DAY + 1) * DAY + H);
    expect(await vault.core.services.volumeAnomalies.check()).toEqual({ kind: 'checked', flagged: 0, raised: [] });
    expect(raisedAlerts()).toEqual([]);
  });

  it('are not checked while the vault is locked or closed', async () => {
    vault = makeTestVault({ timeZone: 'UTC' });
    expect(await vault.core.services.volumeAnomalies.check()).toEqual({ kind: 'vault-closed' });
  });
});

describe('the overview', () => {
  it('puts my breached work first, counts the backlog by age, and today against the forecast', async () => {
    vault = makeTestVault({ timeZone: 'UTC' });
    vault.clock.set(MONDAY);
    await setUpVault(vault);
    writeAlerts(11);
    // Noon on the last day written: its 11 alerts came from 8:00, one a minute.
    const now = MONDAY + SURGE_DAY * DAY + 12 * H;
    vault.clock.set(now - 30 * H);
    const early = vault.client();
    const me = (await early.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password })).userId;
    // High: due 24 h after opening (breached by now); low: 7 days.
    const late = await early.invoke('investigations.create', { title: 'High, breached', severity: 'high', templateId: 'blank', assigneeId: me });
    const recent = await signedInAt(now - 2 * H);
    const slow = await recent.invoke('investigations.create', { title: 'Low, due later', severity: 'low', templateId: 'blank', assigneeId: me });
    await recent.invoke('investigations.create', { title: 'Nobody\'s', severity: 'medium', templateId: 'blank' });
    const client = await signedInAt(now);
    const overview = await client.invoke('analytics.overview', { timeZone: 'UTC' });
    expect(overview.myQueue.investigations.n).toBe(2);
    expect(overview.myQueue.investigations.items.map((i) => [i.key, i.sla, i.dueFrom])).toEqual([
      [late.key, 'breached', 'severity-target'], [slow.key, 'open', 'severity-target'],
    ]);
    expect(overview.myQueue.untriagedAlerts).toEqual({ n: 0, oldestCreatedAt: null });
    expect(overview.backlog.openInvestigations).toMatchObject({ n: 3, byStatus: { open: 3, in_progress: 0, pending: 0 } });
    expect(overview.backlog.openInvestigations.ages.map((a) => a.count)).toEqual([2, 1, 0, 0, 0]);
    // Five weeks: 5 Mondays of 30, 30 other days of 10 of which 15 odd days of 11 (465); then 30, 10 and 11.
    const written = 465 + 30 + 10 + 11;
    expect(overview.backlog.untriagedAlerts.n).toBe(written);
    expect(overview.backlog.untriagedAlerts.ages.reduce((a, b) => a + b.count, 0)).toBe(written);
    expect(overview.today).toMatchObject({ date: SURGE_DATE, through: now, alerts: 11, investigations: 2 });
    expect(overview.today.forecast.alerts.kind).toBe('forecast');
    expect(overview.anomalies).toMatchObject({ to: SURGE_DATE, report: { days: { alerts: { kind: 'scored', flagged: [] } } } });
    // Nobody decided anything yet: no estimate, and why; the workload lists who holds open work.
    expect(overview.team.staffing).toMatchObject({ decisions: 0, analystsNeeded: null, missing: ['no-decisions'] });
    expect(overview.team.workload).toEqual([
      { userId: me, displayName: ADMIN.displayName, openAssigned: 2, decisions: 0, alertVerdicts: 0, investigationResolutions: 0 },
    ]);
  });

  it('shows queue titles and mark notes through the caller\'s PII lens', async () => {
    vault = makeTestVault({ timeZone: 'UTC' });
    vault.clock.set(MONDAY);
    await setUpVault(vault);
    writeAlerts(90);
    const lead = await signedInAt(MONDAY + (SURGE_DAY + 1) * DAY + 2 * H);
    const analyst = await addUser(vault, lead, 'bea', 'analyst');
    const bea = (await lead.invoke('users.list', {})).find((u) => u.username === 'bea');
    await lead.invoke('investigations.create', { title: 'Payouts to mallory@example.com', severity: 'high', templateId: 'blank', assigneeId: bea?.id });
    await lead.invoke('analytics.markExpected', { series: 'alerts', date: SURGE_DATE, note: 'Reported by mallory@example.com' });
    const seen = JSON.stringify(await analyst.invoke('analytics.overview', { timeZone: 'UTC' }));
    expect(seen).toContain('Payouts to');
    expect(seen).not.toContain('mallory@example.com');
    const report = JSON.stringify(await analyst.invoke('analytics.stats', { from: SURGE_DATE, to: SURGE_DATE, timeZone: 'UTC' }));
    expect(report).toContain('Reported by');
    expect(report).not.toContain('mallory@example.com');
    // The lead holds access_pii and reads the note as written.
    expect(JSON.stringify(await lead.invoke('analytics.stats', { from: SURGE_DATE, to: SURGE_DATE, timeZone: 'UTC' }))).toContain('Reported by mallory@example.com');
  });
});
