// The alert file import as the router calls it, run in a worker (workers/import-worker.ts): the
// mapping is resolved here (it reads the file's first rows), then the worker reads, parses and
// writes on a connection of its own while this thread serves it the file's bytes (byte-port.ts) and
// keeps answering requests. The worker's writes take the vault's write turn (store/write-turn.ts),
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
import { releaseTurnOfEndedWorker } from '../../store/write-turn';
import { WorkerLauncher } from '../../workers/worker-launcher';
import { serveBytes } from '../byte-port';
import { formatFromName } from '../file-reader';
import type { ImportTarget } from '../import-connection';
import { resolveAlertProfile, type FileImportRequest } from './alert-import-service';

const summarySchema = z.custom<AlertImportSummary>((value) => typeof value === 'object' && value !== null && 'importId' in value && 'committed' in value);

export interface AlertImportWorkerOptions {
  databasePath: string;
  /** The open vault's write turn, the one the router's calls take. */
  writeTurn: SharedArrayBuffer;
  nativeBinding?: string | undefined;
  /** The app's clock: the worker stamps rows with it (platform/clock.ts, clockInWorker). */
  clock: Clock;
}

export class AlertImportWorkers {
  private readonly workers = new WorkerLauncher();

  constructor(private readonly options: AlertImportWorkerOptions) {}

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
    try {
      const format = request.format ?? formatFromName(request.source.name);
      const profile = await resolveAlertProfile(request, format);
      const { databasePath, nativeBinding, writeTurn, clock } = this.options;
      const job = {
        databasePath, ...(nativeBinding ? { nativeBinding } : {}), sourceFile: request.source.name, fileName: basename(request.source.name), format,
        profile, source: request.sourceName, mode: request.mode, userId: request.userId, deviceId: target.row.deviceId,
        ...(clock.memory ? { clockMemory: clock.memory } : {}), writeTurn, hlc: target.row.hlcMemory, port: channel.port2,
      };
      return await this.workers.run('import-worker', {
        request: job, dataKey: target.dataKey, transfer: [channel.port2], result: summarySchema, progress: z.number(),
        onProgress, onExit: () => releaseTurnOfEndedWorker(writeTurn), onStart,
        // Not the job's signal: the launcher would kill the worker mid-batch; cancel is a message (above).
        signal: request.signal?.aborted ? request.signal : undefined,
      });
    } finally {
      request.signal?.removeEventListener('abort', cancel);
      bytes.close();
      channel.port1.close();
      target.dataKey.fill(0);
    }
  }

  /** Stops running imports (shutdown); what they wrote is undone at the next unlock. */
  async close(): Promise<void> {
    await this.workers.terminateAll();
  }
}
