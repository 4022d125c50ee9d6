// Stats reports computed off the main thread (workers/analytics-worker.ts), on a read connection of
// the worker's own, which also checks the range and zone (a bad one comes back as a typed error).
// Built once by the composition root.
import { z } from 'zod';
import type { StatsReport } from '../../src-shared/analytics-model';
import { WorkerLauncher } from '../workers/worker-launcher';

export class AnalyticsService {
  private readonly workers = new WorkerLauncher();

  constructor(
    private readonly databasePath: string,
    /** A fresh copy of the data key; zeroed here once the worker has its own. */
    private readonly copyDataKey: () => Buffer,
    private readonly now: () => number,
    private readonly nativeBinding?: string | undefined,
  ) {}

  async stats(input: { from?: string | undefined; to?: string | undefined; timeZone: string }): Promise<StatsReport> {
    const dataKey = this.copyDataKey();
    try {
      const request = { databasePath: this.databasePath, input, now: this.now(), ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) };
      return await this.workers.run('analytics-worker', { request, dataKey, result: z.custom<StatsReport>((value) => typeof value === 'object' && value !== null && 'volumes' in value) });
    } finally {
      dataKey.fill(0);
    }
  }

  close(): Promise<void> {
    return this.workers.terminateAll();
  }
}
