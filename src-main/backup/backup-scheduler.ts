// Runs scheduled backups while the app is open: a cron expression (croner, local time; default
// every 6 hours). A run is due when the first scheduled time after the last success has passed,
// so a run missed while the app was closed or locked is caught up at the next tick. Never two at
// once. A failure (the external drive is unplugged) is recorded, announced, and retried after
// `retryDelayMs` rather than waiting for the next slot.
import { RepeatingTimer } from '../platform/repeating-timer';
import { Cron } from 'croner';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventMap } from '../../src-shared/events';
import type { BackupService } from './backup-service';

export const DEFAULT_RETRY_DELAY_MS = 5 * 60_000;
const TICK_MS = 30_000;

export type TickOutcome = 'not_due' | 'vault_closed' | 'busy' | 'backed_up' | 'failed' | 'disabled';

export function assertValidSchedule(schedule: string): void {
  try {
    new Cron(schedule, { paused: true }).stop();
  } catch (error) {
    throw new VigilError('VALIDATION', 'Not a valid cron expression', { reason: error instanceof Error ? error.message : String(error) });
  }
}

export function nextScheduledAfter(schedule: string, after: number): number | null {
  const job = new Cron(schedule, { paused: true });
  try {
    return job.nextRun(new Date(after))?.getTime() ?? null;
  } finally {
    job.stop();
  }
}

export interface SchedulerDependencies {
  backups: BackupService;
  clock: Clock;
  /** Shows a notification in every open window (core.ts wires it to the event hub): a scheduled run has no caller to answer. */
  announce: (notification: EventMap['notification']) => void;
  logger: Logger;
  /** Whether the vault is unlocked (the data key is needed to back up). */
  vaultOpen: () => boolean;
  retryDelayMs?: number;
}

export class BackupScheduler {
  private readonly startedAt: number;
  private ticking: Promise<TickOutcome> | null = null;
  private readonly timer = new RepeatingTimer(TICK_MS, () => void this.tick());

  constructor(private readonly deps: SchedulerDependencies) {
    this.startedAt = deps.clock.now();
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** When the next scheduled run falls due (it may already be past: then the next tick runs it). */
  nextRunAt(): number | null {
    const state = this.deps.backups.state.read();
    if (!state.settings.enabled) return null;
    const failedLast = state.lastError !== null && state.lastError.at >= (state.lastSuccessAt ?? -Infinity);
    if (failedLast && state.lastError) return state.lastError.at + (this.deps.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
    return nextScheduledAfter(state.settings.schedule, state.lastSuccessAt ?? this.startedAt);
  }

  /** Runs a backup if one is due. Concurrent calls share the one in flight. */
  tick(): Promise<TickOutcome> {
    this.ticking ??= this.runIfDue().finally(() => { this.ticking = null; });
    return this.ticking;
  }

  private async runIfDue(): Promise<TickOutcome> {
    const { backups, clock, announce, logger } = this.deps;
    if (!backups.settings().enabled) return 'disabled';
    const due = this.nextRunAt();
    if (due === null || due > clock.now()) return 'not_due';
    if (!this.deps.vaultOpen()) return 'vault_closed';
    if (backups.running) return 'busy';
    try {
      await backups.create('scheduled');
    } catch (error) {
      const message = error instanceof VigilError ? error.message : 'The scheduled backup failed';
      announce({ level: 'error', message: `Scheduled backup failed: ${message}. Retrying in a few minutes.` });
      return 'failed';
    }
    try {
      backups.prune();
    } catch (error) {
      logger.log('warn', 'pruning after a scheduled backup failed', { error: error instanceof Error ? error.message : String(error) });
    }
    return 'backed_up';
  }
}
