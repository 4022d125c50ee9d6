// WAL checkpoints for the workers that write a lot (an alert import, a first sync's pages).
//
// SQLite checkpoints the WAL inside the commit that finds it longer than `wal_autocheckpoint` pages.
// For a worker writing page after page that is a checkpoint every ~1,000 pages, each copying again
// the index pages every batch touches (measured on a first sync: 36 % of the apply's time), and on
// the main thread it is a verdict's commit copying — decrypting, re-encrypting — every page the
// worker wrote since. So such a worker turns SQLite's own checkpoint off on its connection and on the
// main thread's (MainCheckpointHold), and checkpoints itself between its transactions, every
// CHECKPOINT_EVERY_MS at most (DueCheckpoints) and when it is done (checkpointWal).
import { performance } from 'node:perf_hooks';
import { withBusyTimeout, type SqliteDatabase } from './database';

const CHECKPOINT_EVERY_MS = 2_000;
/** How long a RESTART checkpoint waits for readers of older snapshots (an analytics report's read is ~100 ms). */
const RESTART_WAIT_MS = 250;

/**
 * Checkpoints the WAL on `db`'s connection. PASSIVE first, outside the write turn: it copies the WAL's
 * frames back while the app goes on writing, and waits for no one. It cannot start the WAL over:
 * SQLite does that only at the first write after a checkpoint that left every reader on the database
 * file, and with the app reading all the time one was always on the WAL, which grew by every batch's
 * pages (11.4 GB at 200k alerts, measured). So then RESTART, in the write turn (the app's writes wait
 * for the turn, not in SQLite's busy handler): it copies what PASSIVE could not and waits, briefly,
 * for readers of older snapshots to finish, and the next write starts from the WAL's beginning. A
 * RESTART that gives up is tried again next time.
 */
export function checkpointWal(db: SqliteDatabase, inWriteTurn: (work: () => void) => void): void {
  db.pragma('wal_checkpoint(PASSIVE)');
  inWriteTurn(() => withBusyTimeout(db, RESTART_WAIT_MS, () => db.pragma('wal_checkpoint(RESTART)')));
}

/** Runs a checkpoint between a writer's transactions, every CHECKPOINT_EVERY_MS at most; a synchronous one synchronously. */
export class DueCheckpoints {
  private last = performance.now();

  constructor(private readonly checkpoint: (() => Promise<void> | void) | undefined) {}

  runWhenDue(): Promise<void> | void {
    if (!this.checkpoint || performance.now() - this.last < CHECKPOINT_EVERY_MS) return;
    const ran = this.checkpoint();
    if (ran instanceof Promise) {
      return ran.then(() => {
        this.last = performance.now();
      });
    }
    this.last = performance.now();
  }
}

/**
 * Turns the main thread's automatic checkpoint off while any worker that checkpoints itself writes,
 * and back on (to what it was) when the last one is done. One per open app, shared by those workers.
 */
export class MainCheckpointHold {
  private holders = 0;
  private held: { db: SqliteDatabase; pages: number } | null = null;

  /** The main thread's connection to the open vault, if open. */
  constructor(private readonly mainConnection: () => SqliteDatabase | null) {}

  /** Holds the main connection's checkpoint; the returned release gives it back once, however often it is called. */
  hold(): () => void {
    this.holders += 1;
    if (this.holders === 1) {
      const db = this.mainConnection();
      if (db) {
        const pages = db.pragma('wal_autocheckpoint', { simple: true });
        db.pragma('wal_autocheckpoint = 0');
        this.held = { db, pages: typeof pages === 'number' ? pages : 1000 };
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  /** Whether some worker holds it now. */
  get holding(): boolean {
    return this.holders > 0;
  }

  private release(): void {
    this.holders -= 1;
    const held = this.held;
    if (this.holders > 0 || !held) return;
    this.held = null;
    // A vault closed meanwhile took its connection with it; a new one starts with SQLite's default.
    if (held.db.open) held.db.pragma(`wal_autocheckpoint = ${held.pages}`);
  }
}
