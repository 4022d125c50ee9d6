// How old the last verified backup is, in intervals of the backup schedule: the backup folder as
// it is (each file's footer, later verifications from backup-state.json), never a record of what
// was meant to happen. A backup whose last verification failed does not count. 1 interval is a
// schedule kept; the thresholds (1.5 and 3 by default) mean one and two scheduled backups missed.
// A vault never backed up counts from the day it was set up. With scheduled backups turned off the
// schedule still says how often the administrator meant backups to be made, so it is judged the same
// way (and the evidence says they are off).
import type { BackupState } from '../../backup/backup-state';
import { nextScheduledAfter } from '../../backup/backup-scheduler';
import type { BackupListing } from '../../../src-shared/backup-model';
import type { Clock } from '../../platform/clock';
import type { HealthCheck } from '../health-check';
import { duration, rounded } from '../health-check';

export interface BackupAgeSources {
  list: () => BackupListing[];
  state: () => BackupState;
  /** When the vault was set up, or null when there is none yet. */
  vaultCreatedAt: () => number | null;
  clock: Clock;
}

/** The time between two scheduled backups, measured at `at` (a cron schedule's gaps can differ: the one starting next is used). */
export function scheduleInterval(schedule: string, at: number): number | null {
  const first = nextScheduledAfter(schedule, at);
  const second = first === null ? null : nextScheduledAfter(schedule, first);
  return first === null || second === null ? null : second - first;
}

export function backupAgeCheck(sources: BackupAgeSources): HealthCheck {
  return {
    id: 'backup-age',
    everyMs: 60_000,
    measure() {
      const now = sources.clock.now();
      const state = sources.state();
      const { schedule } = state.settings;
      const interval = scheduleInterval(schedule, now);
      if (interval === null || interval <= 0) return { value: null, evidence: `The schedule "${schedule}" has no next run.` };
      const latest = sources.list().find((backup) => backup.verifiedOk === true);
      const since = latest?.createdAt ?? sources.vaultCreatedAt();
      if (since === null) return { value: null, evidence: 'No vault yet.' };
      const age = Math.max(0, now - since);
      const scheduleText = state.settings.enabled
        ? `the schedule "${schedule}" backs up every ${duration(interval)}`
        : `scheduled backups are OFF (judged against the schedule "${schedule}", every ${duration(interval)})`;
      const what = latest
        ? `The last verified backup (${latest.fileName}) is ${duration(age)} old`
        : `No verified backup in ${state.settings.folder}; the vault was set up ${duration(age)} ago`;
      return { value: rounded(age / interval), evidence: `${what}; ${scheduleText}.` };
    },
  };
}
