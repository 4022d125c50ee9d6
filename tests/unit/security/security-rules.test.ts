// Each security rule on crafted audit histories: it fires when the history crosses its threshold
// (one incident, with the rows that made it fire as evidence) and stays quiet just below it.
import { afterEach, describe, expect, it } from 'vitest';
import { AlertWriter } from '../../../src-main/alerts/alert-writer';
import { DAY, HOUR, MINUTE, START, makeSecurityVault, person, type Person, type SecurityVault } from './security-support';

let sv: SecurityVault;
afterEach(() => sv.vault.dispose());

const ann = person('ann');
const bob = person('bob');

function failures(who: Person | null, count: number, from: number, every = MINUTE): number[] {
  return Array.from({ length: count }, (_, i) => sv.log({
    actor: who, action: 'auth.login', outcome: 'failure', at: from + i * every, details: { reason: who ? 'wrong_password' : 'unknown_user' },
  }));
}

describe('failed sign-ins for one account', () => {
  it('fire at five within ten minutes, as one incident whose evidence grows with the burst', async () => {
    sv = await makeSecurityVault();
    const first = failures(ann, 5, START);
    await sv.scan();
    const [incident] = sv.incidents('signin_failures_user');
    expect(incident).toMatchObject({ severity: 'medium', subject: { id: ann.id, name: 'ann' }, status: 'open', evidenceCount: 5 });
    expect(sv.evidence(incident?.id ?? '')).toEqual(first);

    failures(ann, 3, START + 5 * MINUTE);
    await sv.scan();
    expect(sv.incidents('signin_failures_user')).toHaveLength(1);
    expect(sv.incidents('signin_failures_user')[0]?.evidenceCount).toBe(8);
  });

  it('stay quiet at four within ten minutes, and when five are spread over more than ten', async () => {
    sv = await makeSecurityVault();
    failures(ann, 4, START);
    failures(bob, 5, START, 3 * MINUTE);
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
  });

  it('open a new incident for a burst after the first was resolved', async () => {
    sv = await makeSecurityVault();
    failures(ann, 5, START);
    await sv.scan();
    const [first] = sv.incidents('signin_failures_user');
    sv.repos().securityIncidents.setStatus(first?.id ?? '', 'resolved', { note: 'ann forgot her password', by: { id: null, name: 'test' } }, START);
    sv.vault.clock.advance(MINUTE);
    // Within the first burst's window: still a new incident, as the first is closed.
    failures(ann, 5, START + 6 * MINUTE);
    await sv.scan();
    expect(sv.incidents('signin_failures_user').map((i) => i.status)).toEqual(['open', 'resolved']);
  });

  it('use the time a failure happened, not when it reached the log (failures copied in at unlock)', async () => {
    sv = await makeSecurityVault();
    // Five failures an hour apart, logged together: no burst.
    failures(ann, 5, START, HOUR);
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
  });
});

describe('failed sign-ins across the vault', () => {
  it('fire at twenty within ten minutes, whoever they name', async () => {
    sv = await makeSecurityVault();
    for (let i = 0; i < 20; i += 1) failures(i % 2 ? person(`u${i}`) : null, 1, START + i * 20_000);
    await sv.scan();
    expect(sv.incidents('signin_failures_overall')).toMatchObject([{ severity: 'high', subject: null, evidenceCount: 20 }]);
  });

  it('stay quiet at nineteen', async () => {
    sv = await makeSecurityVault();
    failures(null, 19, START, 20_000);
    await sv.scan();
    expect(sv.incidents('signin_failures_overall')).toEqual([]);
  });
});

describe('a sign-in right after failures', () => {
  it('fires when three failures precede it within thirty minutes', async () => {
    sv = await makeSecurityVault();
    const failed = failures(ann, 3, START, 5 * MINUTE);
    const success = sv.log({ actor: ann, action: 'auth.login', at: START + 20 * MINUTE, details: { client: 'test' } });
    await sv.scan();
    const [incident] = sv.incidents('signin_after_failures');
    expect(incident).toMatchObject({ severity: 'high', subject: { id: ann.id } });
    expect(sv.evidence(incident?.id ?? '')).toEqual([...failed, success]);
  });

  it('stays quiet after two failures, or three that are older than the window', async () => {
    sv = await makeSecurityVault();
    failures(ann, 2, START);
    sv.log({ actor: ann, action: 'auth.login', at: START + 5 * MINUTE });
    failures(bob, 3, START);
    sv.log({ actor: bob, action: 'auth.login', at: START + 40 * MINUTE });
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
  });
});

describe('a sign-in at an unusual hour', () => {
  /** Sign-ins at 09:xx UTC every day for `days` days. */
  function habit(who: Person, days: number): void {
    for (let d = 0; d < days; d += 1) sv.log({ actor: who, action: 'auth.login', at: START + d * DAY + 9 * HOUR + (d % 50) * MINUTE });
  }

  it('fires at 03:00 for someone who signed in at nine every day for a month', async () => {
    sv = await makeSecurityVault();
    habit(ann, 30);
    const night = sv.log({ actor: ann, action: 'auth.login', at: START + 30 * DAY + 3 * HOUR });
    await sv.scan();
    const [incident] = sv.incidents('unusual_signin_hour');
    expect(incident).toMatchObject({ severity: 'medium', subject: { id: ann.id } });
    expect(incident?.summary).toContain('03:00–03:59 (UTC)');
    expect(sv.evidence(incident?.id ?? '')).toEqual([night]);
  });

  it('stays quiet at their usual hour, and while it is still learning their hours', async () => {
    sv = await makeSecurityVault();
    habit(ann, 30);
    sv.log({ actor: ann, action: 'auth.login', at: START + 30 * DAY + 9 * HOUR + 30 * MINUTE });
    // Ten days of habit: fewer than 20 sign-ins and 14 days.
    habit(bob, 10);
    sv.log({ actor: bob, action: 'auth.login', at: START + 10 * DAY + 3 * HOUR });
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
  });
});

describe('mass export', () => {
  function exports(who: Person, rows: number, at: number, action = 'exports.alerts'): number {
    return sv.log({ actor: who, action, at, details: { format: 'csv', rows, matched: rows, masked: true } });
  }

  it('fires above the floor for someone who never exported much, naming the hour’s exports', async () => {
    sv = await makeSecurityVault();
    for (let d = 0; d < 20; d += 1) exports(ann, 500, START + d * DAY + 10 * HOUR);
    const a = exports(ann, 6000, START + 25 * DAY + 10 * HOUR);
    const b = exports(ann, 6000, START + 25 * DAY + 10 * HOUR + 20 * MINUTE, 'exports.search');
    await sv.scan();
    const [incident] = sv.incidents('mass_export');
    expect(incident).toMatchObject({ severity: 'high', subject: { id: ann.id } });
    expect(incident?.summary).toContain('exported 12000 rows within an hour');
    expect(sv.evidence(incident?.id ?? '')).toEqual([a, b]);
  });

  it('stays quiet under the floor, and for someone whose usual hours are this big', async () => {
    sv = await makeSecurityVault();
    exports(ann, 9000, START);
    for (let d = 0; d < 20; d += 1) exports(bob, 10_000, START + d * DAY + 10 * HOUR);
    exports(bob, 25_000, START + 25 * DAY + 10 * HOUR);
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
  });
});

describe('PII reveals', () => {
  it('fire at twenty reveals within an hour', async () => {
    sv = await makeSecurityVault();
    sv.thresholds((t) => { t.piiRevealWithoutCase.enabled = false; });
    for (let i = 0; i < 20; i += 1) sv.log({ actor: ann, action: 'pii.reveal', at: START + i * 2 * MINUTE, target: crypto.randomUUID(), details: { kind: 'email' } });
    for (let i = 0; i < 19; i += 1) sv.log({ actor: bob, action: 'pii.reveal', at: START + i * 2 * MINUTE, target: crypto.randomUUID(), details: { kind: 'email' } });
    await sv.scan();
    expect(sv.incidents()).toMatchObject([{ rule: 'pii_reveal_burst', subject: { id: ann.id }, evidenceCount: 20 }]);
  });

  it('fire on a reveal of an entity no open investigation holds, and stay quiet on one a case holds', async () => {
    sv = await makeSecurityVault();
    const repos = sv.repos();
    const writer = new AlertWriter(repos.db, repos.row, null, { dedup: { parts: ['title'], bucketMs: 0 } });
    const alert = (title: string, value: string) => ({
      source: 'ids', externalId: title, rule: 'r', title, description: '', severity: 'low' as const, occurredAt: START,
      entities: [{ kind: 'email' as const, value, origin: 'mapped' as const }], primaryEntity: null, importId: null, raw: null,
    });
    repos.db.transaction(() => { writer.writeBatch([alert('on a case', 'held@example.com'), alert('loose', 'loose@example.com')]); writer.flush(); })();
    const alertId = (title: string) => repos.db.prepare<[string], { id: string }>('SELECT id FROM alerts WHERE title = ?').get(title)?.id ?? '';
    const entityId = (value: string) => repos.db.prepare<[string], { id: string }>('SELECT id FROM entities WHERE value = ?').get(value)?.id ?? '';
    await sv.admin.invoke('alerts.promote', { selection: { ids: [alertId('on a case')] }, investigation: { title: 'A case' } });

    sv.log({ actor: ann, action: 'pii.reveal', at: START, target: entityId('held@example.com'), details: { kind: 'email', purpose: 'case work' } });
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
    const loose = sv.log({ actor: ann, action: 'pii.reveal', at: START + MINUTE, target: entityId('loose@example.com'), details: { kind: 'email' } });
    await sv.scan();
    const [incident] = sv.incidents('pii_reveal_without_case');
    expect(incident).toMatchObject({ severity: 'low', subject: { id: ann.id } });
    expect(sv.evidence(incident?.id ?? '')).toEqual([loose]);
  });
});

describe('permission denials and second-factor failures', () => {
  it('fire at five denials and three wrong codes within ten minutes', async () => {
    sv = await makeSecurityVault();
    for (let i = 0; i < 5; i += 1) sv.log({ actor: ann, action: 'access.denied', outcome: 'denied', at: START + i * MINUTE, details: { permission: 'admin_access' } });
    for (let i = 0; i < 3; i += 1) sv.log({ actor: bob, action: 'auth.second_factor', outcome: 'failure', at: START + i * MINUTE, details: { reason: 'wrong_code' } });
    await sv.scan();
    expect(sv.incidents('permission_denials')).toMatchObject([{ subject: { id: ann.id }, evidenceCount: 5 }]);
    expect(sv.incidents('totp_failures')).toMatchObject([{ subject: { id: bob.id }, evidenceCount: 3 }]);
  });

  it('stay quiet at four denials and two wrong codes', async () => {
    sv = await makeSecurityVault();
    for (let i = 0; i < 4; i += 1) sv.log({ actor: ann, action: 'access.denied', outcome: 'denied', at: START + i * MINUTE });
    for (let i = 0; i < 2; i += 1) sv.log({ actor: bob, action: 'auth.second_factor', outcome: 'failure', at: START + i * MINUTE });
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
  });

  it('count the denials the router records when a viewer keeps trying an admin screen', async () => {
    sv = await makeSecurityVault();
    const { addUser } = await import('../support/test-core');
    const viewer = await addUser(sv.vault, sv.admin, 'vic', 'viewer');
    for (let i = 0; i < 5; i += 1) await expect(viewer.invoke('users.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await sv.scan();
    expect(sv.incidents('permission_denials')).toMatchObject([{ subject: { name: 'vic' }, evidenceCount: 5 }]);
  });
});

describe('restore, role change and recovery-key use', () => {
  it('fire on a role change, a restore and a recovery-key use, and stay quiet on an ordinary user creation', async () => {
    sv = await makeSecurityVault();
    const { user } = await sv.admin.invoke('users.create', { username: 'cat', displayName: 'Cat', role: 'analyst' });
    await sv.scan();
    expect(sv.incidents()).toEqual([]);
    await sv.admin.invoke('users.setRole', { userId: user.id, role: 'admin' });
    sv.log({ actor: bob, action: 'auth.recovered_with_recovery_key', at: START, target: bob.id });
    sv.log({ actor: ann, action: 'vault.restored', at: START, target: 'vigil-backup.vbk' });
    await sv.scan();
    const bySubject = Object.fromEntries(sv.incidents('sensitive_change').map((i) => [i.subject?.name, i]));
    expect(bySubject.ada).toMatchObject({ severity: 'medium', summary: 'ada changed a role' });
    expect(bySubject.bob).toMatchObject({ severity: 'high', summary: 'bob used the recovery key' });
    expect(bySubject.ann).toMatchObject({ severity: 'high', summary: 'ann restored the vault from a backup' });
  });
});

describe('the audit chain', () => {
  it('opens a critical incident when a row was edited, once however often it is checked', async () => {
    sv = await makeSecurityVault();
    failures(ann, 2, START);
    expect((await sv.scan({ chainCheck: true })).chain).toBe('verified');
    expect(sv.incidents()).toEqual([]);
    const db = sv.repos().db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"reason\":\"nothing\"}' WHERE seq = (SELECT max(seq) FROM audit_log)").run();
    // The row was verified already: editing it breaks the head the monitor remembers.
    expect((await sv.scan({ chainCheck: true })).chain).toBe('broken');
    expect((await sv.scan({ chainCheck: true })).chain).toBe('broken');
    expect(sv.incidents('audit_chain')).toMatchObject([{ severity: 'critical', subject: null }]);
  });

  it('verifies a long log slice by slice and finds an edited row past the first slice', async () => {
    sv = await makeSecurityVault();
    const repos = sv.repos();
    repos.db.transaction(() => {
      for (let i = 0; i < 25_000; i += 1) sv.log({ actor: ann, action: 'alerts.triage', at: START + i * 1000 });
    })();
    const db = repos.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET action = \'alerts.view\' WHERE seq = 15000').run();
    expect((await sv.scan({ chainCheck: true })).chain).toBe('broken');
    expect(repos.securityIncidents.verifiedHead()?.seq).toBe(10_000);
    const [incident] = sv.incidents('audit_chain');
    expect(incident?.summary).toContain('row 15000 (hash_mismatch)');
    expect(sv.evidence(incident?.id ?? '')).toEqual([15000]);
  });

  it('opens one when the vault reports its chain disagrees with its anchor at open', async () => {
    sv = await makeSecurityVault();
    sv.log({ actor: { id: null, name: 'vigil' } as unknown as Person, action: 'audit.tamper_detected', outcome: 'failure', at: START, details: { reason: 'chain_shorter' } });
    await sv.scan();
    expect(sv.incidents('audit_chain')).toMatchObject([{ severity: 'critical', summary: expect.stringContaining('chain_shorter') }]);
  });
});
