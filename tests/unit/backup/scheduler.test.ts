import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { BackupScheduler, nextScheduledAfter } from '../../../src-main/backup/backup-scheduler';
import type { EventMap } from '../../../src-shared/events';
import type { EventTarget } from '../../../src-main/ipc/event-hub';

const HOUR = 3_600_000;
let vault: TestVault;
afterEach(() => vault?.dispose());

/** A scheduler started now (the core's started with the vault); its notifications go nowhere. */
function schedulerOf(v: TestVault, retryDelayMs = 5 * 60_000): BackupScheduler {
  const s = v.core.services;
  return new BackupScheduler({ backups: s.backups, clock: v.clock, announce: () => undefined, logger: { log: () => undefined }, vaultOpen: () => s.custody.isOpen, retryDelayMs });
}

describe('the backup scheduler', () => {
  it('computes the next run from the cron expression (every 6 hours by default)', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    expect(vault.core.services.backups.settings().schedule).toBe('0 */6 * * *');
    const at = new Date(2026, 0, 1, 7, 30).getTime();
    expect(nextScheduledAfter('0 */6 * * *', at)).toBe(new Date(2026, 0, 1, 12, 0).getTime());
  });

  it('catches up a run missed while the app was closed, once', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('backup.create', {});
    // The app is closed for a day: several slots pass.
    vault.clock.advance(24 * HOUR);
    const scheduler = schedulerOf(vault);
    expect(await scheduler.tick()).toBe('backed_up');
    expect(vault.core.services.backups.list().filter((b) => b.kind === 'scheduled')).toHaveLength(1);
    // Caught up: not due again until the next slot.
    expect(await scheduler.tick()).toBe('not_due');
    vault.clock.advance(6 * HOUR);
    expect(await scheduler.tick()).toBe('backed_up');
  });

  it('never runs two at once', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('backup.create', {});
    vault.clock.advance(7 * HOUR);
    const scheduler = schedulerOf(vault);
    const [first, second] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect([first, second]).toEqual(['backed_up', 'backed_up']);
    expect(vault.core.services.backups.list().filter((b) => b.kind === 'scheduled')).toHaveLength(1);
    // A manual backup while one runs is refused rather than queued behind it.
    const running = vault.core.services.backups.create('manual');
    await expect(vault.core.services.backups.create('manual')).rejects.toMatchObject({ code: 'CONFLICT' });
    await running;
  });

  it('waits while the vault is locked and runs once it is open again', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('backup.create', {});
    await admin.invoke('auth.logout', {});
    vault.clock.advance(7 * HOUR);
    const scheduler = schedulerOf(vault);
    expect(await scheduler.tick()).toBe('vault_closed');
    await vault.client().invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
    expect(await scheduler.tick()).toBe('backed_up');
  });

  it('survives an unplugged backup folder: a clear error, a notification, a retry', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('backup.create', {});
    const missing = join(vault.dir, 'external-drive', 'backups');
    await admin.invoke('backup.updateSettings', { folder: missing });
    const notes: { target: EventTarget; note: EventMap['notification'] }[] = [];
    vault.core.events.subscribe((target, event, payload) => { if (event === 'notification') notes.push({ target, note: payload as EventMap['notification'] }); });
    vault.clock.advance(7 * HOUR);
    // The core's own scheduler, so the notification is seen as the windows see it (retried after 5 minutes by default).
    const scheduler = vault.core.services.backupScheduler;
    expect(await scheduler.tick()).toBe('failed');
    expect(notes[0]?.target).toBe('all');
    expect(notes[0]?.note).toMatchObject({ level: 'error' });
    expect(notes[0]?.note.message).toMatch(/not available/);
    // Seven hours passed: the first session idle-locked; an admin signs in again to look.
    const later = vault.client();
    await later.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
    const status = await later.invoke('backup.status', {});
    expect(status.lastError).toMatchObject({ code: 'UNAVAILABLE' });
    expect(status.nextRunAt).toBe(vault.clock.now() + 5 * 60_000);
    // Not retried before the delay; retried after it, and succeeds once the drive is back.
    expect(await scheduler.tick()).toBe('not_due');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(missing, { recursive: true });
    vault.clock.advance(5 * 60_000);
    expect(await scheduler.tick()).toBe('backed_up');
    expect((await later.invoke('backup.status', {})).lastError).toBeNull();
  });

  it('refuses an invalid cron expression', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const result = await vault.core.router.invoke('backup.updateSettings', { schedule: 'every full moon' }, admin.caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
