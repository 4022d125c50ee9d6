// Runs the health checks on their schedules while the vault is open (a tick every 15 s runs what is
// due), or all at once on demand; judges each measurement (health-evaluator.ts) and writes the run,
// the alert and its transitions in the vault's write turn. Checks run one after another and each
// is small or awaits work done elsewhere, so a sweep never holds the event loop for long
// (tests/perf/health.bench.ts). New, escalated and reminded alerts are handed to `notify`.
import { uuidv7 } from '../store/ids';
import { RepeatingTimer } from '../platform/repeating-timer';
import { VigilError } from '../../src-shared/errors';
import {
  HEALTH_CHECK_IDS, colourOf, levelRank, type AlertLevel, type HealthCheckId, type HealthCheckStatus, type HealthLevel, type HealthPolicy,
  type HealthStatus,
} from '../../src-shared/health-model';
import { HEALTH_CHECK_LABELS } from '../../src-shared/health-policy';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { MainWriteTurn } from '../store/write-turn';
import { EMPTY_CHECK_STATE, acknowledge, evaluate, resolveByHand, type CheckState, type Evaluation, type Measurement } from './health-evaluator';
import type { HealthCheck } from './health-check';
import type { CheckRun, HealthRepository } from './health-repository';

const TICK_MS = 15_000;

export interface HealthNotice {
  check: HealthCheckId;
  level: AlertLevel;
  message: string;
}

export interface HealthMonitorDependencies {
  checks: readonly HealthCheck[];
  clock: Clock;
  logger: Logger;
  writeTurn: MainWriteTurn;
  /** The open vault's health tables and the thresholds in force, or null while it is locked or closed. */
  vault: () => { health: HealthRepository; policy: HealthPolicy } | null;
  /** A new alert, an escalation or a reminder after the cooldown. */
  notify: (notice: HealthNotice) => void;
  /** Something the panel or the banner shows changed. */
  changed: () => void;
}

export class HealthMonitor {
  private readonly timer = new RepeatingTimer(TICK_MS, () => void this.sweep('due').catch((error: unknown) => {
    this.deps.logger.log('warn', 'the health sweep failed', { error: error instanceof Error ? error.message : String(error) });
  }));
  private states: Map<HealthCheckId, CheckState> | null = null;
  private runs = new Map<HealthCheckId, CheckRun>();
  private readonly failing = new Set<HealthCheckId>();
  private sweeping: Promise<number> | null = null;

  constructor(private readonly deps: HealthMonitorDependencies) {}

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** The vault closed: what was loaded from it is dropped (the next vault may be a restored one). */
  forget(): void {
    this.states = null;
    this.runs = new Map();
  }

  /** Checks that threw the last time they ran (failed-jobs reports them). */
  failedChecks(): readonly HealthCheckId[] {
    return [...this.failing];
  }

  /**
   * Runs the checks that are due ('due') or every check ('all'); returns how many ran. A sweep
   * already in flight is shared: a second one would measure the same moment twice.
   */
  sweep(which: 'due' | 'all'): Promise<number> {
    if (this.sweeping) return this.sweeping.then(() => (which === 'all' ? this.sweep('all') : 0));
    this.sweeping = this.runChecks(which).finally(() => { this.sweeping = null; });
    return this.sweeping;
  }

  private async runChecks(which: 'due' | 'all'): Promise<number> {
    if (!this.load()) return 0;
    let ran = 0;
    let changed = false;
    for (const check of this.deps.checks) {
      if (which === 'due' && (this.nextRunAt(check) ?? Infinity) > this.deps.clock.now()) continue;
      const measurement = await this.measure(check);
      // The vault may have locked while the check awaited the disk or the audit walk.
      const outcome = await this.deps.writeTurn.run(() => this.judge(check, measurement));
      if (outcome === null) break;
      ran += 1;
      changed ||= outcome;
    }
    if (ran > 0 || changed) this.deps.changed();
    return ran;
  }

  private async measure(check: HealthCheck): Promise<Measurement> {
    try {
      const measured = await check.measure();
      this.failing.delete(check.id);
      return measured;
    } catch (error) {
      this.failing.add(check.id);
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.log('warn', 'a health check could not measure', { check: check.id, error: reason });
      return { value: null, evidence: `Could not measure: ${reason}` };
    }
  }

  /** Judges one measurement and writes it; null when the vault is closed, else whether an alert changed. */
  private judge(check: HealthCheck, measurement: Measurement): boolean | null {
    const vault = this.deps.vault();
    const states = this.load();
    if (!vault || !states) return null;
    const now = this.deps.clock.now();
    const evaluation = evaluate({
      check: check.id, label: HEALTH_CHECK_LABELS[check.id].label, policy: vault.policy[check.id], state: states.get(check.id) ?? EMPTY_CHECK_STATE,
      measurement, now, newId: () => uuidv7(now),
    });
    const run: CheckRun = { check: check.id, ranAt: now, level: evaluation.state.alert?.level ?? 'ok', value: measurement.value, evidence: measurement.evidence };
    vault.health.record(run, evaluation.state.alert, evaluation.transitions);
    states.set(check.id, evaluation.state);
    this.runs.set(check.id, run);
    this.announce(check.id, evaluation);
    return evaluation.transitions.length > 0;
  }

  private announce(check: HealthCheckId, evaluation: Evaluation): void {
    if (evaluation.notify) this.deps.notify({ check, ...evaluation.notify });
    for (const t of evaluation.transitions) {
      if (t.kind === 'fired' || t.kind === 'escalated' || t.kind === 'resolved') {
        // Info: what the alert says reaches people through the panel, the banner and notifications; a command's stderr stays its own.
        this.deps.logger.log('info', `health alert ${t.kind}`, { check, level: t.level });
      }
    }
  }

  /** Loads the open alerts and latest runs from the vault once per opening; null while it is closed. */
  private load(): Map<HealthCheckId, CheckState> | null {
    const vault = this.deps.vault();
    if (!vault) return null;
    if (this.states) return this.states;
    const open = vault.health.open();
    this.states = new Map(HEALTH_CHECK_IDS.map((id) => [id, { alert: open.get(id) ?? null, pending: null }]));
    this.runs = vault.health.latest();
    return this.states;
  }

  nextRunAt(check: HealthCheck): number | null {
    const last = this.runs.get(check.id);
    return last ? last.ranAt + check.everyMs : this.deps.clock.now();
  }

  status(): HealthStatus {
    const states = this.load();
    if (!states) throw new VigilError('SESSION_LOCKED', 'The vault is locked');
    const checks: HealthCheckStatus[] = this.deps.checks.map((check) => {
      const state = states.get(check.id) ?? EMPTY_CHECK_STATE;
      const run = this.runs.get(check.id) ?? null;
      const level: HealthLevel = state.alert?.level ?? 'ok';
      const measuredNext = check.measuredNextAt?.() ?? null;
      return {
        check: check.id, ...HEALTH_CHECK_LABELS[check.id], level, colour: colourOf(level), value: run?.value ?? null,
        evidence: run?.evidence ?? 'Not run yet.', lastRunAt: run?.ranAt ?? null, nextRunAt: measuredNext ?? this.nextRunAt(check),
        pending: state.pending, alert: state.alert,
      };
    });
    const overall = checks.reduce<HealthLevel>((worst, c) => (levelRank(c.level) > levelRank(worst) ? c.level : worst), 'ok');
    const ranAt = [...this.runs.values()].map((r) => r.ranAt);
    return { checks, overall, checkedAt: ranAt.length > 0 ? Math.max(...ranAt) : null };
  }

  /** Someone saw the alert of `check`: no reminders until it escalates. Runs inside the caller's write turn. */
  acknowledge(check: HealthCheckId, by: string, note: string): HealthStatus {
    return this.byHand(check, (state, now) => acknowledge(state, by, now, note), 'No firing alert to acknowledge on this check');
  }

  /** Someone dealt with the cause: the alert is closed and the check starts again from ok. */
  resolve(check: HealthCheckId, by: string, note: string): HealthStatus {
    return this.byHand(check, (state, now) => resolveByHand(state, by, now, note), 'No open alert to resolve on this check');
  }

  private byHand(check: HealthCheckId, change: (state: CheckState, now: number) => Evaluation | null, refusal: string): HealthStatus {
    const vault = this.deps.vault();
    const states = this.load();
    if (!vault || !states) throw new VigilError('SESSION_LOCKED', 'The vault is locked');
    const now = this.deps.clock.now();
    const evaluation = change(states.get(check) ?? EMPTY_CHECK_STATE, now);
    if (!evaluation) throw new VigilError('CONFLICT', refusal, { check });
    // A resolution is written by its transition (the alert row is closed); an acknowledgement by the alert as it now stands.
    vault.health.recordTransitions(check, now, evaluation.state.alert, evaluation.transitions);
    states.set(check, evaluation.state);
    this.deps.changed();
    return this.status();
  }
}
