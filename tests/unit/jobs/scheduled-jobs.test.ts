// The record of scheduled jobs' outcomes: a job is failing from its first failure after its last
// success until its next success, and the failed-jobs health check reads it in one fixed order.
import { describe, expect, it } from 'vitest';
import { ScheduledJobs } from '../../../src-main/jobs/scheduled-jobs';

describe('the scheduled jobs record', () => {
  it('holds a job failing from its first failure, counting failures and keeping the latest error, until its next success', () => {
    const jobs = new ScheduledJobs();
    jobs.succeeded('retention-run', 1000);
    expect(jobs.failing()).toEqual([]);

    jobs.failed('retention-run', 2000, new Error('database is locked'));
    jobs.failed('retention-run', 3000, new Error('disk I/O error'));
    expect(jobs.failing()).toEqual([{ name: 'retention-run', since: 2000, failures: 2, lastError: 'disk I/O error', lastSucceededAt: 1000 }]);

    jobs.succeeded('retention-run', 4000);
    expect(jobs.failing()).toEqual([]);

    // Failing again later starts a new stretch, counted from that failure.
    jobs.failed('retention-run', 5000, 'worker exited with code 1');
    expect(jobs.failing()).toEqual([{ name: 'retention-run', since: 5000, failures: 1, lastError: 'worker exited with code 1', lastSucceededAt: 4000 }]);
  });

  it('says when a failing job has not succeeded since the app started', () => {
    const jobs = new ScheduledJobs();
    jobs.failed('sla-watch', 10, new Error('no such table: notifications'));
    expect(jobs.failing()).toEqual([{ name: 'sla-watch', since: 10, failures: 1, lastError: 'no such table: notifications', lastSucceededAt: null }]);
  });

  it("keeps each job's record apart and lists failing jobs in the table's order, whatever order they failed in", () => {
    const jobs = new ScheduledJobs();
    jobs.failed('sla-watch', 1, new Error('a'));
    jobs.failed('security-scan', 2, new Error('b'));
    jobs.failed('vault-structure-check', 3, new Error('c'));
    jobs.succeeded('security-scan', 4);
    expect(jobs.failing().map((job) => job.name)).toEqual(['vault-structure-check', 'sla-watch']);
  });

  it('hands out copies: a reader cannot change what the record holds', () => {
    const jobs = new ScheduledJobs();
    jobs.failed('volume-anomaly-check', 1, new Error('the analytics worker stopped'));
    const [first] = jobs.failing();
    if (first) first.failures = 99;
    expect(jobs.failing()[0]?.failures).toBe(1);
  });
});
