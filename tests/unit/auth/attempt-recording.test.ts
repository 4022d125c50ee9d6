// A full or read-only disk: an attempt that cannot be counted is refused, typed, without checking the password.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { totpCodeAt } from '../../../src-main/auth/totp';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import type * as AtomicFile from '../../../src-main/vault/atomic-file';
import type * as Kdf from '../../../src-main/vault/kdf';

const disk = vi.hoisted(() => ({ full: false, derivations: 0, writesLeft: null as number | null }));

vi.mock('../../../src-main/vault/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof AtomicFile>();
  return {
    ...real,
    writeFileAtomic: (...args: Parameters<typeof real.writeFileAtomic>) => {
      if (disk.writesLeft !== null) disk.writesLeft -= 1;
      if (disk.full || (disk.writesLeft !== null && disk.writesLeft < 0)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      real.writeFileAtomic(...args);
    },
  };
});

vi.mock('../../../src-main/vault/kdf', async (importOriginal) => {
  const real = await importOriginal<typeof Kdf>();
  return {
    ...real,
    deriveKeyFromPassword: (...args: Parameters<typeof real.deriveKeyFromPassword>) => {
      disk.derivations += 1;
      return real.deriveKeyFromPassword(...args);
    },
  };
});

let vault: TestVault;
afterEach(() => {
  disk.full = false;
  disk.writesLeft = null;
  vault?.dispose();
});

const login = (username: string, password: string) => vault.client().invoke('auth.login', { username, password });

describe('attempts that cannot be recorded', () => {
  it('refuses a sign-in with a typed error and never checks the password when the key slot file cannot be written', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    disk.full = true;
    disk.derivations = 0;
    for (const [username, password] of [[ADMIN.username, 'wrong wrong wrong'], [ADMIN.username, ADMIN.password], ['nobody', 'wrong wrong wrong']] as const) {
      const error = await vigilErrorOf(login(username, password));
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.details?.reason).toBe('attempt_not_recorded');
    }
    expect(disk.derivations).toBe(0);
    disk.full = false;
    expect((await login(ADMIN.username, ADMIN.password)).state).toBe('active');
  });

  it('refuses a second-factor code it cannot count, and does not use the code up', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const { secret } = await admin.invoke('twoFactor.begin', {});
    await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
    await admin.invoke('auth.logout', {});
    vault.clock.advance(60_000);
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    disk.full = true;
    const code = totpCodeAt(secret, vault.clock.now());
    expect((await vigilErrorOf(client.invoke('auth.verifyTotp', { code }))).code).toBe('UNAVAILABLE');
    disk.full = false;
    expect((await client.invoke('auth.verifyTotp', { code })).state).toBe('active');
  });

  it('does not use up a right recovery code when clearing the failure count cannot be written', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const { secret } = await admin.invoke('twoFactor.begin', {});
    const { recoveryCodes } = await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
    await admin.invoke('auth.logout', {});
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    // The attempt is counted (one write), then the disk fills before the count is cleared.
    disk.writesLeft = 1;
    const code = recoveryCodes[0] ?? '';
    expect((await vigilErrorOf(client.invoke('auth.verifyTotp', { code }))).code).toBe('UNAVAILABLE');
    disk.writesLeft = null;
    expect((await client.invoke('auth.verifyTotp', { code })).state).toBe('active');
  });
});
