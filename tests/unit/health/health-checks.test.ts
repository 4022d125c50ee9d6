// Single checks measuring real state: the audit chain walked incrementally, the backup folder that
// is not connected, event-loop lag from a held thread, failed scheduled backups.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { auditChainCheck } from '../../../src-main/health/checks/audit-chain';
import { freeDiskCheck } from '../../../src-main/health/checks/free-disk';
import { eventLoopLagCheck } from '../../../src-main/health/checks/event-loop-lag';
import { failedJobsCheck } from '../../../src-main/health/checks/failed-jobs';
import { scheduleInterval } from '../../../src-main/health/checks/backup-age';

let vault: TestVault | undefined;
afterEach(() => vault?.dispose());

describe('the audit chain check', () => {
  it('walks only the rows written since its last walk, and finds a row edited before them', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const audit = vault.core.services.custody.vault.repositories.audit;
    const verify = vi.spyOn(audit, 'verify');
    const check = auditChainCheck({ audit: () => audit, clock: vault.clock });
    const first = await check.measure();
    expect(first.value).toBe(0);
    expect(first.evidence).toMatch(/^Full walk/);
    audit.append({ actor: { id: null, name: 'vigil' }, action: 'test.row', target: null, outcome: 'success', details: {} });
    const second = await check.measure();
    expect(second).toMatchObject({ value: 0, evidence: expect.stringMatching(/^Rows since the last check: 1 row\(s\)/) });
    expect(verify.mock.calls[1]?.[1]).toMatchObject({ seq: expect.any(Number), hash: expect.any(String) });

    // Someone edits the newest row the last walk verified (the triggers dropped by hand).
    const { db } = vault.core.services.custody.vault;
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET details = '{\"edited\":true}' WHERE seq = (SELECT MAX(seq) FROM audit_log)").run();
    // Its first hex digit changed, whatever it was: setting it to 'f' left one hash in 16 as it was.
    db.prepare(
      "UPDATE audit_log SET hash = (CASE substr(hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = (SELECT MAX(seq) FROM audit_log)",
    ).run();
    const third = await check.measure();
    expect(third.value).toBe(1);
    expect(third.evidence).toContain('The audit chain is broken');
  });

  it('finds the row it verified last edited even when its stored hash was left as it was', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const audit = vault.core.services.custody.vault.repositories.audit;
    const check = auditChainCheck({ audit: () => audit, clock: vault.clock });
    expect((await check.measure()).value).toBe(0);
    const { db } = vault.core.services.custody.vault;
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET details = '{\"edited\":true}' WHERE seq = (SELECT MAX(seq) FROM audit_log)").run();
    const next = await check.measure();
    expect(next.value).toBe(1);
    expect(next.evidence).toContain('The audit chain is broken');
  });

  it('says so when the vault is locked instead of guessing', async () => {
    const check = auditChainCheck({ audit: () => null, clock: { now: () => 0 } });
    expect(await check.measure()).toEqual({ value: null, evidence: 'The vault is locked.' });
  });
});

describe('the free disk check', () => {
  it('measures nothing, and says why, when the backup drive is not connected', async () => {
    const check = freeDiskCheck('free-disk-backups', () => ({ path: '/media/not-plugged-in/backups', what: 'the backup folder' }));
    expect(await check.measure()).toEqual({ value: null, evidence: 'the backup folder (/media/not-plugged-in/backups) is not there.' });
  });
});

describe('the event-loop lag check', () => {
  it('reports the p99 delay since its last run, from a thread held on purpose', async () => {
    const check = eventLoopLagCheck();
    try {
      expect((await check.measure()).value).toBeNull();
      for (let i = 0; i < 12; i += 1) {
        const until = performance.now() + (i === 6 ? 200 : 2);
        while (performance.now() < until) { /* hold the thread */ }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const measured = await check.measure();
      expect(measured.value).toBeGreaterThanOrEqual(100);
      expect(measured.evidence).toMatch(/^p99 \d+\.\d ms, max/);
    } finally {
      check.close();
    }
  });
});

describe('the failed jobs check', () => {
  it('counts a scheduled backup whose last attempt failed after its last success, and checks that could not measure', () => {
    const base = {
      settings: { folder: '/b', schedule: '0 */6 * * *', enabled: true, retention: { keepLast: 1, daily: 0, weekly: 0, monthly: 0 } },
      lastSuccessAt: 1000, lastAttemptAt: 2000, lastError: null, verifications: {}, structureCheck: null,
    };
    const failing = { ...base, lastError: { at: 2000, code: 'UNAVAILABLE', message: 'The backup folder is not available' } };
    expect(failedJobsCheck({ state: () => base, failingJobs: () => [], failedChecks: () => [] }).measure()).toMatchObject({ value: 0 });
    expect(failedJobsCheck({ state: () => failing, failingJobs: () => [], failedChecks: () => ['wal-size'] }).measure()).toMatchObject({
      value: 2, evidence: expect.stringContaining('UNAVAILABLE: The backup folder is not available'),
    });
    // Fixed by a later success: no longer failing.
    expect(failedJobsCheck({ state: () => ({ ...failing, lastSuccessAt: 3000 }), failingJobs: () => [], failedChecks: () => [] }).measure()).toMatchObject({ value: 0 });
  });
});

describe('the backup schedule interval', () => {
  it('is the gap between the next two scheduled runs', () => {
    expect(scheduleInterval('0 */6 * * *', Date.UTC(2026, 0, 1, 7))).toBe(6 * 3_600_000);
    expect(scheduleInterval('0 3 * * *', Date.UTC(2026, 0, 1, 7))).toBe(24 * 3_600_000);
  });
});
