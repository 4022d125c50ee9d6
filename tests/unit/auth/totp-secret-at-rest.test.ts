import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../../src-main/auth/totp';
import { KEY_SLOT_FILE } from '../../../src-main/core';
import { ADMIN, addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

/** Every row of every table of the open vault (opened with the data key), as text. */
function wholeVaultText(): string {
  const db = vault.core.services.custody.vault.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all())).join('\n');
}

function expectNowhere(secret: string): void {
  const raw = Buffer.from(secret, 'utf8');
  const text = wholeVaultText() + readFileSync(join(vault.dir, KEY_SLOT_FILE), 'utf8');
  for (const form of [secret, secret.toLowerCase(), raw.toString('base64'), raw.toString('hex')]) expect(text).not.toContain(form);
}

async function enrol(client: ReturnType<TestVault['client']>) {
  const { secret } = await client.invoke('twoFactor.begin', {});
  const { recoveryCodes } = await client.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
  vault.clock.advance(60_000);
  return { secret, recoveryCodes };
}

async function signIn(username: string, password: string) {
  const client = vault.client();
  expect((await client.invoke('auth.login', { username, password })).state).toBe('totp_required');
  return client;
}

describe('TOTP secrets at rest', () => {
  it('are not readable anywhere in the vault database (nor the key slot file) after enrolment, and sign-in still works', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const { secret } = await enrol(admin);
    expectNowhere(secret);
    vault.restart();
    const client = await signIn(ADMIN.username, ADMIN.password);
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
    expectNowhere(secret);
  });

  it('seals a secret stored in clear by an earlier version at the next sign-in', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const { secret } = await enrol(admin);
    const me = vault.core.services.custody.vault.repositories.users.findByUsername(ADMIN.username);
    vault.core.services.custody.vault.repositories.users.update(me?.id ?? '', { totpSecret: secret });
    expect(wholeVaultText()).toContain(secret);
    await admin.invoke('auth.logout', {});
    const client = await signIn(ADMIN.username, ADMIN.password);
    expectNowhere(secret);
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
    expect((await client.invoke('audit.list', { limit: 5, action: 'auth.totp_secret_sealed' })).entries).toHaveLength(1);
  });

  it('stay closed to an admin who resets the password: the old authenticator stops, a recovery code still signs in', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const bob = await addUser(vault, admin, 'bob', 'analyst');
    const { secret, recoveryCodes } = await enrol(bob);
    await bob.invoke('auth.logout', {});
    const bobId = (await admin.invoke('users.list', {})).find((u) => u.username === 'bob')?.id ?? '';
    const { oneTimePassword } = await admin.invoke('users.resetPassword', { userId: bobId });
    expectNowhere(secret);
    const client = await signIn('bob', oneTimePassword);
    expect(await errorCodeOf(client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) }))).toBe('INVALID_CREDENTIALS');
    expect((await client.invoke('auth.verifyTotp', { code: recoveryCodes[0] ?? '' })).state).toBe('password_change_required');
  });

  it('keep working after a recovery with the recovery key', async () => {
    vault = makeTestVault();
    const { admin, recoveryKey } = await setUpVault(vault);
    const { secret } = await enrol(admin);
    await admin.invoke('auth.logout', {});
    vault.restart();
    await vault.client().invoke('auth.recover', { username: ADMIN.username, recoveryKey, newPassword: 'brand new passphrase' });
    vault.clock.advance(60_000);
    const client = await signIn(ADMIN.username, 'brand new passphrase');
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
  });

  it('keep working after the user changes their own password', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const bob = await addUser(vault, admin, 'bob', 'analyst');
    const { secret } = await enrol(bob);
    await bob.invoke('auth.changePassword', { currentPassword: USER_PASSWORD, newPassword: 'another long passphrase' });
    await bob.invoke('auth.logout', {});
    const client = await signIn('bob', 'another long passphrase');
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
  });

  it('in a vault from an earlier version (no user keys, no escrow, secret in clear), survive a recovery and are sealed after it', async () => {
    vault = makeTestVault();
    const { admin, recoveryKey } = await setUpVault(vault);
    const { secret } = await enrol(admin);
    const me = vault.core.services.custody.vault.repositories.users.findByUsername(ADMIN.username);
    vault.core.services.custody.vault.repositories.users.update(me?.id ?? '', { totpSecret: secret });
    await admin.invoke('auth.logout', {});
    makeEarlierVersionSlots();
    await vault.client().invoke('auth.recover', { username: ADMIN.username, recoveryKey, newPassword: 'brand new passphrase' });
    const client = await signIn(ADMIN.username, 'brand new passphrase');
    expectNowhere(secret);
    expect((await client.invoke('auth.verifyTotp', { code: totpCodeAt(secret, vault.clock.now()) })).state).toBe('active');
  });

  it('turn two-factor off (audited) when a recovery cannot open them: the user was never escrowed to the recovery key', async () => {
    vault = makeTestVault();
    const { admin, recoveryKey } = await setUpVault(vault);
    const { secret } = await enrol(admin);
    await admin.invoke('auth.logout', {});
    makeEarlierVersionSlots({ keepUserKeys: true });
    const recovered = vault.client();
    expect((await recovered.invoke('auth.recover', { username: ADMIN.username, recoveryKey, newPassword: 'brand new passphrase' })).state).toBe('active');
    expect((await recovered.invoke('audit.list', { limit: 5, action: 'auth.two_factor_reset' })).entries).toHaveLength(1);
    await recovered.invoke('auth.logout', {});
    expect((await vault.client().invoke('auth.login', { username: ADMIN.username, password: 'brand new passphrase' })).state).toBe('active');
    expectNowhere(secret);
  });
});

/** Rewrites keyslots.json as an earlier version wrote it: no escrow key pair (and, unless kept, no user key pairs). */
function makeEarlierVersionSlots(options: { keepUserKeys?: boolean } = {}): void {
  const path = join(vault.dir, KEY_SLOT_FILE);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { slots: Record<string, unknown>[] };
  for (const slot of file.slots) {
    delete slot.escrow;
    if (!options.keepUserKeys) delete slot.userKey;
    else if (slot.userKey) slot.userKey = { ...(slot.userKey as object), escrow: null };
  }
  writeFileSync(path, JSON.stringify(file));
}
