// Scheduled work that failed and has not succeeded since: the scheduled backup (its last error is
// newer than its last success; backup-state.json) and any health check that could not measure.
// A failure the job's own retry fixes before the pending period ends never fires.
import type { BackupState } from '../../backup/backup-state';
import type { HealthCheck } from '../health-check';

export function failedJobsCheck(sources: { state: () => BackupState; failedChecks: () => readonly string[] }): HealthCheck {
  return {
    id: 'failed-jobs',
    everyMs: 60_000,
    measure() {
      const failures: string[] = [];
      const state = sources.state();
      const error = state.lastError;
      if (state.settings.enabled && error && error.at >= (state.lastSuccessAt ?? -Infinity)) {
        failures.push(`the scheduled backup failed at ${new Date(error.at).toISOString()} (${error.code}: ${error.message})`);
      }
      for (const check of sources.failedChecks()) failures.push(`the health check "${check}" could not measure`);
      return { value: failures.length, evidence: failures.length === 0 ? 'No scheduled job is failing.' : `Failing: ${failures.join('; ')}.` };
    },
  };
}
