// Resident worker entry (workers/resident-launcher.ts) that does a sync round's vault work (built as
// out/main/sync-worker.js): reading the outbox, recording acknowledgements, applying pulled pages and
// the round's outcome, on a connection of its own, so a first sync's thousand-record pages never hold
// the window. The runner stays on the main thread (it only awaits the network and these jobs).
// Every transaction takes the vault's write turn (store/write-turn.ts); pulled stamps move the vault's
// shared clock (store/shared-hlc.ts), so the next edit on either thread orders after them.
import { z } from 'zod';
import { clockInWorker } from '../platform/clock';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { sharedHlcClock } from '../store/shared-hlc';
import { takeTurnsForTransactions } from '../store/turn-taking-transactions';
import { workerWriteTurn } from '../store/write-turn';
import { DirectSyncStore } from '../sync/sync-store';
import { syncJobSchema } from '../sync/sync-jobs';
import { serveResidentJobs } from './resident-jobs';

const openSchema = z.object({
  databasePath: z.string().min(1),
  nativeBinding: z.string().optional(),
  writeTurn: z.instanceof(SharedArrayBuffer),
  hlc: z.instanceof(SharedArrayBuffer),
  /** The main thread's clock, when it is not the system's (platform/clock.ts). */
  clockMemory: z.instanceof(SharedArrayBuffer).optional(),
}).strict();

interface Open {
  db: SqliteDatabase;
  store: DirectSyncStore;
}

serveResidentJobs<Open>({
  open(init, dataKey) {
    const options = openSchema.parse(init);
    const db = openDatabase(options.databasePath, { key: dataKey, nativeBinding: options.nativeBinding });
    takeTurnsForTransactions(db, workerWriteTurn(options.writeTurn));
    const clock = clockInWorker(options.clockMemory);
    const hlc = sharedHlcClock(options.hlc, () => clock.now());
    return { db, store: new DirectSyncStore(() => db, { observe: (seen) => hlc.observe(seen) }) };
  },
  run({ store }, raw) {
    const job = syncJobSchema.parse(raw);
    switch (job.kind) {
      case 'readOutbox': return store.readOutbox(job.limit);
      case 'markPushed': return store.markPushed(job.pushed, job.changes);
      case 'applyPull': return store.applyPull(job.items, job.next);
      case 'state': return store.state();
      case 'outboxHead': return store.outboxHead();
      case 'recordRound': return store.recordRound(job.outcome);
    }
  },
  close({ db }) {
    db.close();
  },
});
