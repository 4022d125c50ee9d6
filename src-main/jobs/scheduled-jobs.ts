// What the app's scheduled jobs did last, so the failed-jobs health check sees a job that fails
// instead of a line in the log: a job is failing from its first failure after its last success until
// its next success. Each job records a run that completed or failed; a run that could not start (the
// vault locked, another run in flight) records nothing and leaves the job as it was.
//
// Held in memory, and kept across lock and unlock (the jobs are the same ones): the check reads it
// every minute, and after a restart every job runs again soon (the security scan, the SLA watch and
// the anomaly check within a minute of the vault opening, a structure check still due within 30 s,
// retention within the hour), so a failure a restart forgets is found again by the job itself. The
// scheduled backup keeps its own record in backup-state.json, which survives a restart; the check
// reads that one for it.

/** Every scheduled job the failed-jobs check names, as a person reads it in the evidence. */
export const SCHEDULED_JOB_LABELS = {
  /** Read from backup-state.json (backup/backup-scheduler.ts), not recorded here. */
  'scheduled-backup': 'the scheduled backup',
  'vault-structure-check': 'the nightly vault structure check',
  'volume-anomaly-check': 'the hourly alert-volume anomaly check',
  'security-scan': "the security monitor's scan of the audit log",
  'retention-run': 'the daily retention run',
  'sla-watch': 'the SLA watch (due-time notifications)',
  // The background WAL checkpoint is not here: it runs after imports, on request, not on a schedule.
} as const;

/** The jobs that record their runs here. */
export type ScheduledJobName = Exclude<keyof typeof SCHEDULED_JOB_LABELS, 'scheduled-backup'>;

export interface FailingJob {
  name: ScheduledJobName;
  /** The first failure after the last success. */
  since: number;
  /** Failed runs since then. */
  failures: number;
  /** The latest failure's message. */
  lastError: string;
  /** The last run that completed, null when none has since the app started. */
  lastSucceededAt: number | null;
}

/** What a job needs to record its runs (an optional dependency: a job built without it records nothing). */
export type ScheduledJobOutcomes = Pick<ScheduledJobs, 'succeeded' | 'failed'>;

export class ScheduledJobs {
  private readonly failingJobs = new Map<ScheduledJobName, Omit<FailingJob, 'lastSucceededAt'>>();
  private readonly lastSuccesses = new Map<ScheduledJobName, number>();

  /** A run of `name` completed: the job is no longer failing. */
  succeeded(name: ScheduledJobName, at: number): void {
    this.failingJobs.delete(name);
    this.lastSuccesses.set(name, at);
  }

  /** A run of `name` failed with `error` (an Error's message, or the value as text). */
  failed(name: ScheduledJobName, at: number, error: unknown): void {
    const lastError = error instanceof Error ? error.message : String(error);
    const failing = this.failingJobs.get(name);
    this.failingJobs.set(name, failing
      ? { ...failing, failures: failing.failures + 1, lastError }
      : { name, since: at, failures: 1, lastError });
  }

  /** The jobs failing now, in the order of SCHEDULED_JOB_LABELS (the evidence reads the same at every run). */
  failing(): FailingJob[] {
    return (Object.keys(SCHEDULED_JOB_LABELS) as Array<keyof typeof SCHEDULED_JOB_LABELS>)
      .flatMap((name) => {
        const failing = name === 'scheduled-backup' ? undefined : this.failingJobs.get(name);
        return failing ? [{ ...failing, lastSucceededAt: this.lastSuccesses.get(failing.name) ?? null }] : [];
      });
  }
}
