// The alert file import as the router calls it, run in a worker (workers/import-worker.ts): the
// worker resolves the mapping, reads, parses and writes on a connection of its own while this thread
// only serves it the file's bytes (byte-port.ts) and keeps answering requests. The worker's writes take the vault's write turn (store/write-turn.ts),
// so a main-thread write waits at most for the end of one batch, awaiting, never blocking.
//
// Cancel (the job's signal) is a message: the worker stops between batches and undoes what it wrote,
// as on the main thread. A worker that dies (a crash) fails the call with INTERNAL; what it wrote is
// undone at the next unlock (import-undo.ts), like an import cut off by a crash of the app.
import { basename } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { AlertImportSummary } from '../../../src-shared/model';
import type { Clock } from '../../platform/clock';
import type { MainCheckpointHold } from '../../store/wal-checkpoints';
import { releaseTurnOfEndedWorker } from '../../store/write-turn';
import { WorkerLauncher } from '../../workers/worker-launcher';
import { serveBytes } from '../byte-port';
import { formatFromName } from '../file-reader';
import type { ImportTarget } from '../import-connection';
import type { FileImportRequest } from './alert-import-service';

/**
 * A 200k-alert import keeps ~65 MB alive in the worker's heap; without a cap V8 let its garbage grow
 * the heap to 255 MB and the app past its 400 MB RSS goal (docs/PERFORMANCE.md).
 */
const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 128 };

const summarySchema = z.custom<AlertImportSummary>((value) => typeof value === 'object' && value !== null && 'importId' in value && 'committed' in value);

export interface AlertImportWorkerOptions {
  databasePath: string;
  /** The open vault's write turn, the one the router's calls take. */
  writeTurn: SharedArrayBuffer;
  nativeBinding?: string | undefined;
  /** The app's clock: the worker stamps rows with it (platform/clock.ts, clockInWorker). */
  clock: Clock;
  /** The main thread's automatic checkpoint, held while a worker imports (store/wal-checkpoints.ts). */
  mainCheckpoints: MainCheckpointHold;
}

export class AlertImportWorkers {
  private readonly workers = new WorkerLauncher();
  private running = 0;

  constructor(private readonly options: AlertImportWorkerOptions) {}

  /** Whether an import runs now: its unfinished row and staging file are its own, not a crash's. */
  get busy(): boolean {
    return this.running > 0;
  }

  async importFile(
    request: FileImportRequest,
    target: ImportTarget,
    onProgress: (read: number) => void,
    onStart?: (worker: Worker) => void,
  ): Promise<AlertImportSummary> {
    const channel = new MessageChannel();
    const bytes = serveBytes(channel.port1, request.source);
    const cancel = () => channel.port1.postMessage({ type: 'cancel' });
    request.signal?.addEventListener('abort', cancel, { once: true });
    this.running += 1;
    const releaseMainCheckpoints = this.options.mainCheckpoints.hold();
    try {
      const format = request.format ?? formatFromName(request.source.name);
      const { databasePath, nativeBinding, writeTurn, clock } = this.options;
      const job = {
        databasePath, ...(nativeBinding ? { nativeBinding } : {}),
        sourceFile: request.source.name, fileName: basename(request.source.name), format,
        ...(request.mapping === undefined ? {} : { mapping: request.mapping }), timeZone: request.timeZone,
        source: request.sourceName, mode: request.mode, userId: request.userId,
        deviceId: target.row.deviceId, device: target.row.device, hlc: target.row.hlcMemory, ...(clock.memory ? { clockMemory: clock.memory } : {}),
        writeTurn, port: channel.port2,
      };
      return await this.workers.run('import-worker', {
        request: job, dataKey: target.dataKey, transfer: [channel.port2], result: summarySchema, progress: z.number(),
        onProgress, onExit: () => releaseTurnOfEndedWorker(writeTurn), onStart,
        // Not the job's signal: the launcher would kill the worker mid-batch; cancel is a message (above).
        signal: request.signal?.aborted ? request.signal : undefined,
        resourceLimits: IMPORT_WORKER_LIMITS,
      });
    } finally {
      request.signal?.removeEventListener('abort', cancel);
      bytes.close();
      channel.port1.close();
      target.dataKey.fill(0);
      this.running -= 1;
      releaseMainCheckpoints();
    }
  }

  /** Stops running imports (shutdown); what they wrote is undone at the next unlock. */
  async close(): Promise<void> {
    await this.workers.terminateAll();
  }
}
