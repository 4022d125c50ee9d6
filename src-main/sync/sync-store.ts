// Where a sync round reads and writes the vault: the outbox, the acknowledgements, the pulled pages and
// the round's outcome. The runner (sync-runner.ts) awaits these, so the work can run on a connection
// of this thread (DirectSyncStore, synchronous: tests, and the sync worker's own side) or in the sync
// worker (sync-worker-store.ts: the app, where a page of a first sync must not hold the window).
import type { PullItem, PushBatch, PushedChange } from '../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../store/database';
import { applyPull, type ApplyPullOptions, type PullOutcome } from './apply-pull';
import { markPushed, readOutbox, type OutboxBatch } from './outbox';
import { readSyncState, writeSyncSettings, type SyncState } from './sync-state';
import { STAGED_PULL_MIN_RECORDS, StagedPull, holdsNoSyncedRecords, type StagedPullSettled } from './staged-pull';

/** Where a store on a vault file stages a big first sync (staged-pull.ts); a store without it never stages. */
export interface PullStaging {
  path: string;
  key: () => Buffer;
  /** How big a first sync must be to stage (STAGED_PULL_MIN_RECORDS unless a test says). */
  minRecords?: number;
}

export interface DirectSyncStoreOptions extends ApplyPullOptions {
  staging?: PullStaging;
}

export type PullSettled = StagedPullSettled | 'none';

export type RoundOutcome = Partial<Pick<SyncState, 'lastSyncAt' | 'lastError'>>;

/** A value now (a store on this thread) or later (the worker's). */
type Eventually<T> = T | Promise<T>;

export interface SyncStore {
  /** The outbox after the vault's pushed cursor (or the part of an entry under way). */
  readOutbox(limit?: number): Eventually<OutboxBatch>;
  /**
   * The change log's newest seq: a round pushes up to it, not what is written while it pushes (an
   * analyst adding notes every few seconds would otherwise keep one round pushing for ever).
   */
  outboxHead(): Eventually<number>;
  /**
   * Records an acknowledged batch: pass the batch as readOutbox gave it (a part stays a part), or a
   * bare seq for whole entries up to it.
   */
  markPushed(pushed: PushBatch | number, changes: readonly PushedChange[]): Eventually<void>;
  /**
   * A page's items as they came (applyPull parses them). `head`, the server's newest sequence, says
   * how big a first sync is: a big one is staged (staged-pull.ts) until `settlePull`.
   */
  applyPull(items: readonly unknown[], next: number, head?: number): Eventually<PullOutcome>;
  /**
   * The end of a round's pull, whole or broken off: a staged first sync's pages are moved into the
   * vault (or thrown away, the vault no longer empty: the caller pulls them again page by page).
   * `none` when nothing was staged.
   */
  settlePull(): Eventually<PullSettled>;
  state(): Eventually<SyncState>;
  /** The end of a round (when it finished, or why it stopped). */
  recordRound(outcome: RoundOutcome): Eventually<void>;
}

/** The store on a connection of this thread: each call does its work before it returns. */
export class DirectSyncStore implements SyncStore {
  private staged: StagedPull | null = null;

  constructor(private readonly db: () => SqliteDatabase, private readonly options: DirectSyncStoreOptions = {}) {}

  readOutbox(limit?: number): OutboxBatch {
    const db = this.db();
    return readOutbox(db, readSyncState(db).pushedSeq, limit);
  }

  outboxHead(): number {
    return this.db().prepare<[], { head: number }>('SELECT coalesce(max(seq), 0) AS head FROM change_log').get()?.head ?? 0;
  }

  markPushed(pushed: PushBatch | number, changes: readonly PushedChange[]): void {
    markPushed(this.db(), pushed, changes);
  }

  applyPull(items: readonly unknown[], next: number, head?: number): PullOutcome {
    const db = this.db();
    const { staging } = this.options;
    if (!this.staged && staging && head !== undefined && head >= (staging.minRecords ?? STAGED_PULL_MIN_RECORDS) && holdsNoSyncedRecords(db)) {
      this.staged = new StagedPull(db, staging.path, staging.key());
    }
    // Checked there, item by item, before anything is written.
    if (this.staged) return this.staged.apply(items as readonly PullItem[], next, this.options);
    return applyPull(db, items as readonly PullItem[], next, this.options);
  }

  settlePull(): PullSettled {
    const staged = this.staged;
    if (!staged) return 'none';
    this.staged = null;
    try {
      return staged.moveIntoVault();
    } catch (error) {
      staged.discard();
      throw error;
    }
  }

  /** Throws away a staged pull not settled (the vault closing mid-round). */
  close(): void {
    this.staged?.discard();
    this.staged = null;
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
