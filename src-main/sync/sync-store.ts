// Where a sync round reads and writes the vault: the outbox, the acknowledgements, the pulled pages and
// the round's outcome. The runner (sync-runner.ts) awaits these, so the work can run on a connection
// of this thread (DirectSyncStore, synchronous: tests, and the sync worker's own side) or in the sync
// worker (sync-worker-store.ts: the app, where a page of a first sync must not hold the window).
import type { PullItem, PushBatch, PushedAuditRow, PushedChange } from '../../src-shared/sync-protocol';
import { endFingerprintDeferral } from '../store/fingerprint-index';
import type { SqliteDatabase } from '../store/database';
import { applyPull, type ApplyPullOptions, type PullOutcome } from './apply-pull';
import { markPushed, readOutbox, type OutboxBatch } from './outbox';
import { localAuditRowsAfter } from './audit-head';
import { DirectEvidenceBlobVault, type EvidenceBlobVault, type Eventually } from './evidence-blob-vault';
import { readSyncState, writeSyncSettings, type SyncState } from './sync-state';

export type RoundOutcome = Partial<Pick<SyncState, 'lastSyncAt' | 'lastError'>>;

/** Its evidence-blob side (evidence-blob-vault.ts) runs where the rest does: in the app, the sync worker. */
export interface SyncStore extends EvidenceBlobVault {
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
  /** This vault's audit rows after `after`, as one upload sends them (audit-head.ts). */
  auditRowsAfter(after: number): Eventually<PushedAuditRow[]>;
  /** A page's items as they came (applyPull parses them); `after`, the cursor it was pulled after, when the caller knows it. */
  applyPull(items: readonly unknown[], next: number, after?: number): Eventually<PullOutcome>;
  state(): Eventually<SyncState>;
  /** The end of a round (when it finished, or why it stopped). */
  recordRound(outcome: RoundOutcome): Eventually<void>;
}

/** The store on a connection of this thread: each call does its work before it returns. */
export class DirectSyncStore extends DirectEvidenceBlobVault implements SyncStore {
  constructor(db: () => SqliteDatabase, private readonly options: ApplyPullOptions = {}) {
    super(db);
  }

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

  auditRowsAfter(after: number): PushedAuditRow[] {
    return localAuditRowsAfter(this.db(), after);
  }

  applyPull(items: readonly unknown[], next: number, after?: number): PullOutcome {
    // Checked there, item by item, before anything is written.
    return applyPull(this.db(), items as readonly PullItem[], next, after === undefined ? this.options : { ...this.options, after });
  }

  state(): SyncState {
    return readSyncState(this.db());
  }

  /**
   * In a transaction of its own: on a worker's connection that is what takes the write turn. A first
   * sync's fingerprint index, set aside for the round, is built back in it (store/fingerprint-index.ts).
   */
  recordRound(outcome: RoundOutcome): void {
    const db = this.db();
    db.transaction(() => {
      endFingerprintDeferral(db);
      writeSyncSettings(db, outcome);
    })();
  }
}
