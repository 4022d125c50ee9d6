// Long jobs a window started and may cancel (imports). The window picks the job id before it calls,
// so it can cancel while the call is still running; only the user who started a job may stop it.
import { VigilError } from '../../src-shared/errors';

export interface RunningJob {
  jobId: string;
  userId: string;
  signal: AbortSignal;
}

export class JobRegistry {
  private readonly running = new Map<string, { userId: string; controller: AbortController }>();

  /** Runs `work` as job `jobId`; the job is forgotten when it settles, whatever the outcome. */
  async run<T>(jobId: string, userId: string, work: (job: RunningJob) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new VigilError('CONFLICT', 'A job with this id is already running');
    const controller = new AbortController();
    this.running.set(jobId, { userId, controller });
    try {
      return await work({ jobId, userId, signal: controller.signal });
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string, userId: string): void {
    const job = this.running.get(jobId);
    // A job of someone else's is reported as absent: ids of other users' jobs are not confirmed.
    if (!job || job.userId !== userId) throw new VigilError('NOT_FOUND', 'No such running job');
    job.controller.abort();
  }

  get size(): number {
    return this.running.size;
  }
}

/** Throws CANCELLED when the job's signal was aborted; long loops call it between batches. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VigilError('CANCELLED', 'Cancelled; nothing was written');
}
