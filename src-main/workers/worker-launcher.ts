// Runs a job in a worker thread so the main thread's event loop stays free (no IPC request may hold it for more than 50 ms): one worker
// per job, one job message in (the data key transferred with it), progress and one result out.
// Works from TypeScript sources (vitest, tsx: the entry is the `.ts` file, loaded through tsx) and
// from the build (electron-vite emits each worker entry as `out/main/<name>.js`, beside `cli.js`).
// Every live worker is terminated on cancel and at shutdown (`terminateAll`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import type { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { vigilErrorOf, workerReplySchema, type WorkerJobMessage } from './worker-messages';

/** Worker entries; each is a named input in electron.vite.config.ts. */
export type WorkerEntryName = 'backup-worker' | 'checkpoint-worker' | 'report-worker' | 'analytics-worker' | 'import-worker' | 'vault-upgrade-worker' | 'sync-worker';

interface EntryLocation {
  /** The module to run, or (from sources) a CommonJS bootstrap that registers tsx and imports it. */
  script: URL | string;
  eval: boolean;
}

/** Where the entry is: beside this file when running from sources, else beside the built entry points. */
export function locateWorkerEntry(name: WorkerEntryName, from: string = import.meta.url): EntryLocation {
  // VIGIL_WORKER_DIR names a folder of built workers to run instead, whatever runs this file: the
  // serial event-loop tests measure the workers as shipped. A worker started from sources compiles
  // its TypeScript at start (tsx, esbuild), which on two cores starved the main thread for 300–440 ms
  // in one backup run of three (measured; built workers: 27–50 ms), a cost the packaged app never pays.
  const builtDir = process.env.VIGIL_WORKER_DIR;
  if (builtDir) {
    const url = pathToFileURL(`${builtDir}/${name}.js`);
    if (!existsSync(fileURLToPath(url))) throw new VigilError('UNAVAILABLE', `No built worker in ${builtDir}: run npm run build`, { worker: name });
    return { script: url, eval: false };
  }
  if (from.endsWith('.ts')) {
    // From sources the worker must load TypeScript too. Loader hooks registered with --import do not
    // reach a worker's own entry on Node 20, so a small bootstrap registers tsx inside the worker
    // first (found from this file, not from the cwd) and then imports the entry.
    const tsxApi = pathToFileURL(createRequire(from).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL(`./${name}.ts`, from).href;
    return {
      script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
      eval: true,
    };
  }
  // Built: this code sits in out/main/ or in a shared chunk under out/main/chunks/.
  for (const candidate of [`./${name}.js`, `../${name}.js`]) {
    const url = new URL(candidate, from);
    if (existsSync(fileURLToPath(url))) return { script: url, eval: false };
  }
  throw new VigilError('UNAVAILABLE', 'A background worker is missing from this installation', { worker: name });
}

export interface WorkerRun<Result, Progress> {
  request: unknown;
  /** Copied into a fresh buffer that is transferred to the worker; the caller zeroes its own copy. */
  dataKey: Buffer | null;
  result: z.ZodType<Result>;
  progress?: z.ZodType<Progress>;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal | undefined;
  /** What `request` holds that moves rather than copies (a MessagePort). */
  transfer?: readonly TransferListItem[];
  /** Once the thread has ended, however: what it held in shared memory can be freed. */
  onExit?: () => void;
  /** The thread, once started (a test kills it like a crash). */
  onStart?: (worker: Worker) => void;
  /** Caps on the thread's heap: V8 otherwise lets garbage grow a busy worker's heap well past what it keeps alive. */
  resourceLimits?: ResourceLimits;
}

export class WorkerLauncher {
  /** Each live worker with the function that stops it for a reason its caller will see. */
  private readonly live = new Map<Worker, (reason: VigilError) => void>();
  private closed = false;

  get running(): number {
    return this.live.size;
  }

  run<Result, Progress = never>(name: WorkerEntryName, job: WorkerRun<Result, Progress>): Promise<Result> {
    if (this.closed) return Promise.reject(new VigilError('UNAVAILABLE', 'Vigil is shutting down'));
    if (job.signal?.aborted) return Promise.reject(new VigilError('CANCELLED', 'The job was cancelled'));
    const entry = locateWorkerEntry(name);
    const worker = new Worker(entry.script, { eval: entry.eval, ...(job.resourceLimits ? { resourceLimits: job.resourceLimits } : {}) });
    return new Promise<Result>((resolve, reject) => {
      let settled = false;
      let stopReason: VigilError | null = null;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        job.signal?.removeEventListener('abort', onAbort);
        this.live.delete(worker);
        outcome();
        // The worker posts its result only after its own cleanup; whatever is left may go.
        void worker.terminate();
      };
      const stop = (reason: VigilError) => {
        stopReason = reason;
        void worker.terminate();
      };
      this.live.set(worker, stop);
      const onAbort = () => stop(new VigilError('CANCELLED', 'The job was cancelled'));
      job.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (raw: unknown) => {
        const reply = workerReplySchema.safeParse(raw);
        if (!reply.success) {
          settle(() => reject(new VigilError('INTERNAL', 'A background worker sent a message that is not understood', { worker: name })));
          return;
        }
        const message = reply.data;
        if (message.type === 'progress') {
          const progress = job.progress?.safeParse(message.progress);
          if (progress?.success) job.onProgress?.(progress.data);
        } else if (message.type === 'failed') {
          settle(() => reject(vigilErrorOf(message.error)));
        } else {
          const result = job.result.safeParse(message.result);
          settle(() => (result.success
            ? resolve(result.data)
            : reject(new VigilError('INTERNAL', 'A background worker returned a result that is not understood', { worker: name }))));
        }
      });
      worker.on('error', (error) => {
        settle(() => reject(new VigilError('INTERNAL', 'A background worker failed', { worker: name, reason: error.message })));
      });
      worker.on('exit', () => {
        job.onExit?.();
        settle(() => reject(stopReason ?? new VigilError('INTERNAL', 'A background worker stopped before it finished', { worker: name })));
      });
      this.post(worker, job);
      job.onStart?.(worker);
    });
  }

  /** Stops every running job (their callers get CANCELLED) and refuses new ones. */
  async terminateAll(): Promise<void> {
    this.closed = true;
    const stopping = [...this.live].map(([worker, stop]) => {
      stop(new VigilError('CANCELLED', 'The job was stopped because Vigil is shutting down'));
      return worker.terminate();
    });
    await Promise.all(stopping);
  }

  private post<Result, Progress>(worker: Worker, job: WorkerRun<Result, Progress>): void {
    // A fresh, unpooled buffer: cloning a pooled Buffer's view would send its whole shared slab.
    const key = job.dataKey ? new Uint8Array(job.dataKey.length) : null;
    if (key && job.dataKey) key.set(job.dataKey);
    const message: WorkerJobMessage<unknown> = { request: job.request, dataKey: key };
    worker.postMessage(message, [...(key ? [key.buffer] : []), ...(job.transfer ?? [])]);
  }
}
