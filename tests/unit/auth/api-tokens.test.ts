// API tokens: shown once and stored only as a hash; they sign in without password or second factor,
// as their owner with at most the role they were created with; revocation, expiry and a disabled
// owner stop them, each refusal audited; they open a closed vault (a script's first call).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../../src-main/auth/totp';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import { vaultDb } from '../actions/workspace-fixtures';

let vault: TestVault;
afterEach(() => vault?.dispose());

async function start() {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  return { admin, senior };
}

async function tokenClient(token: string) {
  const client = vault.client('cli');
  const view = await client.invoke('auth.tokenLogin', { token });
  return { client, view };
}

const auditRows = (action: string) =>
  vaultDb(vault).prepare('SELECT actor_name, outcome, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor_name: string | null; outcome: string; details: string }[];

describe('API tokens', () => {
  it('are shown once, kept only as a hash, and sign in as their owner with no password', async () => {
    const { senior } = await start();
    const { token, info } = await senior.invoke('tokens.create', { name: 'nightly export' });
    expect(token).toMatch(/^vigil_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({ name: 'nightly export', owner: 'sam', role: 'senior_analyst', expiresAt: null, revokedAt: null });
    const row = vaultDb(vault).prepare('SELECT * FROM api_tokens').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(token.slice(6));
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')).not.toContain(token.slice(6));
    const { client, view } = await tokenClient(token);
    expect(view).toMatchObject({ username: 'sam', role: 'senior_analyst', state: 'active' });
    expect((await client.invoke('exports.alerts', { filter: {}, format: 'csv' })).rows).toBe(0);
    expect(auditRows('tokens.create')).toMatchObject([{ actor_name: 'sam', outcome: 'success' }]);
    expect(auditRows('auth.token_login')).toMatchObject([{ actor_name: 'sam', outcome: 'success' }]);
    expect((await senior.invoke('tokens.list', {}))[0]?.lastUsedAt).not.toBeNull();
  });

  it('hold at most the role they were made with, never above the owner\'s, and shrink when the owner is demoted', async () => {
    const { admin, senior } = await start();
    expect(await errorCodeOf(senior.invoke('tokens.create', { name: 'too much', role: 'admin' }))).toBe('FORBIDDEN');
    const { token: viewerToken } = await senior.invoke('tokens.create', { name: 'read only', role: 'viewer' });
    const { client: viewer, view } = await tokenClient(viewerToken);
    expect(view.role).toBe('viewer');
    expect(await errorCodeOf(viewer.invoke('exports.alerts', { filter: {}, format: 'csv' }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(viewer.invoke('tokens.create', { name: 'from a token' }))).toBe('FORBIDDEN');
    const { token } = await senior.invoke('tokens.create', { name: 'full' });
    const sam = (await admin.invoke('users.list', {})).find((u) => u.username === 'sam');
    await admin.invoke('users.setRole', { userId: sam?.id ?? '', role: 'analyst' });
    expect((await tokenClient(token)).view.role).toBe('analyst');
  });

  it('stop working when revoked: the sign-in is refused, live token sessions end, both audited', async () => {
    const { senior, admin } = await start();
    const { token, info } = await senior.invoke('tokens.create', { name: 'to revoke' });
    const { client } = await tokenClient(token);
    // Only its owner or an administrator may revoke; anyone else is told there is no such token.
    const other = await addUser(vault, admin, 'ann', 'analyst');
    expect(await errorCodeOf(other.invoke('tokens.revoke', { tokenId: info.id }))).toBe('NOT_FOUND');
    expect((await senior.invoke('tokens.revoke', { tokenId: info.id })).revokedAt).not.toBeNull();
    expect(await errorCodeOf(client.invoke('alerts.count', {}))).toBe('AUTH_REQUIRED');
    await expect(tokenClient(token)).rejects.toThrow('This API token is not valid');
    expect(auditRows('tokens.revoke').map((r) => [r.actor_name, r.outcome])).toEqual([['ann', 'failure'], ['sam', 'success']]);
    expect(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')).not.toContain(info.id);
  });

  it('stop working after they expire', async () => {
    const { senior } = await start();
    const { token } = await senior.invoke('tokens.create', { name: 'a week', expiresDays: 7 });
    expect((await tokenClient(token)).view.state).toBe('active');
    vault.clock.advance(7 * 86_400_000 + 1);
    await expect(tokenClient(token)).rejects.toThrow('This API token has expired');
    expect(auditRows('auth.token_login').map((r) => [r.outcome, (JSON.parse(r.details) as { reason?: string }).reason])).toContainEqual(['failure', 'expired']);
  });

  it("stop working when their owner is disabled, and stay dead after re-enabling", async () => {
    const { admin, senior } = await start();
    const { token } = await senior.invoke('tokens.create', { name: 'owner leaves' });
    const sam = (await admin.invoke('users.list', {})).find((u) => u.username === 'sam');
    await admin.invoke('users.disable', { userId: sam?.id ?? '' });
    expect(await errorCodeOf(tokenClient(token))).toBe('INVALID_CREDENTIALS');
    await admin.invoke('users.enable', { userId: sam?.id ?? '' });
    expect(await errorCodeOf(tokenClient(token))).toBe('INVALID_CREDENTIALS');
  });

  it('open a closed vault and skip the second factor of an account that has one', async () => {
    const { admin } = await start();
    const { secret } = await admin.invoke('twoFactor.begin', {});
    await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
    const { token } = await admin.invoke('tokens.create', { name: 'backup script' });
    vault.restart();
    expect(vault.core.services.custody.isOpen).toBe(false);
    const { client, view } = await tokenClient(token);
    expect(view).toMatchObject({ username: 'ada', state: 'active' });
    expect((await client.invoke('audit.verify', {})).ok).toBe(true);
  });

  it('refuse text that is not a token, and a made-up token', async () => {
    await start();
    await expect(tokenClient('hunter2')).rejects.toThrow('This API token is not valid');
    await expect(tokenClient(`vigil_${'A'.repeat(43)}`)).rejects.toThrow('This API token is not valid');
  });
});
