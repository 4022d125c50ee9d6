// Worker entry for an alert import (built as out/main/import-worker.js): the import pipeline of
// import/import-driver.ts on a connection of the worker's own, so reading, parsing and writing tens
// of thousands of rows never holds the main thread. The main side (import/alerts/alert-import-workers.ts)
// serves the file's bytes over `port` (import/byte-port.ts) and sends `cancel` there; the mapping is
// resolved here. Every transaction takes the vault's write turn (store/write-turn.ts), HLCs come from the
// vault's shared clock (store/shared-hlc.ts), and the WAL is checkpointed here between batches.
import { randomUUID } from 'node:crypto';
import { MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { clockInWorker } from '../platform/clock';
import { createChangeRecorder } from '../store/change-log';
import { openDatabase } from '../store/database';
import { checkpointWal } from '../store/wal-checkpoints';
import type { RowContext } from '../store/row-context';
import { sharedHlcClock } from '../store/shared-hlc';
import { takeTurnsForTransactions } from '../store/turn-taking-transactions';
import { holdsNoAlertData, stagingPathFor } from '../import/alerts/staged-import';
import { workerWriteTurn } from '../store/write-turn';
import { fileRecords } from '../import/file-reader';
import { portByteSource } from '../import/byte-port';
import { importAlerts } from '../import/alerts/alert-import';
import { resolveAlertProfile } from '../import/alerts/alert-import-service';
import { serveOneJob } from './worker-job';

const requestSchema = z.object({
  databasePath: z.string().min(1),
  nativeBinding: z.string().optional(),
  /** The ByteSource's name: a .gz ending is gunzipped. */
  sourceFile: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'ndjson', 'json']),
  /** A saved profile to follow (checked here like any mapping), or none: detected from the file. */
  mapping: z.unknown().optional(),
  timeZone: z.string(),
  source: z.string(),
  mode: z.enum(['good_rows', 'all_or_nothing']),
  userId: z.string().nullable(),
  deviceId: z.string().min(1),
  /** This device's number in the vault (store/devices.ts), as its rows record it. */
  device: z.string().min(1),
  /** The main thread's clock, when it is not the system's (platform/clock.ts). */
  clockMemory: z.instanceof(SharedArrayBuffer).optional(),
  writeTurn: z.instanceof(SharedArrayBuffer),
  hlc: z.instanceof(SharedArrayBuffer),
  port: z.instanceof(MessagePort),
}).strict();

serveOneJob(async (raw, job) => {
  const request = requestSchema.parse(raw);
  const { port } = request;
  const cancel = new AbortController();
  port.on('message', (message: { type?: unknown }) => {
    if (message.type === 'cancel') cancel.abort();
  });
  try {
    const db = openDatabase(request.databasePath, { key: job.dataKey, nativeBinding: request.nativeBinding });
    // A first import is staged beside the vault (staged-import.ts), which needs the key until it moves in.
    const staging = holdsNoAlertData(db) ? { path: stagingPathFor(request.databasePath, randomUUID()), key: Buffer.from(job.dataKey) } : undefined;
    job.dataKey.fill(0);
    // Checkpointed here between batches instead of inside a batch's COMMIT.
    db.pragma('wal_autocheckpoint = 0');
    const turn = workerWriteTurn(request.writeTurn);
    takeTurnsForTransactions(db, turn);
    const checkpoint = async () => checkpointWal(db, (work) => turn.run(work));
    try {
      const clock = clockInWorker(request.clockMemory);
      const now = () => clock.now();
      const hlc = sharedHlcClock(request.hlc, now);
      const row: RowContext = {
        now, hlc: () => hlc.next(), deviceId: request.deviceId, device: request.device, hlcMemory: request.hlc,
        changes: createChangeRecorder(db, request.device, now),
      };
      const bytes = portByteSource(port, request.sourceFile);
      // Here, not on the main thread: detecting the mapping parses the file's first chunk (65–90 ms measured).
      const profile = await resolveAlertProfile({ source: bytes, mapping: request.mapping, timeZone: request.timeZone }, request.format);
      return await importAlerts(db, row, fileRecords(bytes, request.format), {
        profile, source: request.source, mode: request.mode, fileName: request.fileName, userId: request.userId,
        signal: cancel.signal, checkpoint, staging,
      }, (read) => job.progress(read));
    } finally {
      staging?.key.fill(0);
      await checkpoint().catch(() => undefined);
      db.close();
    }
  } finally {
    port.close();
  }
});
