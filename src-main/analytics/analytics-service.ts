// Stats reports and Home's overview computed off the main thread (workers/analytics-worker.ts), on a
// read connection of the worker's own, which also checks the range and zone (a bad one comes back as
// a typed error). Built once by the composition root.
import { z } from 'zod';
import type { Overview, StatsReport, TopEntities } from '../../src-shared/analytics-model';
import { WorkerLauncher } from '../workers/worker-launcher';

type RangeInput = { from?: string | undefined; to?: string | undefined; timeZone: string };

type AnalyticsJob =
  | { kind: 'stats'; input: RangeInput }
  | { kind: 'topEntities'; input: RangeInput }
  | { kind: 'overview'; userId: string; timeZone: string };

export class AnalyticsService {
  private readonly workers = new WorkerLauncher();

  constructor(
    private readonly databasePath: string,
    /** A fresh copy of the data key; zeroed here once the worker has its own. */
    private readonly copyDataKey: () => Buffer,
    private readonly now: () => number,
    private readonly nativeBinding?: string | undefined,
  ) {}

  stats(input: { from?: string | undefined; to?: string | undefined; timeZone: string }): Promise<StatsReport> {
    return this.run({ kind: 'stats', input }, z.custom<StatsReport>((value) => typeof value === 'object' && value !== null && 'volumes' in value));
  }

  /** The entities behind the most alerts of a range, with raw values (the caller masks them). */
  topEntities(input: RangeInput): Promise<TopEntities> {
    return this.run({ kind: 'topEntities', input }, z.custom<TopEntities>((value) => typeof value === 'object' && value !== null && 'entities' in value));
  }

  /** Home's overview for one user, in their zone. */
  overview(userId: string, timeZone: string): Promise<Overview> {
    return this.run({ kind: 'overview', userId, timeZone }, z.custom<Overview>((value) => typeof value === 'object' && value !== null && 'myQueue' in value));
  }

  private async run<T>(job: AnalyticsJob, result: z.ZodType<T>): Promise<T> {
    const dataKey = this.copyDataKey();
    try {
      const request = { databasePath: this.databasePath, job, now: this.now(), ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) };
      return await this.workers.run('analytics-worker', { request, dataKey, result });
    } finally {
      dataKey.fill(0);
    }
  }

  close(): Promise<void> {
    return this.workers.terminateAll();
  }
}
