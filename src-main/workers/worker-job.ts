// The worker side of one job: wait for the single job message, run the job, post progress and one
// result, then let the thread end. The data key copy is zeroed when the job finishes, whatever happens.
import { parentPort } from 'node:worker_threads';
import { wireErrorOf, type WorkerJobMessage, type WorkerReply } from './worker-messages';

export interface JobContext {
  /** The data key for this job (a view of the transferred copy: zeroed after `run` settles). */
  dataKey: Buffer;
  progress(progress: unknown): void;
}

export function serveOneJob(run: (request: unknown, job: JobContext) => Promise<unknown> | unknown): void {
  const port = parentPort;
  if (!port) throw new Error('serveOneJob runs inside a worker thread');
  port.once('message', (message: WorkerJobMessage<unknown>) => {
    const key = message.dataKey ?? new Uint8Array(0);
    // A view, not a copy: zeroing it zeroes the only copy this thread has.
    const dataKey = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    const post = (reply: WorkerReply) => port.postMessage(reply);
    const job: JobContext = { dataKey, progress: (progress) => post({ type: 'progress', progress }) };
    void (async () => {
      let reply: WorkerReply;
      try {
        reply = { type: 'done', result: await run(message.request, job) };
      } catch (error) {
        reply = { type: 'failed', error: wireErrorOf(error) };
      } finally {
        dataKey.fill(0);
      }
      post(reply);
      port.close();
    })();
  });
}
