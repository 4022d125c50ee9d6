// A worker thread that stays between jobs: it opens what its jobs read once (analytics: a read-only
// connection to the vault) and serves them one after another. A job worker (worker-launcher.ts)
// pays a thread start, a module load and a cold page cache every time: at 1M alerts a stats report
// on a fresh connection took 2–3× as long as on a warm one, measured. The worker stays until it is
// released: when the vault closes (its key must not outlive the vault's), after an idle spell, at
// shutdown. The next job after a release starts a new one.
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { locateWorkerEntry, type WorkerEntryName } from './worker-launcher';
import { residentReplySchema, vigilErrorOf, type ResidentMessage } from './worker-messages';

export interface ResidentWorkerOptions {
  name: WorkerEntryName;
  /** What a new worker opens: its init message and a copy of the data key, zeroed here once sent. */
  opening(): { init: unknown; dataKey: Buffer | null };
  /** Released after this long without a job. */
  idleMs: number;
  /** After its thread ended, however it ended (a worker that writes frees the write turn it may hold). */
  onExit?: () => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: VigilError): void;
}

/** The id a worker's reply carries when opening failed: every job waiting on it fails with it. */
const OPEN_FAILED = 0;

export class ResidentWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = OPEN_FAILED + 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Threads started so far: a job served by the worker already running starts none. */
  private starts = 0;

  constructor(private readonly options: ResidentWorkerOptions) {}

  get started(): number {
    return this.starts;
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  /** Runs one job on the resident worker (started first if none is), its result checked by `result`. */
  run<Result>(request: unknown, result: z.ZodType<Result>): Promise<Result> {
    if (this.closed) return Promise.reject(new VigilError('UNAVAILABLE', 'Vigil is shutting down'));
    const worker = this.worker ?? this.start();
    this.stopIdleTimer();
    // Held while a job waits for it (a command-line run must not end first), let go when idle.
    worker.ref();
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<Result>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (value) => {
          const parsed = result.safeParse(value);
          if (parsed.success) resolve(parsed.data);
          else reject(new VigilError('INTERNAL', 'A background worker returned a result that is not understood', { worker: this.options.name }));
        },
        reject,
      });
      this.post(worker, { type: 'job', id, request });
    });
  }

  /**
   * Ends the worker (it closes what it opened first); jobs still waiting fail with CANCELLED. The
   * next `run` starts a new one.
   */
  async release(reason = 'The job was stopped because the vault closed'): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.forget(worker, new VigilError('CANCELLED', reason));
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.post(worker, { type: 'close' });
    // A job still running holds the thread; it is not worth waiting for.
    const stop = setTimeout(() => void worker.terminate(), 1000);
    await exited;
    clearTimeout(stop);
  }

  /** Releases the worker and refuses new jobs. */
  async close(): Promise<void> {
    this.closed = true;
    await this.release('The job was stopped because Vigil is shutting down');
  }

  private start(): Worker {
    const entry = locateWorkerEntry(this.options.name);
    const worker = new Worker(entry.script, { eval: entry.eval });
    this.worker = worker;
    this.starts += 1;
    worker.on('message', (raw: unknown) => this.onReply(worker, raw));
    worker.on('error', (error) => this.forget(worker, new VigilError('INTERNAL', 'A background worker failed', { worker: this.options.name, reason: error.message })));
    worker.on('exit', () => {
      this.forget(worker, new VigilError('INTERNAL', 'A background worker stopped before it finished', { worker: this.options.name }));
      this.options.onExit?.();
    });
    const { init, dataKey } = this.options.opening();
    try {
      // A fresh, unpooled buffer: cloning a pooled Buffer's view would send its whole shared slab.
      const key = dataKey ? new Uint8Array(dataKey) : null;
      this.post(worker, { type: 'open', init, dataKey: key }, key ? [key.buffer] : []);
    } finally {
      dataKey?.fill(0);
    }
    return worker;
  }

  private onReply(worker: Worker, raw: unknown): void {
    const parsed = residentReplySchema.safeParse(raw);
    if (!parsed.success) {
      this.forget(worker, new VigilError('INTERNAL', 'A background worker sent a message that is not understood', { worker: this.options.name }));
      void worker.terminate();
      return;
    }
    const reply = parsed.data;
    if (reply.id === OPEN_FAILED && reply.type === 'failed') {
      this.forget(worker, vigilErrorOf(reply.error));
      return;
    }
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.type === 'done') waiting?.resolve(reply.result);
    else waiting?.reject(vigilErrorOf(reply.error));
    if (this.pending.size === 0) {
      worker.unref();
      this.startIdleTimer();
    }
  }

  /** Stops using `worker` (if it is still the current one): its waiting jobs fail with `reason`. */
  private forget(worker: Worker, reason: VigilError): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.stopIdleTimer();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const job of waiting) job.reject(reason);
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => void this.release('The worker was idle'), this.options.idleMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private post(worker: Worker, message: ResidentMessage, transfer: ArrayBuffer[] = []): void {
    worker.postMessage(message, transfer);
  }
}
