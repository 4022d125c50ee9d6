import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());


describe('login', () => {
  it('lets the first admin in after setup and refuses a wrong password', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const good = vault.client();
    const view = await good.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(view.state).toBe('active');
    expect(view.role).toBe('super_admin');
    const bad = vault.client();
    expect((await vigilErrorOf(bad.invoke('auth.login', { username: ADMIN.username, password: 'not the password' }))).code).toBe('INVALID_CREDENTIALS');
    expect((await vigilErrorOf(bad.invoke('auth.login', { username: 'nobody', password: 'whatever' }))).code).toBe('INVALID_CREDENTIALS');
  });

  it('forces a user created with a one-time password to change it before anything else', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const { oneTimePassword } = await admin.invoke('users.create', { username: 'ann', displayName: 'Ann', role: 'analyst' });
    const ann = vault.client();
    const first = await ann.invoke('auth.login', { username: 'ann', password: oneTimePassword });
    expect(first.state).toBe('password_change_required');
    expect((await vigilErrorOf(ann.invoke('preferences.get', {}))).code).toBe('SESSION_STATE');
    const after = await ann.invoke('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'a much better passphrase' });
    expect(after.state).toBe('active');
    await ann.invoke('auth.logout', {});
    expect((await vigilErrorOf(vault.client().invoke('auth.login', { username: 'ann', password: oneTimePassword }))).code).toBe('INVALID_CREDENTIALS');
    expect((await vault.client().invoke('auth.login', { username: 'ann', password: 'a much better passphrase' })).state).toBe('active');
  });

  it('keeps an analyst out of admin channels and audits the denial', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const analyst = await addUser(vault, admin, 'ann', 'analyst');
    expect((await vigilErrorOf(analyst.invoke('users.list', {}))).code).toBe('FORBIDDEN');
    const page = await admin.invoke('audit.list', { limit: 10, action: 'access.denied' });
    expect(page.entries[0]?.actorName).toBe('ann');
  });
});
