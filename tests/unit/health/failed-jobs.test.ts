// The failed-jobs check sees every scheduled job, not only the backup: a job whose run fails is named
// with its error in the check's value and evidence (on the Health panel) until its next run succeeds.
// Each failure is injected into one dependency of a job built by the real core, for one run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { failedJobsCheck } from '../../../src-main/health/checks/failed-jobs';
import { ScheduledJobs } from '../../../src-main/jobs/scheduled-jobs';
import type { BackupState } from '../../../src-main/backup/backup-state';

let vault: TestVault | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await vault?.dispose();
  vault = undefined;
});

const MINUTE = 60_000;
/** A run started by a timer settles on its own: let its promise chain finish. */
const settled = () => new Promise<void>((resolve) => { setImmediate(resolve); });

async function failedJobs(admin: InProcessClient): Promise<{ value: number | null; evidence: string }> {
  const status = await admin.invoke('health.run', {});
  const row = status.checks.find((check) => check.check === 'failed-jobs');
  if (!row) throw new Error('no failed-jobs row');
  return { value: row.value, evidence: row.evidence };
}

async function openVault(): Promise<{ v: TestVault; admin: InProcessClient }> {
  const v = makeTestVault({ timeZone: 'UTC' });
  vault = v;
  const { admin } = await setUpVault(v);
  return { v, admin };
}

describe('the failed jobs check, for jobs other than the backup', () => {
  it('names the hourly anomaly check whose analytics worker failed, with the error, until its next check succeeds', async () => {
    const { v, admin } = await openVault();
    const { volumeAnomalies, analytics } = v.core.services;
    expect(await failedJobs(admin)).toEqual({ value: 0, evidence: 'No scheduled job is failing.' });

    vi.spyOn(analytics, 'stats').mockRejectedValueOnce(new Error('The analytics worker stopped'));
    const failedAt = v.clock.now();
    await expect(volumeAnomalies.check()).rejects.toThrow('The analytics worker stopped');
    v.clock.advance(MINUTE);
    const failing = await failedJobs(admin);
    expect(failing.value).toBe(1);
    expect(failing.evidence).toBe(
      `Failing: the hourly alert-volume anomaly check has failed since ${new Date(failedAt).toISOString()} `
      + '(1 failed run, no success since the app started; last error: The analytics worker stopped).',
    );

    // The next hourly check reaches the worker again (too little history to score: a check that ran).
    expect(await volumeAnomalies.check()).toEqual({ kind: 'insufficient-history' });
    expect(await failedJobs(admin)).toEqual({ value: 0, evidence: 'No scheduled job is failing.' });
  });

  it('names the security scan that failed on the audit log, until a scan succeeds', async () => {
    const { v, admin } = await openVault();
    const { securityMonitor, custody } = v.core.services;
    await securityMonitor.scan();
    const succeededAt = v.clock.now();
    v.clock.advance(MINUTE);

    const broken = vi.spyOn(custody.vault.repositories.securityIncidents, 'scannedSeq').mockImplementation(() => { throw new Error('database disk image is malformed'); });
    await expect(securityMonitor.scan()).rejects.toThrow('database disk image is malformed');
    v.clock.advance(MINUTE);
    await expect(securityMonitor.scan()).rejects.toThrow('database disk image is malformed');
    const failing = await failedJobs(admin);
    expect(failing.value).toBe(1);
    expect(failing.evidence).toContain(`the security monitor's scan of the audit log has failed since ${new Date(succeededAt + MINUTE).toISOString()}`);
    expect(failing.evidence).toContain(`(2 failed runs, last success ${new Date(succeededAt).toISOString()}; last error: database disk image is malformed)`);

    broken.mockRestore();
    await securityMonitor.scan();
    expect(await failedJobs(admin)).toMatchObject({ value: 0 });
  });

  it('names the nightly structure check that could not run, until it runs after its retry delay', async () => {
    const { v, admin } = await openVault();
    const { structureCheck, backups } = v.core.services;
    vi.spyOn(backups, 'checkLiveStructure').mockRejectedValueOnce(new Error('the backup worker exited with code 1'));
    expect(await structureCheck.tick()).toBe('failed');
    expect(await failedJobs(admin)).toMatchObject({
      value: 1, evidence: expect.stringContaining('the nightly vault structure check has failed since'),
    });

    v.clock.advance(16 * MINUTE);
    expect(await structureCheck.tick()).toBe('ok');
    // The idle session locked meanwhile: the administrator signs in again.
    const again = v.client();
    await again.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await failedJobs(again)).toMatchObject({ value: 0 });
  });

  it('counts the retention run and the SLA watch, each failing, as two failures, and each clears on its own success', async () => {
    const { v, admin } = await openVault();
    const { retention, notifier, custody } = v.core.services;
    const repos = custody.vault.repositories;
    vi.spyOn(repos.settings, 'get').mockImplementationOnce(() => { throw new Error('SQLITE_IOERR: disk I/O error'); });
    await expect(retention.runIfDue()).rejects.toThrow('disk I/O error');

    // The SLA watch runs when its schedule starts, then every minute.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.spyOn(repos.notifications, 'casesDueBefore').mockImplementationOnce(() => { throw new Error('no such column: sla_due_at'); });
    notifier.start();
    await settled();
    const failing = await failedJobs(admin);
    expect(failing.value).toBe(2);
    expect(failing.evidence).toContain('the daily retention run has failed since');
    expect(failing.evidence).toContain('last error: SQLITE_IOERR: disk I/O error');
    expect(failing.evidence).toContain('the SLA watch (due-time notifications) has failed since');
    expect(failing.evidence).toContain('last error: no such column: sla_due_at');

    vi.advanceTimersByTime(MINUTE);
    await settled();
    const retentionOnly = await failedJobs(admin);
    expect(retentionOnly.value).toBe(1);
    expect(retentionOnly.evidence).not.toContain('SLA watch');
    // Retention is off by default: the next run finds it turned off, which is not a failure.
    expect(await retention.runIfDue()).toEqual({ kind: 'disabled' });
    expect(await failedJobs(admin)).toEqual({ value: 0, evidence: 'No scheduled job is failing.' });
    notifier.stop();
  });
});

describe('the failed jobs evidence', () => {
  it('names the failing backup, each failing job and each check that could not measure, in that order', () => {
    const state: BackupState = {
      settings: { folder: '/b', schedule: '0 */6 * * *', enabled: true, retention: { keepLast: 1, daily: 0, weekly: 0, monthly: 0 } },
      lastSuccessAt: 1000, lastAttemptAt: 2000, lastError: { at: 2000, code: 'UNAVAILABLE', message: 'The backup folder is not available' },
      verifications: {}, structureCheck: null,
    };
    const jobs = new ScheduledJobs();
    jobs.failed('sla-watch', Date.UTC(2026, 0, 1, 12), new Error('boom'));
    jobs.succeeded('vault-structure-check', Date.UTC(2026, 0, 1, 3));
    jobs.failed('vault-structure-check', Date.UTC(2026, 0, 2, 3), new Error('the backup worker exited'));
    const measured = failedJobsCheck({ state: () => state, failingJobs: () => jobs.failing(), failedChecks: () => ['wal-size'] }).measure();
    expect(measured).toEqual({
      value: 4,
      evidence: 'Failing: the scheduled backup failed at 1970-01-01T00:00:02.000Z (UNAVAILABLE: The backup folder is not available); '
        + 'the nightly vault structure check has failed since 2026-01-02T03:00:00.000Z (1 failed run, last success 2026-01-01T03:00:00.000Z; '
        + 'last error: the backup worker exited); '
        + 'the SLA watch (due-time notifications) has failed since 2026-01-01T12:00:00.000Z (1 failed run, no success since the app started; last error: boom); '
        + 'the health check "wal-size" could not measure.',
    });
  });
});
