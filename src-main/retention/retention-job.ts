// The daily retention run: while the policy is enabled, once a day (checked hourly, so a day the app
// was closed is caught up at the next hour it is open), in the vault's write turn, as the `vigil`
// actor. An explicit apply (channel, CLI) runs the same function whether enabled or not.
import type { RetentionOutcome } from '../../src-shared/retention-contract';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { RepeatingTimer } from '../platform/repeating-timer';
import type { Repositories } from '../repositories';
import type { MainWriteTurn } from '../store/write-turn';
import { applyRetention } from './retention-apply';
import { readRetentionPolicy } from './retention-policy';
import type { ScheduledJobOutcomes } from '../jobs/scheduled-jobs';

const CHECK_EVERY_MS = 60 * 60_000;
const DAY = 86_400_000;

export type RetentionJobOutcome = { kind: 'vault-closed' } | { kind: 'disabled' } | { kind: 'not-due'; lastRunAt: number } | { kind: 'applied'; outcome: RetentionOutcome };

export interface RetentionJobDependencies {
  repositories: () => Repositories | null;
  clock: Clock;
  logger: Logger;
  writeTurn: MainWriteTurn;
  /** Called after a run that removed something, so open windows read again. */
  applied?: () => void;
  /** Where a run that completed or failed is recorded, for the failed-jobs health check. */
  scheduledJobs?: ScheduledJobOutcomes;
}

/** When retention last ran (any `retention.applied` row, a scheduled or an explicit one), or null. */
export function lastRetentionRunAt(repos: Repositories): number | null {
  return repos.db.prepare<[], number>(
    "SELECT at FROM audit_log WHERE action = 'retention.applied' AND outcome = 'success' ORDER BY seq DESC LIMIT 1",
  ).pluck().get() ?? null;
}

export class RetentionJob {
  private readonly timer = new RepeatingTimer(CHECK_EVERY_MS, () => this.runLogged());

  constructor(private readonly deps: RetentionJobDependencies) {}

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  private runLogged(): void {
    this.runIfDue().then((result) => {
      if (result.kind !== 'applied') return;
      const k = result.outcome.kinds;
      this.deps.logger.log('info', 'retention applied', {
        investigations: k.closedInvestigations.items, alerts: k.dismissedAlerts.items + k.closedInvestigations.alerts, evidence: k.evidence.items,
      });
      this.deps.applied?.();
    }).catch((error: unknown) => {
      this.deps.logger.log('error', 'the retention run failed; nothing was removed', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  /**
   * Applies the policy when it is enabled and the last run is a day old or more. Turned off or not due
   * counts as a run that completed (nothing is failing); a locked vault as one that did not run.
   */
  runIfDue(): Promise<RetentionJobOutcome> {
    const { scheduledJobs, clock } = this.deps;
    return this.applyIfDue().then((result) => {
      if (result.kind !== 'vault-closed') scheduledJobs?.succeeded('retention-run', clock.now());
      return result;
    }, (error: unknown) => {
      scheduledJobs?.failed('retention-run', clock.now(), error);
      throw error;
    });
  }

  private applyIfDue(): Promise<RetentionJobOutcome> {
    return this.deps.writeTurn.run((): RetentionJobOutcome => {
      const repos = this.deps.repositories();
      if (!repos) return { kind: 'vault-closed' };
      if (!readRetentionPolicy(repos.settings).enabled) return { kind: 'disabled' };
      const lastRunAt = lastRetentionRunAt(repos);
      if (lastRunAt !== null && this.deps.clock.now() - lastRunAt < DAY) return { kind: 'not-due', lastRunAt };
      return { kind: 'applied', outcome: applyRetention(repos, { id: null, name: 'vigil' }) };
    });
  }
}
