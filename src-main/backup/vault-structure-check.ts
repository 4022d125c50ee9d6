// The nightly structural check of the live vault: SQLite's integrity_check (every b-tree walked, every
// index against its table, NOT NULL and CHECK constraints) in the backup worker, on a read-only
// connection of its own. Backups no longer run it (they authenticate every page instead, which is
// what a copy can damage); structure is what a copy faithfully carries, so it is checked at the
// source, once a night, and on a restore's copy before the swap. Due at the first tick after 03:00
// local time following the last check, so a night the app was closed is caught up when it next runs
// (a vault never checked is checked at the first tick). Each run is audited (`vault.structure_checked`,
// outcome success or failure) and remembered in backup-state.json; damage is announced to every window.
import { RepeatingTimer } from '../platform/repeating-timer';
import { VigilError } from '../../src-shared/errors';
import type { EventMap } from '../../src-shared/events';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { AuditLog } from '../audit/audit-log';
import type { MainWriteTurn } from '../store/write-turn';
import type { ScheduledJobOutcomes } from '../jobs/scheduled-jobs';
import type { BackupService } from './backup-service';
import { nextScheduledAfter } from './backup-scheduler';

/** Every night at 03:00 local time (croner syntax). */
export const STRUCTURE_CHECK_SCHEDULE = '0 3 * * *';
/** After a check that could not run (the worker failed), wait this long before the next attempt. */
const RETRY_DELAY_MS = 15 * 60_000;
const TICK_MS = 30_000;

export type StructureCheckOutcome = 'not_due' | 'vault_closed' | 'busy' | 'ok' | 'damaged' | 'failed';

export interface StructureCheckDependencies {
  backups: Pick<BackupService, 'state' | 'running' | 'checkLiveStructure'>;
  clock: Clock;
  logger: Logger;
  announce: (notification: EventMap['notification']) => void;
  /** The open vault's audit log, or null while it is locked or closed. */
  audit: () => Pick<AuditLog, 'append'> | null;
  /** The vault's write turn, which the audit row asks for (store/write-turn.ts). */
  writeTurn: MainWriteTurn;
  schedule?: string;
  /** Where a check that ran or failed is recorded, for the failed-jobs health check. */
  scheduledJobs?: ScheduledJobOutcomes;
}

export class VaultStructureCheck {
  private readonly timer = new RepeatingTimer(TICK_MS, () => void this.tick().catch((error: unknown) => {
    // The check ran, but keeping or auditing its verdict failed.
    this.deps.logger.log('warn', 'the nightly structure check failed', { error: error instanceof Error ? error.message : String(error) });
  }));
  private ticking: Promise<StructureCheckOutcome> | null = null;
  private notBefore = 0;

  constructor(private readonly deps: StructureCheckDependencies) {}

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** When the next check falls due (it may be past: then the next tick runs it). */
  nextRunAt(): number | null {
    const last = this.deps.backups.state.read().structureCheck;
    const due = last === null ? this.deps.clock.now() : nextScheduledAfter(this.deps.schedule ?? STRUCTURE_CHECK_SCHEDULE, last.at);
    return due === null ? null : Math.max(due, this.notBefore);
  }

  /** Runs the check if it is due. Concurrent calls share the one in flight. */
  tick(): Promise<StructureCheckOutcome> {
    this.ticking ??= this.runIfDue().catch((error: unknown) => {
      this.deps.scheduledJobs?.failed('vault-structure-check', this.deps.clock.now(), error);
      throw error;
    }).finally(() => { this.ticking = null; });
    return this.ticking;
  }

  private async runIfDue(): Promise<StructureCheckOutcome> {
    const { backups, clock, logger } = this.deps;
    const due = this.nextRunAt();
    if (due === null || due > clock.now()) return 'not_due';
    if (this.deps.audit() === null) return 'vault_closed';
    // A backup, verification or restore reads the same file on the same worker launcher: try next tick.
    if (backups.running) return 'busy';
    let problems: string[];
    try {
      problems = (await backups.checkLiveStructure()).problems;
    } catch (error) {
      // A backup operation was running or started meanwhile (it cancels the check): try again later.
      if (error instanceof VigilError && (error.code === 'CONFLICT' || error.code === 'CANCELLED')) return 'busy';
      this.notBefore = clock.now() + RETRY_DELAY_MS;
      logger.log('warn', 'the nightly structure check could not run', { error: error instanceof Error ? error.message : String(error) });
      this.deps.scheduledJobs?.failed('vault-structure-check', clock.now(), error);
      return 'failed';
    }
    const at = clock.now();
    const ok = problems.length === 0;
    backups.state.update((s) => { s.structureCheck = { at, ok, problems }; });
    // The vault may have locked while the worker checked: the verdict is kept in the state file either way.
    // In the vault's write turn: this runs off a timer, outside any router call.
    await this.deps.writeTurn.run(() => this.deps.audit()?.append({
      actor: { id: null, name: 'vigil' }, action: 'vault.structure_checked', target: null, outcome: ok ? 'success' : 'failure',
      details: ok ? { check: 'integrity_check' } : { check: 'integrity_check', problems },
    }));
    // The job did its work even when it found damage: damage is the vault-structure check's to report.
    this.deps.scheduledJobs?.succeeded('vault-structure-check', clock.now());
    if (!ok) {
      logger.log('error', 'the vault fails integrity_check', { problems });
      this.deps.announce({
        level: 'error',
        message: 'The nightly check found damage in the vault database. Verify your latest backups and restore one; details are in the audit log.',
      });
      return 'damaged';
    }
    return 'ok';
  }
}
