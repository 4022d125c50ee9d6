import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

describe('user administration', () => {
  it('disabling a user ends their sessions and removes their key slot', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const ann = await addUser(vault, admin, 'ann', 'analyst');
    const annId = (await admin.invoke('users.list', {})).find((u) => u.username === 'ann')?.id ?? '';
    await admin.invoke('users.disable', { userId: annId });
    expect(await errorCodeOf(ann.invoke('auth.touch', {}))).toBe('AUTH_REQUIRED');
    expect(vault.core.services.keySlots.hasSlot(annId)).toBe(false);
    expect(await errorCodeOf(vault.client().invoke('auth.login', { username: 'ann', password: USER_PASSWORD }))).toBe('INVALID_CREDENTIALS');
    const { oneTimePassword } = await admin.invoke('users.enable', { userId: annId });
    expect((await vault.client().invoke('auth.login', { username: 'ann', password: oneTimePassword })).state).toBe('password_change_required');
  });

  it('resetting a password gives a one-time password and ends the old sessions', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const bob = await addUser(vault, admin, 'bob', 'investigator');
    const bobId = (await admin.invoke('users.list', {})).find((u) => u.username === 'bob')?.id ?? '';
    const { oneTimePassword } = await admin.invoke('users.resetPassword', { userId: bobId });
    expect(await errorCodeOf(bob.invoke('auth.touch', {}))).toBe('AUTH_REQUIRED');
    expect(await errorCodeOf(vault.client().invoke('auth.login', { username: 'bob', password: USER_PASSWORD }))).toBe('INVALID_CREDENTIALS');
    expect((await vault.client().invoke('auth.login', { username: 'bob', password: oneTimePassword })).state).toBe('password_change_required');
  });

  it('keeps the vault administrable: no self-demotion, no granting above your role, always one super admin', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const adminId = (await admin.invoke('users.list', {}))[0]?.id ?? '';
    expect(await errorCodeOf(admin.invoke('users.setRole', { userId: adminId, role: 'viewer' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(admin.invoke('users.disable', { userId: adminId }))).toBe('FORBIDDEN');
    const plainAdmin = await addUser(vault, admin, 'root2', 'admin');
    expect(await errorCodeOf(plainAdmin.invoke('users.create', { username: 'boss', displayName: 'Boss', role: 'super_admin' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(plainAdmin.invoke('users.setRole', { userId: adminId, role: 'viewer' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(admin.invoke('users.create', { username: ADMIN.username, displayName: 'Dup', role: 'viewer' }))).toBe('CONFLICT');
  });

  it('a role change reaches the user\'s open session at once', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const carl = await addUser(vault, admin, 'carl', 'admin');
    expect(await carl.invoke('users.list', {})).toHaveLength(2);
    const carlId = (await admin.invoke('users.list', {})).find((u) => u.username === 'carl')?.id ?? '';
    await admin.invoke('users.setRole', { userId: carlId, role: 'analyst' });
    expect(await errorCodeOf(carl.invoke('users.list', {}))).toBe('FORBIDDEN');
  });

  it('audits every user change with its actor and target', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('users.create', { username: 'dora', displayName: 'Dora', role: 'viewer' });
    const entry = (await admin.invoke('audit.list', { limit: 1, action: 'users.create' })).entries[0];
    expect(entry).toMatchObject({ actorName: ADMIN.username, target: 'dora', outcome: 'success', details: { role: 'viewer' } });
    await errorCodeOf(admin.invoke('users.create', { username: 'dora', displayName: 'Dora', role: 'viewer' }));
    expect((await admin.invoke('audit.list', { limit: 1, action: 'users.create' })).entries[0]).toMatchObject({ outcome: 'failure', details: { code: 'CONFLICT' } });
  });
});
