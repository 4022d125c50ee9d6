// Checkpoints the vault's WAL off the main thread, for writers that hold back SQLite's own
// checkpoint (imports: see workers/checkpoint-worker.ts for why). One at a time; a request while one
// runs joins it. A failure is logged, not thrown: the writes are committed either way, and the next
// write's automatic checkpoint copies whatever is left.
import { z } from 'zod';
import type { Logger } from '../platform/logger';
import { WorkerLauncher } from '../workers/worker-launcher';
import { VigilError } from '../../src-shared/errors';

const checkpointResultSchema = z.object({ framesInLog: z.number(), framesCheckpointed: z.number() });

export class BackgroundCheckpoint {
  private readonly workers = new WorkerLauncher();
  private running: Promise<void> | null = null;

  constructor(
    private readonly databasePath: string,
    /** A fresh copy of the data key; zeroed here once the worker has its own. */
    private readonly copyDataKey: () => Buffer,
    private readonly logger: Logger,
    private readonly nativeBinding?: string | undefined,
  ) {}

  run(): Promise<void> {
    this.running ??= this.checkpoint().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async close(): Promise<void> {
    await this.workers.terminateAll();
  }

  private async checkpoint(): Promise<void> {
    const dataKey = this.copyDataKey();
    try {
      const request = { databasePath: this.databasePath, ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) };
      const outcome = await this.workers.run('checkpoint-worker', { request, dataKey, result: checkpointResultSchema });
      if (outcome.framesCheckpointed < outcome.framesInLog) this.logger.log('info', 'a background checkpoint left frames a reader still needs', outcome);
    } catch (error) {
      this.logger.log('warn', 'a background checkpoint failed; the next write will checkpoint', { reason: error instanceof Error ? error.message : String(error), details: error instanceof VigilError ? error.details : undefined });
    } finally {
      dataKey.fill(0);
    }
  }
}
