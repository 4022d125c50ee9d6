// Raises an anomalous day of alert volume as an alert in the triage queue, so a surge reaches the
// people who watch the queue, not only those who open Home. Once a completed day's count exceeds its
// seasonal bound (anomaly-scoring.ts) and nobody marked it as expected, one alert is written with
// source `vigil`, rule `volume-anomaly`, severity medium. Idempotent: the alert's external id is the
// series and date, so a day is raised once however often the check runs. Checked hourly while the app
// is open, over the last 7 completed days, so days that ended while it was closed are caught up.
import { RepeatingTimer } from '../platform/repeating-timer';
import type { DayAnomaly } from '../../src-shared/analytics-model';
import { AlertWriter } from '../alerts/alert-writer';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { MainWriteTurn } from '../store/write-turn';
import { localDate } from '../platform/zoned-time';
import type { Repositories } from '../repositories';
import type { AnalyticsService } from './analytics-service';
import type { ScheduledJobOutcomes } from '../jobs/scheduled-jobs';

export const VOLUME_ANOMALY_SOURCE = 'vigil';
export const VOLUME_ANOMALY_RULE = 'volume-anomaly';
const CHECK_EVERY_MS = 60 * 60_000;
/** After the vault opens: soon, not at once, so the check does not compete with the sign-in's own reads. */
const CHECK_AFTER_OPEN_MS = 60_000;
const DAYS_CHECKED = 7;
const DAY = 86_400_000;

export type AnomalyCheckOutcome =
  | { kind: 'vault-closed' }
  | { kind: 'busy' }
  | { kind: 'insufficient-history' }
  | { kind: 'checked'; flagged: number; raised: string[] };

export interface VolumeAnomalyDependencies {
  analytics: Pick<AnalyticsService, 'stats'>;
  /** The open vault's repositories, or null while it is locked or closed. */
  repositories: () => Repositories | null;
  clock: Clock;
  logger: Logger;
  /** The zone days are counted in: the system's, as the window's analytics use. */
  timeZone: () => string;
  /** Called when alerts were raised, so open triage queues read them (data.changed). */
  raised?: () => void;
  /** The vault's write turn, which the alerts' transaction asks for (store/write-turn.ts). */
  writeTurn: MainWriteTurn;
  /** Where a check that ran or failed is recorded, for the failed-jobs health check. */
  scheduledJobs?: ScheduledJobOutcomes;
}

export const volumeAnomalyExternalId = (date: string) => `${VOLUME_ANOMALY_RULE}:alerts:${date}`;

const round = (n: number) => (Math.round(n * 10) / 10).toString();

export function volumeAnomalyAlertText(day: DayAnomaly, timeZone: string): { title: string; description: string } {
  return {
    title: `Alert volume anomaly on ${day.date}: ${day.count} alerts (expected ${round(day.expected)}, bound ${round(day.upperBound)})`,
    description: [
      `${day.count} alerts occurred on ${day.date} (${timeZone}), above the upper bound of ${round(day.upperBound)}.`,
      `Expected ${round(day.expected)}: the mean of the same weekday on ${day.baseline.join(', ')}; dispersion ${round(day.dispersion)}.`,
      'Bound: expected + 2.33 × √(dispersion × expected), a one-sided 99 % seasonal quasi-Poisson bound (docs/METRICS.md, "Anomalies").',
      'If the surge was planned (a campaign, a backfill), mark the day as expected on Home.',
    ].join('\n'),
  };
}

export class VolumeAnomalyAlerts {
  private readonly timer = new RepeatingTimer(CHECK_EVERY_MS, () => this.checkLogged());
  private soonTimer: NodeJS.Timeout | null = null;
  private running: Promise<AnomalyCheckOutcome> | null = null;

  constructor(private readonly deps: VolumeAnomalyDependencies) {}

  start(): void {
    this.timer.start();
  }

  /** A check a minute from now (the vault just opened: days may have ended while it was locked or closed). */
  soon(): void {
    if (!this.timer.running || this.soonTimer) return;
    this.soonTimer = setTimeout(() => { this.soonTimer = null; this.checkLogged(); }, CHECK_AFTER_OPEN_MS);
    this.soonTimer.unref();
  }

  stop(): void {
    this.timer.stop();
    if (this.soonTimer) clearTimeout(this.soonTimer);
    this.soonTimer = null;
  }

  private checkLogged(): void {
    this.check().then((outcome) => {
      if (outcome.kind === 'checked' && outcome.raised.length > 0) {
        this.deps.logger.log('info', 'volume anomalies raised', { days: outcome.raised.length });
        this.deps.raised?.();
      }
    }).catch((error: unknown) => {
      this.deps.logger.log('warn', 'volume anomaly check failed', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  /** Checks the last 7 completed days now; never two checks at once. */
  check(): Promise<AnomalyCheckOutcome> {
    if (this.running) return Promise.resolve({ kind: 'busy' });
    this.running = this.run().then((outcome) => {
      // A locked vault is a check that did not run: it leaves the job as it was.
      if (outcome.kind !== 'vault-closed') this.deps.scheduledJobs?.succeeded('volume-anomaly-check', this.deps.clock.now());
      return outcome;
    }, (error: unknown) => {
      this.deps.scheduledJobs?.failed('volume-anomaly-check', this.deps.clock.now(), error);
      throw error;
    }).finally(() => { this.running = null; });
    return this.running;
  }

  private async run(): Promise<AnomalyCheckOutcome> {
    if (!this.deps.repositories()) return { kind: 'vault-closed' };
    const timeZone = this.deps.timeZone();
    const today = localDate(this.deps.clock.now(), timeZone);
    const dateBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
    const report = await this.deps.analytics.stats({ from: dateBefore(today, DAYS_CHECKED), to: dateBefore(today, 1), timeZone });
    const scored = report.anomalies.days.alerts;
    if (scored.kind !== 'scored') return { kind: 'insufficient-history' };
    const due = scored.flagged.filter((day) => !day.partial && day.mark === null);
    // Written in the vault's write turn: this runs off a timer, outside any router call.
    return this.deps.writeTurn.run(() => this.raise(due, scored.flagged.length, timeZone));
  }

  private raise(due: readonly DayAnomaly[], flagged: number, timeZone: string): AnomalyCheckOutcome {
    // The vault may have locked while the worker computed.
    const repos = this.deps.repositories();
    if (!repos) return { kind: 'vault-closed' };
    const raised: string[] = [];
    // The title holds the date, so two days raised in one run never fold into one alert.
    const writer = new AlertWriter(repos.db, repos.row, null, { dedup: { parts: ['source', 'rule', 'title'], bucketMs: 0 } });
    repos.db.transaction(() => {
      for (const day of due) {
        const text = volumeAnomalyAlertText(day, timeZone);
        const outcome = writer.write({
          source: VOLUME_ANOMALY_SOURCE, externalId: volumeAnomalyExternalId(day.date), rule: VOLUME_ANOMALY_RULE, ...text,
          severity: 'medium', occurredAt: this.deps.clock.now(), entities: [], primaryEntity: null, importId: null, raw: null,
        });
        if (outcome !== 'inserted') continue;
        raised.push(day.date);
        repos.audit.append({
          actor: { id: null, name: 'vigil' }, action: 'alerts.volumeAnomaly', target: volumeAnomalyExternalId(day.date), outcome: 'success',
          details: { date: day.date, count: day.count, expected: day.expected, upperBound: day.upperBound, timeZone },
        });
      }
      writer.flush();
    })();
    return { kind: 'checked', flagged, raised };
  }
}
