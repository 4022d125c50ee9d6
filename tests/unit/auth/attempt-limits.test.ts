import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT } from '../../../src-main/vault/lockout';
import { totpCodeAt } from '../../../src-main/auth/totp';
import { MAX_UNKNOWN_NAMES, readKeySlotFile } from '../../../src-main/vault/key-slot-file';
import { unknownNameCounter } from '../../../src-main/vault/attempt-counter';
import { KEY_SLOT_FILE } from '../../../src-main/core';
import { join } from 'node:path';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

const login = (username: string, password: string) => vault.client().invoke('auth.login', { username, password });

/** The wire form of each answer, so two sequences can be compared whole (code, message, retry time). */
async function answers(username: string, password: string, count: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    try {
      await login(username, password);
      out.push('ok');
    } catch (error) {
      out.push((await vigilErrorOf(Promise.reject(error))).toWire());
    }
  }
  return out;
}

describe('password attempts', () => {
  it('counts every one of many parallel wrong passwords, so the right one that follows is locked out', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    const codes = await Promise.all(Array.from({ length: 12 }, () => errorCodeOf(login(ADMIN.username, 'wrong wrong wrong'))));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThan(DEFAULT_LOCKOUT.freeAttempts);
    expect(codes.every((c) => c === 'INVALID_CREDENTIALS' || c === 'LOCKED_OUT')).toBe(true);
    expect(await errorCodeOf(login(ADMIN.username, ADMIN.password))).toBe('LOCKED_OUT');
  });

  it('counts a right password sent alongside parallel wrong ones as one more attempt, never as a way around the limit', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    const wrong = Array.from({ length: 12 }, () => errorCodeOf(login(ADMIN.username, 'wrong wrong wrong')));
    const right = login(ADMIN.username, ADMIN.password).then(() => 'ok' as const, (e: unknown) => errorCodeOf(Promise.reject(e)));
    await Promise.all(wrong);
    expect(await right).toBe('LOCKED_OUT');
  });

  it('answers an unknown username exactly as a known one with wrong passwords, lockout included', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    const known = await answers(ADMIN.username, 'wrong wrong wrong', 7);
    const unknown = await answers('nobody-here', 'wrong wrong wrong', 7);
    expect(known.filter((a) => (a as { code?: string }).code === 'LOCKED_OUT').length).toBeGreaterThan(0);
    expect(unknown).toEqual(known);
  });

  it('keeps the unknown-name counters bounded, whatever number of names is tried', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    for (let i = 0; i < 40; i += 1) await errorCodeOf(login(`ghost-${i}`, 'wrong wrong wrong'));
    const file = readKeySlotFile(join(vault.dir, KEY_SLOT_FILE));
    expect(file?.unknownNames.length).toBe(40);
    expect(JSON.stringify(file)).not.toContain('ghost-');
  });
});

describe('second factor attempts', () => {
  async function enrolled() {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const { secret } = await admin.invoke('twoFactor.begin', {});
    await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
    await admin.invoke('auth.logout', {});
    vault.clock.advance(60_000);
    return secret;
  }
  const wrongCode = (secret: string) => (totpCodeAt(secret, vault.clock.now()) === '000000' ? '111111' : '000000');

  it('ends the pending sign-in after five wrong codes: the right code is then refused and the password is needed again', async () => {
    const secret = await enrolled();
    const client = vault.client();
    expect((await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password })).state).toBe('totp_required');
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) codes.push(await errorCodeOf(client.invoke('auth.verifyTotp', { code: wrongCode(secret) })));
    expect(codes.slice(0, 4)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    expect(codes[4]).toBe('LOCKED_OUT');
    expect(await errorCodeOf(client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) }))).toBe('AUTH_REQUIRED');
    // The failures count towards the account's lockout: the password is refused until the delay passes.
    expect(await errorCodeOf(login(ADMIN.username, ADMIN.password))).toBe('LOCKED_OUT');
    vault.clock.advance(DEFAULT_LOCKOUT.firstDelayMs + 1);
    const again = vault.client();
    await again.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    // One more wrong code after the lockout locks again at once, for longer: guessing stays slow.
    expect(await errorCodeOf(again.invoke('auth.verifyTotp', { code: wrongCode(secret) }))).toBe('LOCKED_OUT');
    expect(await errorCodeOf(again.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) }))).toBe('AUTH_REQUIRED');
  });

  it('remembers second-factor failures across a restart', async () => {
    const secret = await enrolled();
    const first = vault.client();
    await first.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    for (let i = 0; i < 3; i += 1) await errorCodeOf(first.invoke('auth.verifyTotp', { code: wrongCode(secret) }));
    vault.restart();
    const second = vault.client();
    await second.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await errorCodeOf(second.invoke('auth.verifyTotp', { code: wrongCode(secret) }))).toBe('INVALID_CREDENTIALS');
    expect(await errorCodeOf(second.invoke('auth.verifyTotp', { code: wrongCode(secret) }))).toBe('LOCKED_OUT');
  });

  it('audits each wrong code and the lockout, and a right code clears the count', async () => {
    const secret = await enrolled();
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    for (let i = 0; i < 4; i += 1) await errorCodeOf(client.invoke('auth.verifyTotp', { code: wrongCode(secret) }));
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
    const failures = (await client.invoke('audit.list', { limit: 50, action: 'auth.second_factor' })).entries.filter((e) => e.outcome === 'failure');
    expect(failures).toHaveLength(4);
    vault.clock.advance(60_000);
    await client.invoke('auth.logout', {});
    const next = vault.client();
    await next.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    for (let i = 0; i < 4; i += 1) expect(await errorCodeOf(next.invoke('auth.verifyTotp', { code: wrongCode(secret) }))).toBe('INVALID_CREDENTIALS');
    expect(await errorCodeOf(next.invoke('auth.verifyTotp', { code: wrongCode(secret) }))).toBe('LOCKED_OUT');
    vault.clock.advance(DEFAULT_LOCKOUT.firstDelayMs + 1);
    const last = vault.client();
    await last.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await last.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) });
    const lockouts = (await last.invoke('audit.list', { limit: 50, action: 'auth.locked_out' })).entries;
    expect(lockouts.length).toBeGreaterThanOrEqual(1);
  });
});

describe('recovery key attempts', () => {
  const bogus = 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA';
  const recover = (client: string, recoveryKey: string) =>
    vault.client(client).invoke('auth.recover', { username: ADMIN.username, recoveryKey, newPassword: 'brand new passphrase' });

  it('throttles wrong recovery keys per source without locking recovery for everyone, and the wait is bounded', async () => {
    vault = makeTestVault();
    const { admin, recoveryKey } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    for (let i = 0; i < 20; i += 1) await errorCodeOf(recover('browser', bogus));
    expect(await errorCodeOf(recover('browser', recoveryKey))).toBe('LOCKED_OUT');
    const wait = (await vigilErrorOf(recover('browser', recoveryKey))).details?.retryAt as number;
    expect(wait - vault.clock.now()).toBeLessThanOrEqual(15 * 60_000);
    // Another source (the desktop window, the command line) is not held up by the noisy one.
    expect((await recover('electron', recoveryKey)).state).toBe('active');
  });

  it('audits every failed recovery, including those made while the vault was closed', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    for (let i = 0; i < 3; i += 1) await errorCodeOf(recover('browser', bogus));
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const failures = (await client.invoke('audit.list', { limit: 50, action: 'auth.recover' })).entries.filter((e) => e.outcome === 'failure');
    expect(failures).toHaveLength(3);
    expect(failures[0]?.details.source).toBe('browser');
  });

  it('audits tries refused while a source waits, as well as wrong keys', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    for (let i = 0; i < 7; i += 1) await errorCodeOf(recover('browser', bogus));
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const failures = (await client.invoke('audit.list', { limit: 50, action: 'auth.recover' })).entries.filter((e) => e.outcome === 'failure');
    expect(failures.map((f) => f.details.reason).sort()).toEqual([
      'throttled', 'throttled', 'wrong_recovery_key', 'wrong_recovery_key', 'wrong_recovery_key', 'wrong_recovery_key', 'wrong_recovery_key',
    ]);
  });
});

const emptyFile = {
  format: 1 as const, vaultId: 'v', vaultName: 'V', dataKeyId: 'k', lookupSalt: 's', createdAt: 0, slots: [],
  unauditedUnknownFailures: [], unknownNames: [] as { lookup: string; lastAttemptAt: number; failedAttempts: number; lockedUntil: number | null }[],
  unauditedRecoveryFailures: [],
};

describe('unknown-name counters', () => {
  it('forget the least recently tried name when the table is full, so the file cannot grow without limit', () => {
    const file = { ...emptyFile, unknownNames: [] as typeof emptyFile.unknownNames };
    for (let i = 0; i < MAX_UNKNOWN_NAMES; i += 1) unknownNameCounter(file, `name-${i}`, 1000 + i);
    expect(file.unknownNames).toHaveLength(MAX_UNKNOWN_NAMES);
    unknownNameCounter(file, 'name-0', 5000);
    unknownNameCounter(file, 'one more', 6000);
    expect(file.unknownNames).toHaveLength(MAX_UNKNOWN_NAMES);
    const names = new Set(file.unknownNames.map((n) => n.lookup));
    expect(names.has('name-0')).toBe(true);
    expect(names.has('name-1')).toBe(false);
    expect(names.has('one more')).toBe(true);
  });
});
