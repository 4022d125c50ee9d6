// Scheduled work that failed and has not succeeded since: the scheduled backup (its last error is
// newer than its last success; backup-state.json, which survives a restart), every other scheduled
// job that records its runs (jobs/scheduled-jobs.ts: the nightly structure check, the anomaly check,
// the security scan, the retention run, the SLA watch), and any health check that could not measure.
// A failure the job's own retry fixes before the pending period ends never fires.
import type { BackupState } from '../../backup/backup-state';
import { SCHEDULED_JOB_LABELS, type FailingJob } from '../../jobs/scheduled-jobs';
import type { HealthCheck } from '../health-check';

export interface FailedJobsSources {
  state: () => BackupState;
  failingJobs: () => readonly FailingJob[];
  failedChecks: () => readonly string[];
}

const iso = (at: number) => new Date(at).toISOString();

function failingJobEvidence(job: FailingJob): string {
  const runs = job.failures === 1 ? '1 failed run' : `${job.failures} failed runs`;
  const lastSuccess = job.lastSucceededAt === null ? 'no success since the app started' : `last success ${iso(job.lastSucceededAt)}`;
  return `${SCHEDULED_JOB_LABELS[job.name]} has failed since ${iso(job.since)} (${runs}, ${lastSuccess}; last error: ${job.lastError})`;
}

export function failedJobsCheck(sources: FailedJobsSources): HealthCheck {
  return {
    id: 'failed-jobs',
    everyMs: 60_000,
    measure() {
      const failures: string[] = [];
      const state = sources.state();
      const error = state.lastError;
      if (state.settings.enabled && error && error.at >= (state.lastSuccessAt ?? -Infinity)) {
        failures.push(`${SCHEDULED_JOB_LABELS['scheduled-backup']} failed at ${iso(error.at)} (${error.code}: ${error.message})`);
      }
      for (const job of sources.failingJobs()) failures.push(failingJobEvidence(job));
      for (const check of sources.failedChecks()) failures.push(`the health check "${check}" could not measure`);
      return { value: failures.length, evidence: failures.length === 0 ? 'No scheduled job is failing.' : `Failing: ${failures.join('; ')}.` };
    },
  };
}
