import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

describe('recovery key', () => {
  it('refuses a wrong recovery key and accepts the real one in any case and spacing', async () => {
    vault = makeTestVault();
    const { recoveryKey } = await setUpVault(vault);
    vault.restart();
    const wrongKey = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await errorCodeOf(vault.client().invoke('auth.recover', { username: ADMIN.username, recoveryKey: wrongKey, newPassword: 'brand new passphrase' })))
      .toBe('INVALID_CREDENTIALS');
    expect(await errorCodeOf(vault.client().invoke('auth.recover', { username: ADMIN.username, recoveryKey: 'not-a-key-at-all', newPassword: 'brand new passphrase' })))
      .toBe('INVALID_CREDENTIALS');
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const view = await vault.client().invoke('auth.recover', { username: ADMIN.username, recoveryKey: typed, newPassword: 'brand new passphrase' });
    expect(view.state).toBe('active');
    expect(await errorCodeOf(vault.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }))).toBe('INVALID_CREDENTIALS');
    const again = vault.client();
    await again.invoke('auth.login', { username: ADMIN.username, password: 'brand new passphrase' });
    const audit = await again.invoke('audit.list', { limit: 5, action: 'auth.recovered_with_recovery_key' });
    expect(audit.entries).toHaveLength(1);
  });

  it('requires the first admin to confirm the recovery key before working', async () => {
    vault = makeTestVault();
    const admin = vault.client();
    const { recoveryKey, session } = await admin.invoke('setup.initialize', { vaultName: 'V', ...ADMIN });
    expect(session.state).toBe('recovery_key_unconfirmed');
    expect(await errorCodeOf(admin.invoke('users.list', {}))).toBe('SESSION_STATE');
    expect(await errorCodeOf(admin.invoke('auth.confirmRecoveryKey', { recoveryKey: 'AAAA-BBBB-CCCC' }))).toBe('INVALID_CREDENTIALS');
    expect((await admin.invoke('auth.confirmRecoveryKey', { recoveryKey })).state).toBe('active');
    expect(await admin.invoke('users.list', {})).toHaveLength(1);
  });

  it('reissues a key when the first one was never confirmed, and the old key stops working', async () => {
    vault = makeTestVault();
    const first = await vault.client().invoke('setup.initialize', { vaultName: 'V', ...ADMIN });
    vault.restart();
    const admin = vault.client();
    expect((await admin.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password })).state).toBe('recovery_key_unconfirmed');
    const { recoveryKey } = await admin.invoke('auth.reissueRecoveryKey', {});
    expect(recoveryKey).not.toBe(first.recoveryKey);
    expect(await errorCodeOf(admin.invoke('auth.confirmRecoveryKey', { recoveryKey: first.recoveryKey }))).toBe('INVALID_CREDENTIALS');
    expect((await admin.invoke('auth.confirmRecoveryKey', { recoveryKey })).state).toBe('active');
  });

  it('refuses a second setup', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    expect(await errorCodeOf(vault.client().invoke('setup.initialize', { vaultName: 'Other', ...ADMIN }))).toBe('ALREADY_INITIALIZED');
  });
});
