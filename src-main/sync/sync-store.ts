// Where a sync round reads and writes the vault: the outbox, the acknowledgements, the pulled pages and
// the round's outcome. The runner (sync-runner.ts) awaits these, so the work can run on a connection
// of this thread (DirectSyncStore, synchronous: tests, and the sync worker's own side) or in the sync
// worker (sync-worker-store.ts: the app, where a page of a first sync must not hold the window).
import type { PullItem, PushBatch, PushedChange } from '../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../store/database';
import { applyPull, type ApplyPullOptions, type PullOutcome } from './apply-pull';
import { markPushed, readOutbox, type OutboxBatch } from './outbox';
import { readSyncState, writeSyncSettings, type SyncState } from './sync-state';

export type RoundOutcome = Partial<Pick<SyncState, 'lastSyncAt' | 'lastError'>>;

/** A value now (a store on this thread) or later (the worker's). */
type Eventually<T> = T | Promise<T>;

export interface SyncStore {
  /** The outbox after the vault's pushed cursor (or the part of an entry under way). */
  readOutbox(limit?: number): Eventually<OutboxBatch>;
  /**
   * Records an acknowledged batch: pass the batch as readOutbox gave it (a part stays a part), or a
   * bare seq for whole entries up to it.
   */
  markPushed(pushed: PushBatch | number, changes: readonly PushedChange[]): Eventually<void>;
  applyPull(items: readonly PullItem[], next: number): Eventually<PullOutcome>;
  state(): Eventually<SyncState>;
  /** The end of a round (when it finished, or why it stopped). */
  recordRound(outcome: RoundOutcome): Eventually<void>;
}

/** The store on a connection of this thread: each call does its work before it returns. */
export class DirectSyncStore implements SyncStore {
  constructor(private readonly db: () => SqliteDatabase, private readonly options: ApplyPullOptions = {}) {}

  readOutbox(limit?: number): OutboxBatch {
    const db = this.db();
    return readOutbox(db, readSyncState(db).pushedSeq, limit);
  }

  markPushed(pushed: PushBatch | number, changes: readonly PushedChange[]): void {
    markPushed(this.db(), pushed, changes);
  }

  applyPull(items: readonly PullItem[], next: number): PullOutcome {
    return applyPull(this.db(), items, next, this.options);
  }

  state(): SyncState {
    return readSyncState(this.db());
  }

  /** In a transaction of its own: on a worker's connection that is what takes the write turn. */
  recordRound(outcome: RoundOutcome): void {
    const db = this.db();
    db.transaction(() => writeSyncSettings(db, outcome))();
  }
}
