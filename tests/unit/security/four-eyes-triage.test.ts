// Four eyes in the triage queue: the person a security incident is about cannot acknowledge, dismiss,
// assign or promote its alert either, alone (refused, audited as denied once) or in a bulk selection
// (left alone and counted); another administrator can; the alert's detail tells only the subject.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { addUser, ADMIN } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { MINUTE, START, makeSecurityVault, person, type SecurityVault } from './security-support';

let sv: SecurityVault;
let dan: InProcessClient;
let danAlert: string;
let annAlert: string;

beforeEach(async () => {
  sv = await makeSecurityVault();
  dan = await addUser(sv.vault, sv.admin, 'dan', 'admin');
  const danUser = { id: sv.repos().users.findByUsername('dan')?.id ?? '', name: 'dan' };
  const ann = person('ann');
  for (let i = 0; i < 5; i += 1) {
    sv.log({ actor: danUser, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE, details: { reason: 'wrong_password' } });
    sv.log({ actor: ann, action: 'auth.login', outcome: 'failure', at: START + i * MINUTE, details: { reason: 'wrong_password' } });
  }
  await sv.scan();
  const alertAbout = (name: string) => sv.incidents('signin_failures_user').find((i) => i.subject?.name === name)?.alertId ?? '';
  danAlert = alertAbout('dan');
  annAlert = alertAbout('ann');
  expect(danAlert).not.toBe('');
  expect(annAlert).not.toBe('');
});
afterEach(() => sv.vault.dispose());

const statusOf = (alertId: string) => (sv.repos().db.prepare('SELECT status FROM alerts WHERE id = ?').get(alertId) as { status: string }).status;
const auditRows = async (action: string) =>
  (await sv.admin.invoke('audit.list', { action, limit: 20 })).entries.map((e) => ({ actor: e.actorName, outcome: e.outcome, details: e.details }));

describe('four eyes in the triage queue', () => {
  it('refuses the subject acknowledging their own incident alert, leaves it new and audits one denied row', async () => {
    const refused = await vigilErrorOf(dan.invoke('alerts.bulk', { selection: { ids: [danAlert] }, action: { kind: 'acknowledge' } }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'own_incident' } });
    expect(statusOf(danAlert)).toBe('new');
    expect(await auditRows('alerts.bulk')).toEqual([
      { actor: 'dan', outcome: 'denied', details: expect.objectContaining({ reason: 'own_incident', code: 'FORBIDDEN', action: 'acknowledge' }) },
    ]);
  });

  it('refuses the subject dismissing, assigning, promoting or merging it, and creates no investigation', async () => {
    const selection = { ids: [danAlert] };
    const attempts = [
      dan.invoke('alerts.bulk', { selection, action: { kind: 'dismiss', reason: 'false_positive' } }),
      dan.invoke('alerts.bulk', { selection, action: { kind: 'assign', assigneeId: null } }),
      dan.invoke('alerts.promote', { selection, investigation: { title: 'My own sign-ins' } }),
    ];
    for (const attempt of attempts) expect(await vigilErrorOf(attempt)).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'own_incident' } });
    expect(statusOf(danAlert)).toBe('new');
    expect((sv.repos().db.prepare('SELECT count(*) AS n FROM investigations').get() as { n: number }).n).toBe(0);
    expect((await auditRows('alerts.promote')).map((r) => r.outcome)).toEqual(['denied']);

    const made = await sv.admin.invoke('alerts.promote', { selection: { ids: [annAlert] }, investigation: { title: 'Sign-in failures' } });
    expect(await vigilErrorOf(dan.invoke('alerts.merge', { selection, investigationId: made.id }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'own_incident' } });
    expect(statusOf(danAlert)).toBe('new');
    expect((await auditRows('alerts.merge')).map((r) => [r.actor, r.outcome])).toEqual([['dan', 'denied']]);
  });

  it('in a bulk selection by ids or by filter, changes the others and leaves the subject’s alert, saying how many and why', async () => {
    expect(await dan.invoke('alerts.bulk', { selection: { ids: [danAlert, annAlert] }, action: { kind: 'acknowledge' } }))
      .toEqual({ affected: 1, unchanged: 0, ownIncidents: 1 });
    expect([statusOf(danAlert), statusOf(annAlert)]).toEqual(['new', 'acknowledged']);

    expect(await dan.invoke('alerts.bulk', { selection: { filter: { source: 'vigil' }, expectedCount: 2 }, action: { kind: 'dismiss', reason: 'false_positive' } }))
      .toEqual({ affected: 1, unchanged: 0, ownIncidents: 1 });
    expect([statusOf(danAlert), statusOf(annAlert)]).toEqual(['new', 'dismissed']);
    expect((await auditRows('alerts.bulk')).map((r) => [r.actor, r.outcome, r.details['ownIncidents']])).toEqual([['dan', 'success', 1], ['dan', 'success', 1]]);
  });

  it('lets another administrator triage the subject’s alert, audited as a success', async () => {
    expect(await sv.admin.invoke('alerts.bulk', { selection: { ids: [danAlert] }, action: { kind: 'acknowledge' } })).toEqual({ affected: 1, unchanged: 0 });
    expect(statusOf(danAlert)).toBe('acknowledged');
    expect(await auditRows('alerts.bulk')).toMatchObject([{ actor: ADMIN.username, outcome: 'success', details: { affected: 1 } }]);
  });

  it('tells the subject, and only the subject, that the alert is about them', async () => {
    expect(await dan.invoke('alerts.get', { alertId: danAlert })).toMatchObject({ aboutYou: true });
    expect(await dan.invoke('alerts.get', { alertId: annAlert })).not.toHaveProperty('aboutYou');
    expect(await sv.admin.invoke('alerts.get', { alertId: danAlert })).not.toHaveProperty('aboutYou');
  });
});
