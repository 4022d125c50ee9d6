// Resident worker entry (workers/resident-launcher.ts) that does a sync round's vault work (built as
// out/main/sync-worker.js): reading the outbox, recording acknowledgements, applying pulled pages and
// the round's outcome, on a connection of its own, so a first sync's thousand-record pages never hold
// the window. The runner stays on the main thread (it only awaits the network and these jobs).
// Every transaction takes the vault's write turn (store/write-turn.ts); pulled stamps move the vault's
// shared clock (store/shared-hlc.ts), so the next edit on either thread orders after them.
// The worker checkpoints the WAL itself (store/wal-checkpoints.ts): between pages when due and at the
// end of each round, with SQLite's own checkpoint off here and, while a round runs, on the main thread
// (SyncWorkerStore holds it).
import { z } from 'zod';
import { clockInWorker } from '../platform/clock';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { sharedHlcClock } from '../store/shared-hlc';
import { takeTurnsForTransactions } from '../store/turn-taking-transactions';
import { workerWriteTurn } from '../store/write-turn';
import { DueCheckpoints, checkpointWal } from '../store/wal-checkpoints';
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
  checkpoint: () => void;
  checkpoints: DueCheckpoints;
}

serveResidentJobs<Open>({
  open(init, dataKey) {
    const options = openSchema.parse(init);
    const db = openDatabase(options.databasePath, { key: dataKey, nativeBinding: options.nativeBinding });
    db.pragma('wal_autocheckpoint = 0');
    const turn = workerWriteTurn(options.writeTurn);
    takeTurnsForTransactions(db, turn);
    const clock = clockInWorker(options.clockMemory);
    const hlc = sharedHlcClock(options.hlc, () => clock.now());
    const checkpoint = () => checkpointWal(db, (work) => turn.run(work));
    // A first sync sets the alerts' fingerprint index aside until its round ends (store/fingerprint-index.ts).
    const store = new DirectSyncStore(() => db, { observe: (seen) => hlc.observe(seen), deferFingerprints: true });
    return { db, store, checkpoint, checkpoints: new DueCheckpoints(checkpoint) };
  },
  run({ store, checkpoint, checkpoints }, raw) {
    const job = syncJobSchema.parse(raw);
    switch (job.kind) {
      case 'readOutbox': return store.readOutbox(job.limit);
      case 'markPushed': return store.markPushed(job.pushed, job.changes);
      case 'applyPull': {
        const outcome = store.applyPull(job.items, job.next, job.after);
        void checkpoints.runWhenDue();
        return outcome;
      }
      case 'state': return store.state();
      case 'outboxHead': return store.outboxHead();
      case 'auditRowsAfter': return store.auditRowsAfter(job.after);
      case 'pushedEvidence': return store.pushedEvidence();
      case 'evidenceChunk': return store.evidenceChunk(job.evidenceId, job.index);
      case 'markEvidenceUploaded': return store.markEvidenceUploaded(job.seq, job.now);
      case 'evidenceWithoutBytes': return store.evidenceWithoutBytes();
      case 'copyHeldEvidence': return store.copyHeldEvidence(job.evidence);
      case 'heldEvidenceChunks': return store.heldEvidenceChunks(job.evidenceId);
      case 'stageEvidenceChunk': return store.stageEvidenceChunk(job.evidenceId, job.index, job.bytes);
      case 'dropStagedEvidence': return store.dropStagedEvidence(job.evidenceId);
      case 'completeEvidence': return store.completeEvidence(job.evidence);
      case 'recordRound': {
        store.recordRound(job.outcome);
        // The round's last pages: copied back here, not by the main thread's next commit.
        checkpoint();
        return undefined;
      }
    }
  },
  close({ db }) {
    db.close();
  },
});
