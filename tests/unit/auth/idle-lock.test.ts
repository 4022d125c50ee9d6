import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src-shared/model';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let vault: TestVault;
afterEach(() => vault?.dispose());

describe('idle lock and session lifetime', () => {
  it('locks an idle session, closes the vault, and unlocks with the password', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const events: (SessionView | null)[] = [];
    vault.core.events.subscribe((_target, event, payload) => {
      if (event === 'session.changed') events.push(payload as SessionView | null);
    });
    const idle = (await admin.invoke('system.getSettings', {})).idleLockSeconds;
    expect(idle).toBe(15 * 60);
    vault.clock.advance(idle * 1000 - 1000);
    await admin.invoke('auth.touch', {});
    vault.clock.advance(idle * 1000 - 1000);
    vault.core.services.sessions.sweep();
    expect(vault.core.services.custody.isOpen).toBe(true);
    vault.clock.advance(2000);
    vault.core.services.sessions.sweep();
    expect(events.at(-1)?.state).toBe('locked');
    expect(vault.core.services.custody.isOpen).toBe(false);
    expect(await errorCodeOf(admin.invoke('users.list', {}))).toBe('SESSION_LOCKED');
    expect(await errorCodeOf(admin.invoke('auth.unlock', { password: 'wrong password' }))).toBe('INVALID_CREDENTIALS');
    expect((await admin.invoke('auth.unlock', { password: ADMIN.password })).state).toBe('active');
    expect(await admin.invoke('users.list', {})).toHaveLength(1);
    const audit = await admin.invoke('audit.list', { limit: 10, action: 'session.locked' });
    expect(audit.entries[0]?.details.reason).toBe('idle');
  });

  it('honours a shorter idle lock set by the admin', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('system.updateSettings', { idleLockSeconds: 30, sessionLifetimeHours: 8 });
    vault.clock.advance(31_000);
    vault.core.services.sessions.sweep();
    expect(await errorCodeOf(admin.invoke('auth.touch', {}))).toBe('SESSION_LOCKED');
  });

  it('is not put off by the window asking whether the session has locked (app.status)', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('system.updateSettings', { idleLockSeconds: 30, sessionLifetimeHours: 8 });
    // The window's idle check asks while main still counts the session active (a call that ended
    // late moved main's clock): the question is not activity, so the lock still falls due on time.
    vault.clock.advance(25_000);
    expect((await admin.invoke('app.status', {})).session?.state).toBe('active');
    vault.clock.advance(6_000);
    expect((await admin.invoke('app.status', {})).session?.state).toBe('locked');
    // Any other call by the person does put it off.
    await admin.invoke('auth.unlock', { password: ADMIN.password });
    vault.clock.advance(25_000);
    await admin.invoke('users.list', {});
    vault.clock.advance(6_000);
    expect((await admin.invoke('app.status', {})).session?.state).toBe('active');
  });

  it('ends a session at its absolute lifetime even while in use', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    // Busy for 12 hours, never idle for 15 minutes: the session still ends at its lifetime.
    for (let step = 0; step < 12 * 6 - 1; step += 1) {
      vault.clock.advance(10 * 60_000);
      await admin.invoke('auth.touch', {});
    }
    vault.clock.advance(10 * 60_000);
    expect(await errorCodeOf(admin.invoke('auth.touch', {}))).toBe('AUTH_REQUIRED');
  });

  it('locks every session when the OS locks the screen', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    vault.core.services.sessions.lockAll('os_lock');
    expect(vault.core.services.custody.isOpen).toBe(false);
    expect(await errorCodeOf(admin.invoke('users.list', {}))).toBe('SESSION_LOCKED');
  });

  it('lets an admin end another session', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const other = vault.client();
    await other.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const sessions = await admin.invoke('sessions.list', {});
    expect(sessions).toHaveLength(2);
    const target = sessions.find((s) => !s.current);
    await admin.invoke('sessions.end', { sessionId: target?.sessionId ?? '' });
    expect(await errorCodeOf(other.invoke('auth.touch', {}))).toBe('AUTH_REQUIRED');
    expect(await admin.invoke('sessions.list', {})).toHaveLength(1);
  });
});
