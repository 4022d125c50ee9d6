// The monitor over a whole log: scanning as rows arrive gives what one rescan of the same log gives,
// a scan cut off part way leaves neither incidents nor a moved cursor, each incident enters the triage
// queue as a vigil alert linked both ways, and five real failed sign-ins reach the Security channels.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, USER_PASSWORD } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import { securityAlertExternalId } from '../../../src-main/security/incident-alerts';
import { DAY, HOUR, MINUTE, START, makeSecurityVault, person, type SecurityVault } from './security-support';

let sv: SecurityVault;
afterEach(() => sv.vault.dispose());

const ann = person('ann');
const bob = person('bob');

/** A history that fires several rules: bursts, a late sign-in, an export. */
function writeHistory(part: number): void {
  const base = START + part * DAY;
  for (let d = 0; d < 20; d += 1) sv.log({ actor: bob, action: 'auth.login', at: base - 25 * DAY + d * DAY + 9 * HOUR });
  for (let i = 0; i < 7; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: base + i * MINUTE, details: { reason: 'wrong_password' } });
  sv.log({ actor: ann, action: 'auth.login', at: base + 8 * MINUTE });
  sv.log({ actor: bob, action: 'auth.login', at: base + 3 * HOUR });
  sv.log({ actor: bob, action: 'exports.alerts', at: base + 4 * HOUR, details: { format: 'csv', rows: 40_000, matched: 40_000, masked: true } });
  for (let i = 0; i < 4; i += 1) sv.log({ actor: null, action: 'auth.login', outcome: 'failure', at: base + 5 * HOUR + i * MINUTE, details: { reason: 'unknown_user' } });
}

/** What the incidents say, without their ids and times of writing. */
function snapshot() {
  return sv.incidents().map((i) => ({ rule: i.rule, subject: i.subject, severity: i.severity, window: [i.windowStart, i.windowEnd], evidence: sv.evidence(i.id) }))
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.window[0]! - b.window[0]! || (a.subject?.name ?? '').localeCompare(b.subject?.name ?? ''));
}

describe('the security monitor', () => {
  it('finds the same incidents scanning as rows arrive as in one rescan of the whole log', async () => {
    sv = await makeSecurityVault();
    for (let part = 0; part < 3; part += 1) {
      writeHistory(part * 30);
      await sv.scan();
    }
    const incremental = snapshot();
    expect(new Set(incremental.map((i) => i.rule))).toEqual(new Set(['signin_failures_user', 'signin_after_failures', 'unusual_signin_hour', 'mass_export']));

    const db = sv.repos().db;
    db.exec('DELETE FROM security_incident_evidence; DELETE FROM security_incidents;');
    const rescan = await sv.vault.core.services.securityMonitor.fullRescan();
    expect(rescan.chain).toBe('verified');
    expect(snapshot()).toEqual(incremental);
    // A rescan over incidents already recorded adds nothing.
    const again = await sv.vault.core.services.securityMonitor.fullRescan();
    expect({ opened: again.opened, extended: again.extended }).toEqual({ opened: 0, extended: 0 });
    expect(snapshot()).toEqual(incremental);
  });

  it('leaves no incident, alert or cursor move behind when a scan fails part way, and finds them all on the next scan', async () => {
    sv = await makeSecurityVault();
    for (let i = 0; i < 5; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    for (let i = 0; i < 5; i += 1) sv.log({ actor: bob, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    const audit = sv.repos().audit;
    const append = audit.append.bind(audit);
    let opened = 0;
    // The disk fills as the second incident's audit row is written.
    audit.append = (record) => {
      if (record.action === 'security.incident_opened' && ++opened === 2) throw new Error('SQLITE_FULL');
      return append(record);
    };
    const cursorBefore = sv.repos().securityIncidents.scannedSeq();
    await expect(sv.scan()).rejects.toThrow('SQLITE_FULL');
    expect(sv.incidents()).toEqual([]);
    expect(sv.repos().db.prepare("SELECT count(*) AS n FROM alerts WHERE source = 'vigil'").get()).toEqual({ n: 0 });
    expect(sv.repos().securityIncidents.scannedSeq()).toBe(cursorBefore);

    audit.append = append;
    await sv.scan();
    expect(sv.incidents('signin_failures_user').map((i) => i.subject?.name).sort()).toEqual(['ann', 'bob']);
    expect(sv.repos().db.prepare("SELECT count(*) AS n FROM alerts WHERE source = 'vigil'").get()).toEqual({ n: 2 });
  });

  it('scans on its own about two seconds after audit rows are appended, without being asked', async () => {
    sv = await makeSecurityVault();
    const monitor = sv.vault.core.services.securityMonitor;
    monitor.start();
    monitor.vaultOpened();
    try {
      await new Promise((resolve) => setTimeout(resolve, 2300));
      for (let i = 0; i < 5; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
      expect(sv.incidents()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 2300));
      expect(sv.incidents('signin_failures_user')).toMatchObject([{ subject: { id: ann.id }, evidenceCount: 5 }]);
    } finally {
      monitor.stop();
    }
  });

  it('raises each incident into the triage queue as a vigil alert, linked both ways, with an audit row', async () => {
    sv = await makeSecurityVault();
    for (let i = 0; i < 5; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    await sv.scan();
    const [incident] = sv.incidents();
    expect(incident?.alertId).toBeTruthy();
    const alert = await sv.admin.invoke('alerts.get', { alertId: incident?.alertId ?? '' });
    expect(alert).toMatchObject({ source: 'vigil', rule: 'security.signin_failures_user', severity: 'medium', status: 'new' });
    expect(sv.repos().db.prepare('SELECT external_id FROM alerts WHERE id = ?').get(incident?.alertId)).toEqual({ external_id: securityAlertExternalId(incident?.id ?? '') });
    const opened = await sv.admin.invoke('audit.list', { action: 'security.incident_opened', limit: 10 });
    expect(opened.entries).toMatchObject([{ target: incident?.id, actorName: 'vigil', details: { rule: 'signin_failures_user', alertId: incident?.alertId } }]);
  });
});

describe('five failed sign-ins through the app', () => {
  it('open an incident the Security channels list and show with its evidence, which the subject cannot resolve and another admin can', async () => {
    sv = await makeSecurityVault();
    const dan = await addUser(sv.vault, sv.admin, 'dan', 'admin');
    const outsider = sv.vault.client();
    for (let i = 0; i < 5; i += 1) {
      sv.vault.clock.advance(30_000);
      await expect(outsider.invoke('auth.login', { username: 'dan', password: 'not the password' })).rejects.toMatchObject({ code: expect.any(String) });
    }
    await sv.admin.invoke('security.scan', {});
    const page = await sv.admin.invoke('security.incidents', { status: 'open' });
    const incident = page.incidents.find((i) => i.rule === 'signin_failures_user');
    expect(incident).toMatchObject({ subject: { name: 'dan' }, severity: 'medium', evidenceCount: 5, status: 'open' });
    const detail = await sv.admin.invoke('security.incident', { incidentId: incident?.id ?? '' });
    expect(detail.evidence.map((e) => [e.action, e.outcome, e.actorName])).toEqual(Array(5).fill(['auth.login', 'failure', 'dan']));
    const queue = await sv.admin.invoke('alerts.list', { source: 'vigil' });
    expect(queue.rows.map((a) => a.id)).toContain(incident?.alertId);

    // Four eyes: dan, an admin, may not touch his own incident, and the attempt is audited as denied.
    await dan.invoke('auth.login', { username: 'dan', password: USER_PASSWORD }).catch(() => undefined);
    const refused = await dan.invoke('security.updateIncident', { incidentId: incident?.id ?? '', status: 'resolved', note: 'it was me' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'own_incident' } });
    expect((await dan.invoke('security.updateIncident', { incidentId: incident?.id ?? '', status: 'investigating' }).catch((e: { code: string }) => e.code))).toBe('FORBIDDEN');
    const denied = await sv.admin.invoke('audit.list', { action: 'security.updateIncident', limit: 10 });
    expect(denied.entries.map((e) => [e.actorName, e.outcome, e.target])).toEqual([['dan', 'denied', incident?.id], ['dan', 'denied', incident?.id]]);

    expect(await errorCodeOf(sv.admin.invoke('security.updateIncident', { incidentId: incident?.id ?? '', status: 'resolved' }))).toBe('VALIDATION');
    await sv.admin.invoke('security.updateIncident', { incidentId: incident?.id ?? '', status: 'investigating' });
    const resolved = await sv.admin.invoke('security.updateIncident', { incidentId: incident?.id ?? '', status: 'resolved', note: 'Dan mistyped after a password change' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { note: 'Dan mistyped after a password change', by: { name: ADMIN.username } } });
    expect(await errorCodeOf(sv.admin.invoke('security.updateIncident', { incidentId: incident?.id ?? '', status: 'investigating' }))).toBe('CONFLICT');
  });
});

describe('the incident list', () => {
  it('pages newest first with a cursor, filters by status and subject, and refuses a cursor it did not make', async () => {
    sv = await makeSecurityVault();
    const people = Array.from({ length: 5 }, (_, i) => person(`p${i}`));
    for (const [n, who] of people.entries()) {
      sv.vault.clock.advance(MINUTE);
      for (let i = 0; i < 5; i += 1) sv.log({ actor: who, action: 'auth.login', outcome: 'failure', at: START + n * HOUR + i * MINUTE });
      await sv.scan();
    }
    const admin = await sv.signIn();
    const first = await admin.invoke('security.incidents', { limit: 3 });
    expect(first.incidents.map((i) => i.subject?.name)).toEqual(['p4', 'p3', 'p2']);
    const second = await admin.invoke('security.incidents', { limit: 3, cursor: first.nextCursor ?? '' });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.incidents.map((i) => i.subject?.name)).toEqual(['p1', 'p0']);
    expect((await admin.invoke('security.incidents', { subjectUserId: people[1]?.id })).incidents.map((i) => i.subject?.name)).toEqual(['p1']);
    expect((await admin.invoke('security.incidents', { status: 'resolved' })).incidents).toEqual([]);
    expect(await errorCodeOf(admin.invoke('security.incidents', { cursor: 'NaN:x' }))).toBe('VALIDATION');
  });
});

describe('risk scores and thresholds', () => {
  it('score each person by their incidents, weighted by severity and decayed by age, listing what contributed', async () => {
    sv = await makeSecurityVault();
    sv.vault.clock.set(START);
    for (let i = 0; i < 5; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    await sv.scan();
    sv.vault.clock.set(START + 14 * DAY);
    for (let i = 0; i < 3; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + 14 * DAY + i * MINUTE });
    sv.log({ actor: ann, action: 'auth.login', at: START + 14 * DAY + 5 * MINUTE });
    for (let i = 0; i < 3; i += 1) sv.log({ actor: bob, action: 'auth.second_factor', outcome: 'failure', at: START + 14 * DAY + i * MINUTE });
    await sv.scan();
    const scores = await (await sv.signIn()).invoke('security.riskScores', {});
    // ann: a high incident today (9) and a medium one a half-life ago (3 × 0.5); bob: a medium one today (3).
    expect(scores.map((s) => [s.user.name, s.score])).toEqual([['ann', 10.5], ['bob', 3]]);
    expect(scores[0]?.contributions.map((c) => [c.rule, c.weight])).toEqual([['signin_after_failures', 9], ['signin_failures_user', 1.5]]);
  });

  it('fire at the thresholds an administrator sets, within the bounds the channel allows', async () => {
    sv = await makeSecurityVault();
    const thresholds = await sv.admin.invoke('security.thresholds', {});
    expect(thresholds.signinFailuresPerUser).toEqual({ count: 5, windowMinutes: 10 });
    await sv.admin.invoke('security.updateThresholds', { ...thresholds, signinFailuresPerUser: { count: 3, windowMinutes: 10 } });
    expect(await errorCodeOf(sv.admin.invoke('security.updateThresholds', { ...thresholds, signinFailuresPerUser: { count: 0, windowMinutes: 10 } }))).toBe('VALIDATION');
    const analyst = await addUser(sv.vault, sv.admin, 'al', 'analyst');
    expect(await errorCodeOf(analyst.invoke('security.incidents', {}))).toBe('FORBIDDEN');
    for (let i = 0; i < 3; i += 1) sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE });
    await sv.scan();
    expect(sv.incidents('signin_failures_user')).toHaveLength(1);
  });
});
