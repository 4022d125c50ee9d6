import { afterEach, describe, expect, it } from 'vitest';
import type { ControlId, ControlResult } from '../../../src-shared/compliance-contract';
import { DEFAULT_RETENTION_POLICY } from '../../../src-shared/retention-contract';
import { evaluateControl, evaluateControls } from '../../../src-main/compliance/compliance-controls';
import { idleLockControl } from '../../../src-main/compliance/controls/account-controls';
import { kdfFloorControl } from '../../../src-main/compliance/controls/vault-key-controls';
import type { Control } from '../../../src-main/compliance/control';
import { totpCodeAt } from '../../../src-main/auth/totp';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { errorCodeOf } from '../support/errors';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

const DAY = 86_400_000;
let vault: TestVault;
let admin: InProcessClient;
let t0: number;
afterEach(() => vault?.dispose());

async function start(): Promise<void> {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  t0 = vault.clock.now();
}

const services = () => vault.core.services;
const repos = () => services().custody.vault.repositories;
async function control(id: ControlId): Promise<ControlResult> {
  const result = (await services().compliance.evaluate()).controls.find((c) => c.id === id);
  if (!result) throw new Error(`no control ${id}`);
  return result;
}
const statusOf = async (id: ControlId) => (await control(id)).status;
/** Moves the clock `days` on from T0 and signs the administrator in again (sessions expire). */
async function at(days: number): Promise<InProcessClient> {
  vault.clock.set(t0 + days * DAY);
  admin = vault.client();
  await admin.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return admin;
}

describe('compliance controls', () => {
  it('every administrator with two factors: fails while the admin signs in with a password alone, passes once they turn it on', async () => {
    await start();
    const before = await control('admin_two_factor');
    expect(before).toMatchObject({ status: 'fail', evidence: { administrators: 1, withoutTwoFactor: ['ada'] } });
    expect(before.frameworks).toContain('ISO 27001 A.8.5');
    expect(before.remedy).toMatch(/two-factor/);
    const { secret } = await admin.invoke('twoFactor.begin', {});
    await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
    expect(await statusOf('admin_two_factor')).toBe('pass');
  });

  it('KDF floor: passes when every password slot meets it, fails naming the accounts below a raised floor', async () => {
    await start();
    expect(await statusOf('kdf_floor')).toBe('pass');
    const context = services().compliance.context();
    const raised = await evaluateControl(kdfFloorControl, { ...context, kdfFloor: { ...context.kdfFloor, memoryKiB: 64 * 1024 } });
    expect(raised).toMatchObject({ status: 'fail', evidence: { passwordSlots: 1, belowFloor: ['ada'] } });
  });

  it('recovery key: fails until an administrator confirms it', async () => {
    vault = makeTestVault();
    const first = vault.client();
    const { recoveryKey } = await first.invoke('setup.initialize', { vaultName: 'Test vault', ...ADMIN });
    expect(await statusOf('recovery_key_confirmed')).toBe('fail');
    await first.invoke('auth.confirmRecoveryKey', { recoveryKey });
    expect(await statusOf('recovery_key_confirmed')).toBe('pass');
  });

  it('backups: fails with none, passes after a verified backup, fails when it grows old or the schedule is off', async () => {
    await start();
    expect(await control('backups_on_schedule')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/no backup/) });
    await admin.invoke('backup.create', {});
    expect(await statusOf('backups_on_schedule')).toBe('pass');
    vault.clock.set(t0 + 2 * DAY);
    expect(await control('backups_on_schedule')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/older than 24 hours/) });
    vault.clock.set(t0);
    services().backups.updateSettings({ enabled: false });
    expect(await control('backups_on_schedule')).toMatchObject({ status: 'fail', reason: 'Scheduled backups are off.' });
  });

  it('restore tested: fails with no restore on record, passes within the policy days, fails after', async () => {
    await start();
    expect(await statusOf('restore_tested')).toBe('fail');
    repos().audit.append({ actor: { id: null, name: 'ada' }, action: 'backup.restoreInvestigation', outcome: 'success', target: 'INV-2026-0001' });
    expect(await control('restore_tested')).toMatchObject({ status: 'pass', evidence: { lastRestoreKind: 'investigation' } });
    vault.clock.set(t0 + 91 * DAY);
    expect(await statusOf('restore_tested')).toBe('fail');
  });

  it('audit chain: passes when it verifies (reusing a fresh verification), fails when an entry was altered', async () => {
    await start();
    const first = await admin.invoke('compliance.evaluate', {});
    expect(first.controls.find((c) => c.id === 'audit_chain_intact')).toMatchObject({ status: 'pass', evidence: { verifiedNow: true } });
    const second = await admin.invoke('compliance.evaluate', {});
    expect(second.controls.find((c) => c.id === 'audit_chain_intact')).toMatchObject({ status: 'pass', evidence: { verifiedNow: false } });
    expect(second.auditHead?.seq).toBeGreaterThan(first.auditHead?.seq ?? 0);

    vault.clock.set(t0 + 2 * DAY);
    const db = repos().db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"forged\":true}' WHERE seq = 2").run();
    expect(await control('audit_chain_intact')).toMatchObject({ status: 'fail', evidence: { verifiedNow: true, problem: 'hash_mismatch at entry #2' } });
  });

  it('one-time passwords: a fresh one passes, one unchanged after the policy days fails, and passes once its owner sets a password', async () => {
    await start();
    const { oneTimePassword } = await admin.invoke('users.create', { username: 'bob', displayName: 'Bob', role: 'analyst' });
    expect(await control('one_time_passwords_changed')).toMatchObject({ status: 'pass', evidence: { awaitingFirstSignIn: 1, stale: [] } });
    vault.clock.set(t0 + 8 * DAY);
    expect(await control('one_time_passwords_changed')).toMatchObject({ status: 'fail', evidence: { stale: ['bob'] } });
    const bob = vault.client();
    await bob.invoke('auth.login', { username: 'bob', password: oneTimePassword });
    await bob.invoke('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'plenty long passphrase' });
    expect(await statusOf('one_time_passwords_changed')).toBe('pass');
  });

  it('idle lock: passes at the default, fails when set longer than the policy allows', async () => {
    await start();
    expect(await control('idle_lock')).toMatchObject({ status: 'pass', evidence: { idleLockMinutes: 15, maxMinutes: 15 } });
    await admin.invoke('system.updateSettings', { idleLockSeconds: 3600, sessionLifetimeHours: 12 });
    expect(await statusOf('idle_lock')).toBe('fail');
    await admin.invoke('compliance.updatePolicy', { ...(await admin.invoke('compliance.getPolicy', {})), maxIdleLockMinutes: 60 });
    expect(await statusOf('idle_lock')).toBe('pass');
  });

  it('retention applied: fails while off or never run, passes after a run, fails when runs stop', async () => {
    await start();
    expect(await control('retention_applied')).toMatchObject({ status: 'fail', evidence: { enabled: false } });
    await admin.invoke('retention.updatePolicy', { ...DEFAULT_RETENTION_POLICY, enabled: true });
    expect(await control('retention_applied')).toMatchObject({ status: 'fail', reason: 'Retention has never run.' });
    await admin.invoke('retention.apply', {});
    expect(await statusOf('retention_applied')).toBe('pass');
    vault.clock.set(t0 + 3 * DAY);
    expect(await statusOf('retention_applied')).toBe('fail');
  });

  it('PII reveals: fails with a reveal unreviewed past the policy days, passes once marked reviewed (audited)', async () => {
    await start();
    expect(await statusOf('pii_reveals_reviewed')).toBe('pass');
    repos().audit.append({ actor: { id: null, name: 'ann' }, action: 'pii.reveal', outcome: 'success', target: 'entity', details: { purpose: 'checking a ring' } });
    expect(await control('pii_reveals_reviewed')).toMatchObject({ status: 'pass', evidence: { unreviewed: 1, overdue: 0 } });
    admin = await at(31);
    expect(await control('pii_reveals_reviewed')).toMatchObject({ status: 'fail', evidence: { overdue: 1 } });
    const marked = await admin.invoke('compliance.markRevealsReviewed', {});
    expect(marked.reviewed).toBe(1);
    expect(repos().db.prepare("SELECT actor_name FROM audit_log WHERE action = 'compliance.revealsReviewed'").pluck().get()).toBe('ada');
    expect(await statusOf('pii_reveals_reviewed')).toBe('pass');
  });

  it('dormant accounts: fails naming an enabled account with no sign-in for the policy days, passes once it is disabled', async () => {
    await start();
    await addUser(vault, admin, 'bob', 'analyst');
    expect(await statusOf('dormant_accounts_disabled')).toBe('pass');
    admin = await at(91);
    expect(await control('dormant_accounts_disabled')).toMatchObject({ status: 'fail', evidence: { dormant: ['bob'] } });
    const bob = (await admin.invoke('users.list', {})).find((u) => u.username === 'bob');
    await admin.invoke('users.disable', { userId: bob?.id ?? '' });
    expect(await statusOf('dormant_accounts_disabled')).toBe('pass');
  });

  it('reports a check that throws as an error with its message, and still runs the others', async () => {
    await start();
    const broken: Control = { id: 'kdf_floor', title: 'Broken', remedy: 'none', frameworks: [], evaluate: () => { throw new Error('slot file unreadable'); } };
    const evaluation = await evaluateControls(services().compliance.context(), [broken, idleLockControl]);
    expect(evaluation.controls.map((c) => c.status)).toEqual(['error', 'pass']);
    expect(evaluation.controls[0]?.reason).toMatch(/slot file unreadable/);
    expect(evaluation.counts).toMatchObject({ error: 1, pass: 1, fail: 0 });
  });

  it('lets audit access evaluate, and refuses anyone without it', async () => {
    await start();
    const investigator = await addUser(vault, admin, 'ivy', 'investigator');
    expect(await errorCodeOf(investigator.invoke('compliance.evaluate', {}))).toBe('FORBIDDEN');
    const evaluation = await admin.invoke('compliance.evaluate', {});
    expect(evaluation.controls).toHaveLength(11);
    expect(repos().db.prepare("SELECT count(*) FROM audit_log WHERE action = 'compliance.evaluate'").pluck().get()).toBe(1);
  });
});
