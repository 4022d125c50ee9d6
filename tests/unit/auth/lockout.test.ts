import { afterEach, describe, expect, it } from 'vitest';
import { lockedUntilAfter, DEFAULT_LOCKOUT } from '../../../src-main/vault/lockout';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

describe('lockout policy', () => {
  it('allows five attempts, then locks for a delay that doubles and is capped', () => {
    expect(lockedUntilAfter(4, 1000)).toBeNull();
    expect(lockedUntilAfter(5, 1000)).toBe(1000 + DEFAULT_LOCKOUT.firstDelayMs);
    expect(lockedUntilAfter(6, 1000)).toBe(1000 + 2 * DEFAULT_LOCKOUT.firstDelayMs);
    expect(lockedUntilAfter(7, 1000)).toBe(1000 + 4 * DEFAULT_LOCKOUT.firstDelayMs);
    expect(lockedUntilAfter(50, 1000)).toBe(1000 + DEFAULT_LOCKOUT.maxDelayMs);
  });
});

describe('lockout', () => {
  const wrong = () => vault.client().invoke('auth.login', { username: ADMIN.username, password: 'definitely wrong' });
  const right = () => vault.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });

  it('locks the account after five failures, even for the right password, and survives a restart', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    for (let i = 0; i < 4; i += 1) expect(await errorCodeOf(wrong())).toBe('INVALID_CREDENTIALS');
    expect(await errorCodeOf(wrong())).toBe('LOCKED_OUT');
    expect(await errorCodeOf(right())).toBe('LOCKED_OUT');
    vault.restart();
    expect(await errorCodeOf(right())).toBe('LOCKED_OUT');
    vault.clock.advance(DEFAULT_LOCKOUT.firstDelayMs + 1);
    // One more failure after the delay locks again, for twice as long.
    expect(await errorCodeOf(wrong())).toBe('LOCKED_OUT');
    vault.clock.advance(DEFAULT_LOCKOUT.firstDelayMs + 1);
    expect(await errorCodeOf(right())).toBe('LOCKED_OUT');
    vault.clock.advance(DEFAULT_LOCKOUT.firstDelayMs);
    expect((await right()).state).toBe('active');
  });

  it('copies failures made while the vault was closed into the audit log at the next unlock', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('auth.logout', {});
    expect(vault.core.services.custody.isOpen).toBe(false);
    await errorCodeOf(wrong());
    await errorCodeOf(wrong());
    await errorCodeOf(vault.client().invoke('auth.login', { username: 'mallory', password: 'guess guess' }));
    const client = vault.client();
    await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const failures = (await client.invoke('audit.list', { limit: 50, action: 'auth.login' })).entries.filter((e) => e.outcome === 'failure');
    expect(failures.map((f) => f.details.reason).sort()).toEqual(['unknown_user', 'wrong_password', 'wrong_password']);
    expect(failures.find((f) => f.details.reason === 'wrong_password')?.actorName).toBe(ADMIN.username);
  });

  it('shows a locked-out account to the admin', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('users.create', { username: 'bob', displayName: 'Bob', role: 'analyst' });
    for (let i = 0; i < 5; i += 1) await errorCodeOf(vault.client().invoke('auth.login', { username: 'bob', password: 'nope nope nope' }));
    const bob = (await admin.invoke('users.list', {})).find((u) => u.username === 'bob');
    expect(bob?.failedAttempts).toBe(5);
    expect(bob?.lockedUntil).toBeGreaterThan(vault.clock.now());
  });
});
