import { afterEach, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../../src-main/auth/totp';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

async function enrolledVault() {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const { secret, otpauthUrl } = await admin.invoke('twoFactor.begin', {});
  expect(otpauthUrl).toContain('otpauth://totp/');
  expect(await errorCodeOf(admin.invoke('twoFactor.enable', { code: '000000' }))).toBe('VALIDATION');
  const { recoveryCodes } = await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
  vault.clock.advance(60_000);
  return { admin, secret, recoveryCodes };
}

describe('two-factor sign-in', () => {
  it('asks for a code after the password and accepts a current one', async () => {
    const { secret } = await enrolledVault();
    const client = vault.client();
    expect((await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password })).state).toBe('totp_required');
    expect(await errorCodeOf(client.invoke('users.list', {}))).toBe('SESSION_STATE');
    expect(await errorCodeOf(client.invoke('auth.verifyTotp', { code: '123456' }))).toBe('INVALID_CREDENTIALS');
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
  });

  it('refuses a code that was already used (replay)', async () => {
    const { secret } = await enrolledVault();
    const code = totpCodeAt(secret, vault.clock.now());
    const first = vault.client();
    await first.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await first.invoke('auth.verifyTotp', { code });
    const second = vault.client();
    await second.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await errorCodeOf(second.invoke('auth.verifyTotp', { code }))).toBe('INVALID_CREDENTIALS');
  });

  it('says a refused replay is a replay, not a wrong code', async () => {
    const { secret } = await enrolledVault();
    const code = totpCodeAt(secret, vault.clock.now());
    const first = vault.client();
    await first.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await first.invoke('auth.verifyTotp', { code });
    const second = vault.client();
    await second.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await expect(second.invoke('auth.verifyTotp', { code })).rejects.toThrow('This code was already used; wait for the next code or use an API token');
    await expect(second.invoke('auth.verifyTotp', { code: '000000' === code ? '111111' : '000000' })).rejects.toThrow('That code is not valid');
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrolledVault();
    expect(recoveryCodes).toHaveLength(10);
    const code = recoveryCodes[3] ?? '';
    const first = vault.client();
    await first.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await first.invoke('auth.verifyTotp', { code: code.toUpperCase() })).state).toBe('active');
    const second = vault.client();
    await second.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await errorCodeOf(second.invoke('auth.verifyTotp', { code }))).toBe('INVALID_CREDENTIALS');
  });

  it('stores recovery codes only as hashes', async () => {
    const { recoveryCodes } = await enrolledVault();
    const stored = vault.core.services.custody.vault.db.prepare('SELECT code_hash FROM totp_recovery_codes').all() as { code_hash: string }[];
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('turns off only with the password', async () => {
    const { admin } = await enrolledVault();
    expect(await errorCodeOf(admin.invoke('twoFactor.disable', { password: 'wrong password' }))).toBe('INVALID_CREDENTIALS');
    await admin.invoke('twoFactor.disable', { password: ADMIN.password });
    expect((await vault.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password })).state).toBe('active');
  });
});
