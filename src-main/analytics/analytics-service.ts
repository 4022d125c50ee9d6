// Stats reports and Home's overview computed off the main thread (workers/analytics-worker.ts), on a
// read connection of the worker's own, which also checks the range and zone (a bad one comes back as
// a typed error). The worker stays between reports (resident-launcher.ts) until the vault closes, it
// has been idle for IDLE_MS, or Vigil shuts down. Built once by the composition root.
import { z } from 'zod';
import type { Overview, StatsReport, TopEntities } from '../../src-shared/analytics-model';
import type { DurationBreakdown, DurationGrouping } from '../../src-shared/duration-breakdown-model';
import { ResidentWorker } from '../workers/resident-launcher';

type RangeInput = { from?: string | undefined; to?: string | undefined; timeZone: string };

type AnalyticsJob =
  | { kind: 'stats'; input: RangeInput }
  | { kind: 'topEntities'; input: RangeInput }
  | { kind: 'overview'; userId: string; timeZone: string }
  | { kind: 'durations'; input: DurationsInput };

type DurationsInput = RangeInput & { by: DurationGrouping };

/** A worker left without a report for this long is released (its memory and its copy of the key with it). */
const IDLE_MS = 5 * 60_000;

export class AnalyticsService {
  private readonly worker: ResidentWorker;

  constructor(
    databasePath: string,
    /** A fresh copy of the data key; zeroed once the worker has its own. */
    copyDataKey: () => Buffer,
    private readonly now: () => number,
    nativeBinding?: string | undefined,
    idleMs = IDLE_MS,
  ) {
    this.worker = new ResidentWorker({
      name: 'analytics-worker',
      idleMs,
      opening: () => ({ init: { databasePath, ...(nativeBinding ? { nativeBinding } : {}) }, dataKey: copyDataKey() }),
    });
  }

  /** Worker threads started so far (a report answered by the one already running starts none). */
  get workersStarted(): number {
    return this.worker.started;
  }

  stats(input: RangeInput): Promise<StatsReport> {
    return this.run({ kind: 'stats', input }, z.custom<StatsReport>((value) => typeof value === 'object' && value !== null && 'volumes' in value));
  }

  /** Time to triage / acknowledge / resolve over the range, broken down by one grouping. */
  durations(input: DurationsInput): Promise<DurationBreakdown> {
    return this.run({ kind: 'durations', input }, z.custom<DurationBreakdown>((value) => typeof value === 'object' && value !== null && 'by' in value && 'triage' in value));
  }

  /** The entities behind the most alerts of a range, with raw values (the caller masks them). */
  topEntities(input: RangeInput): Promise<TopEntities> {
    return this.run({ kind: 'topEntities', input }, z.custom<TopEntities>((value) => typeof value === 'object' && value !== null && 'entities' in value));
  }

  /** Home's overview for one user, in their zone. */
  overview(userId: string, timeZone: string): Promise<Overview> {
    return this.run({ kind: 'overview', userId, timeZone }, z.custom<Overview>((value) => typeof value === 'object' && value !== null && 'myQueue' in value));
  }

  private run<T>(job: AnalyticsJob, result: z.ZodType<T>): Promise<T> {
    return this.worker.run({ job, now: this.now() }, result);
  }

  /** Ends the worker, closing its connection: called when the vault closes (lock, restore, shutdown). */
  release(): Promise<void> {
    return this.worker.release();
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
