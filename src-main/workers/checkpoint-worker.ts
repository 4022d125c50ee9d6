// Worker entry for a WAL checkpoint of the vault (built as out/main/checkpoint-worker.js). After a big
// import the WAL holds every page the import wrote, and copying them into the database decrypts and
// re-encrypts each one: 1.2 s per 50k alerts, 25 s at 1M. Done on the import's connection, that ran
// inside its COMMIT on the main thread; here it runs on a connection of its own, in a worker.
import { z } from 'zod';
import { openDatabase } from '../store/database';
import { serveOneJob } from './worker-job';

const checkpointRequestSchema = z.object({ databasePath: z.string().min(1), nativeBinding: z.string().optional() }).strict();

serveOneJob((raw, job) => {
  const request = checkpointRequestSchema.parse(raw);
  const db = openDatabase(request.databasePath, { key: job.dataKey, nativeBinding: request.nativeBinding });
  try {
    // PASSIVE: copies what no reader still needs and never waits on the app's own connections.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { framesInLog: result?.log ?? 0, framesCheckpointed: result?.checkpointed ?? 0 };
  } finally {
    db.close();
  }
});
