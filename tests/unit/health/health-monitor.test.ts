// The monitor against a real core in a temp directory, on a fake clock: what the panel and the
// banner show is measured from the backup folder and the disk, alerts survive a restart, and only
// administrators act on them.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, USER_PASSWORD, makeTestVault, setUpVault, addUser, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { EventMap } from '../../../src-shared/events';
import type { HealthCheckStatus, HealthStatus } from '../../../src-shared/health-model';

const HOUR = 3_600_000;
let vault: TestVault;
afterEach(() => vault?.dispose());

const row = (status: HealthStatus, check: HealthCheckStatus['check']) => {
  const found = status.checks.find((c) => c.check === check);
  if (!found) throw new Error(`no row for ${check}`);
  return found;
};

/** Time passes (sessions lock and expire meanwhile): a new sign-in, as a person coming back would. */
async function signIn(v: TestVault, username: string, password: string): Promise<InProcessClient> {
  const client = v.client();
  await client.invoke('auth.login', { username, password });
  return client;
}

function notifications(v: TestVault): EventMap['notification'][] {
  const seen: EventMap['notification'][] = [];
  v.core.events.subscribe((_target, event, payload) => {
    if (event === 'notification') seen.push(payload as EventMap['notification']);
  });
  return seen;
}

describe('the health monitor', () => {
  it('measures every check on demand, with its evidence, last and next run', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const status = await admin.invoke('health.run', {});
    expect(status.checks.map((c) => c.check)).toEqual([
      'backup-age', 'free-disk-vault', 'free-disk-backups', 'vault-structure', 'audit-chain', 'wal-size', 'memory', 'event-loop-lag', 'failed-jobs',
    ]);
    for (const check of status.checks) expect(check.lastRunAt).toBe(vault.clock.now());
    const disk = row(status, 'free-disk-vault');
    expect(disk.value).toBeGreaterThan(0);
    expect(disk.value).toBeLessThanOrEqual(100);
    expect(disk.evidence).toContain('free of');
    expect(row(status, 'audit-chain')).toMatchObject({ value: 0, level: 'ok' });
    expect(row(status, 'backup-age')).toMatchObject({ value: 0, level: 'ok' });
    expect(row(status, 'backup-age').evidence).toContain('No verified backup');
    expect(row(status, 'memory').value).toBeGreaterThan(10);
    // Not run yet tonight: nothing measured, the next run is the nightly check's.
    expect(row(status, 'vault-structure')).toMatchObject({ value: null, level: 'ok' });
    expect(row(status, 'audit-chain').nextRunAt).toBe(vault.clock.now() + 15 * 60_000);
    expect(status.overall).toBe('ok');
  });

  it('shows a stale backup as warning then error, tells every window, and resolves once a backup is made', async () => {
    vault = makeTestVault();
    const seen = notifications(vault);
    const { admin: first } = await setUpVault(vault);
    await first.invoke('backup.create', {});
    await addUser(vault, first, 'ann', 'analyst');

    // The default schedule backs up every 6 hours: 10 hours is more than 1.5 intervals.
    vault.clock.advance(10 * HOUR);
    let admin = await signIn(vault, ADMIN.username, ADMIN.password);
    let analyst = await signIn(vault, 'ann', USER_PASSWORD);
    let status = await admin.invoke('health.run', {});
    expect(row(status, 'backup-age')).toMatchObject({ level: 'warning', colour: 'amber', value: 1.67 });
    expect(seen).toEqual([]);
    expect((await analyst.invoke('health.banner', {})).alerts).toEqual([]);

    // 19 hours: more than 3 intervals.
    vault.clock.advance(9 * HOUR);
    admin = await signIn(vault, ADMIN.username, ADMIN.password);
    analyst = await signIn(vault, 'ann', USER_PASSWORD);
    status = await admin.invoke('health.run', {});
    const stale = row(status, 'backup-age');
    expect(stale).toMatchObject({ level: 'error', colour: 'red', value: 3.17 });
    expect(stale.evidence).toMatch(/The last verified backup \(.*\) is 19\.0 h old/);
    expect(stale.alert).toMatchObject({ level: 'error', status: 'firing' });
    expect(seen).toEqual([{ level: 'error', message: expect.stringContaining('Last verified backup: error.') }]);
    // Everyone signed in sees the banner; only administrators see the panel.
    const banner = await analyst.invoke('health.banner', {});
    expect(banner.alerts).toEqual([expect.objectContaining({ check: 'backup-age', level: 'error' })]);
    await expect(analyst.invoke('health.status', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Run again within the cooldown: no second notification.
    vault.clock.advance(10 * 60_000);
    await admin.invoke('health.run', {});
    expect(seen).toHaveLength(1);

    await admin.invoke('backup.create', {});
    status = await admin.invoke('health.run', {});
    expect(row(status, 'backup-age')).toMatchObject({ level: 'ok', alert: null, value: 0 });
    const history = await admin.invoke('health.history', {});
    expect(history.entries.filter((e) => e.check === 'backup-age').map((e) => `${e.kind}:${e.level}`)).toEqual(['resolved:ok', 'escalated:error', 'fired:warning']);
  });

  it('judges against the schedule the administrator chose even with scheduled backups off (how the e2e makes a backup stale in seconds)', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('backup.updateSettings', { enabled: false, schedule: '* * * * * *' });
    vault.clock.advance(4000);
    const stale = row(await admin.invoke('health.run', {}), 'backup-age');
    expect(stale).toMatchObject({ level: 'error', value: 4 });
    expect(stale.evidence).toContain('scheduled backups are OFF (judged against the schedule "* * * * * *", every 1 s)');
  });

  it('keeps an open alert across a restart, and records who acknowledged and resolved it', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    vault.clock.advance(20 * HOUR);
    const admin = await signIn(vault, ADMIN.username, ADMIN.password);
    await admin.invoke('health.run', {});
    const acked = await admin.invoke('health.acknowledge', { check: 'backup-age', note: 'drive on order' });
    expect(row(acked, 'backup-age').alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ada' });
    await expect(admin.invoke('health.acknowledge', { check: 'memory' })).rejects.toMatchObject({ code: 'CONFLICT' });

    vault.restart();
    const again = await signIn(vault, ADMIN.username, ADMIN.password);
    const status = await again.invoke('health.status', {});
    expect(row(status, 'backup-age')).toMatchObject({ level: 'error', alert: { status: 'acknowledged', acknowledgedBy: 'ada' } });
    expect(row(status, 'backup-age').lastRunAt).toBe(vault.clock.now());

    const resolved = await again.invoke('health.resolve', { check: 'backup-age', note: 'restored the drive' });
    expect(row(resolved, 'backup-age')).toMatchObject({ level: 'ok', alert: null });
    const history = await again.invoke('health.history', { limit: 2 });
    expect(history.entries.map((e) => [e.kind, e.actor, e.note])).toEqual([['resolved', 'ada', 'restored the drive'], ['acknowledged', 'ada', 'drive on order']]);
    expect(history.nextBeforeId).not.toBeNull();
    const audit = await again.invoke('audit.list', { limit: 20 });
    expect(audit.entries.map((e) => [e.action, e.target]).filter(([action]) => String(action).startsWith('health.'))).toEqual([
      ['health.resolve', 'backup-age'], ['health.acknowledge', 'memory'], ['health.acknowledge', 'backup-age'],
    ]);
  });

  it('reads thresholds an administrator changed at the next run, and refuses ones that would flap', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    vault.clock.advance(4 * HOUR);
    const admin = await signIn(vault, ADMIN.username, ADMIN.password);
    expect(row(await admin.invoke('health.run', {}), 'backup-age').level).toBe('ok');
    await admin.invoke('health.updatePolicy', { 'backup-age': { levels: { warning: { fire: 0.5, clear: 0.4 } } } });
    expect(row(await admin.invoke('health.run', {}), 'backup-age').level).toBe('warning');
    await expect(admin.invoke('health.updatePolicy', { 'backup-age': { levels: { warning: { fire: 0.5, clear: 0.9 } } } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await admin.invoke('health.getPolicy', {})).policy['backup-age'].levels.warning).toEqual({ fire: 0.5, clear: 0.4 });
  });

  it('fires a critical alert when the nightly integrity check found damage', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    vault.core.services.backups.state.update((s) => { s.structureCheck = { at: vault.clock.now(), ok: false, problems: ['row 3 missing from index x'] }; });
    const status = await admin.invoke('health.run', {});
    expect(row(status, 'vault-structure')).toMatchObject({ level: 'critical', value: 1 });
    expect(status.overall).toBe('critical');
    expect(row(status, 'vault-structure').evidence).toContain('row 3 missing from index x');
  });
});
