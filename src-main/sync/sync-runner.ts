// The sync runner (docs/SYNC.md, "Client runtime"): one round at a time of hello → push the outbox →
// pull to the head, on a timer, on demand, with backoff when the server cannot be reached.
//
// A round:
// - hello: the version check (UPDATE_REQUIRED stops syncing; the outbox and cursors stay) and the
//   clock skew; the server's `pushedSeq` for this device settles a push whose reply was lost (below);
//   the audit head the server keeps for this device is checked against the log here (a rewrite).
// - push: readOutbox → push → markPushed until the outbox is empty, or holds only what was written
//   after the round began (the next round takes it). An entry bigger than one push (an import) goes in
//   parts; a part is acknowledged by the server's progress inside its entry (`pushedPart`).
//   PUSH_GAP {expectedAfter}: the server's cursor is not ours. Ahead of ours means the server applied
//   batches whose acknowledgement never arrived (a lost reply, the app closed mid-push): those entries
//   are on the server, so we record them as pushed (their stamps: the changes readOutbox builds from
//   our cursor up to expectedAfter, whose HLCs are the entries' own) and carry on from there — not
//   sending them again, which would only be refused as a gap once more if the batch boundaries moved.
//   Behind ours means the server lost what it had acknowledged (restored from a backup): the cursor
//   never moves back (its entries' bases are already recorded), so the runner stops with an error
//   that names both cursors for an operator; nothing is dropped.
// - CLOCK_AHEAD: stop with `clock_ahead` (aheadMs); the outbox stays. Once the clock is right the
//   stamps stay ahead until wall time passes them, so the next rounds are refused until then.
// - FORBIDDEN: stop with `error` naming the record (details), the outbox stays.
// - audit rows: the vault's audit rows after the last one the server holds (the hello says which),
//   500 an upload (docs/SYNC.md, "Audit rows"). A row the server will not take (the log was rewritten
//   since it sent the rows before) stops the uploads and shows in the status as a changed log.
// - pull: pages until `more` is false, each applied in its own transaction (applyPull); a first sync
//   (cursor 0) reports progress next of head. A page that wrote rows announces `data.changed`.
// Offline, 5xx and 429 are retried after a backoff delay (Retry-After honoured); any success resets it.
//
//   The next page is fetched while this one applies, and handed to the store as soon as it arrives:
//   the server's read and the vault's write overlap, and the store never waits for this thread.
// The vault work goes through a SyncStore: in the app the sync worker's connection does it
// (sync-worker-store.ts), so neither a first sync's pages nor an outbox read holds the window; the
// runner reads only the cheap status counts on the connection `db` gives.
import type { DataChange } from '../../src-shared/events';
import type { AuditHead, AuditRowsResponse, PushBatch, PushResponse } from '../../src-shared/sync-protocol';
import type { AuditLogCheck } from '../../src-shared/sync-contract';
import type { SqliteDatabase } from '../store/database';
import type { ApplyPullOptions, PullOutcome } from './apply-pull';
import { Backoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { checkAuditLog } from './audit-head';
import { syncEvidenceBlobs } from './blob-sync';
import { WaitingFiles } from './blob-waits';
import { readSyncState } from './sync-state';
import { OFF_STATUS, pendingChanges, type SyncRunState, type SyncStatus } from './sync-status';
import { DirectSyncStore, type SyncStore } from './sync-store';
import { SyncOfflineError, SyncTransportError, type AuditApi, type PulledPage, type SyncApi } from './transport';

export interface SyncTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: SyncTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SyncRunnerOptions {
  /** The connection the status counts are read on (the main thread's). */
  db: () => SqliteDatabase;
  /** Where the round's vault work runs; by default on `db` itself, in this thread. */
  store?: SyncStore;
  api: SyncApi;
  now: () => number;
  timers?: SyncTimers;
  random?: () => number;
  /** Between rounds when all is well. */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  /**
   * Records per pull page (default 500). The apply costs the same per record in pages of 500 to 5,000;
   * a smaller page is a shorter write transaction for the analyst's edits to wait behind, and less to
   * parse and hand to the worker on the main thread.
   */
  pullLimit?: number;
  pushLimit?: number;
  /** Told every status change (the `sync.status` event). */
  onStatus?: (status: SyncStatus) => void;
  /** Told what a pull changed, so open screens read again (`data.changed`). */
  onDataChanged?: (change: DataChange) => void;
  /** The vault clock's observe, so the next local edit orders after what was pulled (with the default store). */
  observe?: ApplyPullOptions['observe'];
}

/** Why a round stopped without finishing; the status it leaves. */
class RoundStop extends Error {
  constructor(readonly state: SyncRunState, readonly code: string, message: string, readonly details: Record<string, unknown> = {}, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

const RETRYABLE = new Set(['RATE_LIMITED', 'INTERNAL']);

export class SyncRunner {
  private status: SyncStatus = { ...OFF_STATUS };
  private readonly timers: SyncTimers;
  private readonly backoff: Backoff;
  private readonly store: SyncStore;
  private timer: unknown = null;
  private running: Promise<SyncStatus> | null = null;
  /** Pulled evidence whose file the server did not hold complete yet, asked about less often by timer rounds. */
  private readonly waitingFiles = new WaitingFiles();
  private started = false;
  private paused = false;

  constructor(private readonly options: SyncRunnerOptions) {
    this.timers = options.timers ?? REAL_TIMERS;
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random ?? Math.random);
    this.store = options.store ?? new DirectSyncStore(options.db, options.observe ? { observe: options.observe } : {});
  }

  current(): SyncStatus {
    return { ...this.status };
  }

  /** Starts the periodic rounds, the first one now. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.paused = false;
    this.update({ state: 'idle', ...this.fromVault() });
    this.schedule(0);
  }

  stop(): void {
    this.started = false;
    this.cancelTimer();
    this.update({ state: 'off', progress: null });
  }

  pause(): void {
    this.paused = true;
    this.cancelTimer();
    if (!this.running) this.update({ state: 'paused' });
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.update({ state: 'idle' });
    if (this.started) this.schedule(0);
  }

  /**
   * One round now (or the one running); resolves with the status it left. `scheduled`: the runner's
   * own timer, not the analyst, started it (blob-waits.ts).
   */
  async syncNow({ scheduled = false }: { scheduled?: boolean } = {}): Promise<SyncStatus> {
    if (this.running) return this.running;
    if (this.paused) return this.current();
    this.cancelTimer();
    this.running = this.round(scheduled).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Failed rounds in a row since the last success (the backoff's exponent). */
  get retryAttempts(): number {
    return this.backoff.attempts;
  }

  private async round(scheduled: boolean): Promise<SyncStatus> {
    this.update({ state: 'syncing', lastError: null, progress: null, aheadMs: undefined, files: undefined });
    let nextDelay: number | null = this.options.intervalMs ?? 60_000;
    try {
      const auditRowsHeld = await this.hello();
      await this.pushAll();
      await this.uploadAuditRows(auditRowsHeld);
      await this.pullAll();
      // A first sync's records are all in: its bar would stay full while the files move.
      this.update({ progress: null });
      // The records are in sync: said now, so a round whose evidence files fail next (offline, a damaged
      // download) still shows when its records last synced, beside the files' error.
      await this.store.recordRound({ lastSyncAt: this.options.now(), lastError: null });
      // Evidence files, a chunk (1 MiB) at a time; their reads and writes in the vault go through the store.
      // Its jobs hold the main thread's checkpoint again: the round's end gives it back, the files checkpointed.
      const blobs = await syncEvidenceBlobs({
        vault: this.store, api: this.options.api, now: this.options.now, onProgress: (progress) => this.update({ files: progress }),
        waits: this.waitingFiles, scheduled,
      });
      if (blobs) await this.store.recordRound({ lastError: null });
      this.backoff.reset();
      this.update({ state: this.paused ? 'paused' : 'idle', progress: null, files: undefined, ...this.fromVault() });
    } catch (error) {
      const stop = asStop(error);
      const retry = stop.state === 'offline' || RETRYABLE.has(stop.code);
      nextDelay = retry ? this.backoff.next(stop.retryAfterMs) : nextDelay;
      await this.remember(`${stop.code}: ${stop.message}`);
      this.update({
        state: this.paused ? 'paused' : stop.state, progress: null, files: undefined, ...this.fromVault(),
        lastError: { code: stop.code, message: stop.message, ...(Object.keys(stop.details).length > 0 ? { details: stop.details } : {}) },
        ...(stop.state === 'clock_ahead' && typeof stop.details.aheadMs === 'number' ? { aheadMs: stop.details.aheadMs } : {}),
      });
      // An old client stays stopped until it is updated; a user's syncNow may still try.
      if (stop.state === 'update_required') nextDelay = null;
    }
    if (this.started && !this.paused && nextDelay !== null) this.schedule(nextDelay);
    return this.current();
  }

  /** Keeps the last error in the vault; a vault closed meanwhile (locked mid-round) keeps nothing. */
  private async remember(lastError: string): Promise<void> {
    try {
      await this.store.recordRound({ lastError });
    } catch {
      // Nothing to keep it in: the status still carries it.
    }
  }

  /** Returns the last of this device's audit rows the server holds (undefined: a server older than audit rows). */
  private async hello(): Promise<number | undefined> {
    const sentAt = this.options.now();
    const hello = await this.options.api.hello();
    const auditLog = this.checkAuditLog(hello.device.auditHead);
    this.update({ clockSkewMs: hello.serverTime - sentAt, ...(auditLog ? { auditLog } : {}) });
    await this.catchUpPushed(hello.device.pushedSeq);
    return hello.device.auditRowsHeld;
  }

  /** Uploads the audit rows the server does not hold yet, oldest first, until none are left or one is refused. */
  private async uploadAuditRows(held: number | undefined): Promise<void> {
    const api = this.options.api as SyncApi & Partial<AuditApi>;
    if (held === undefined || typeof api.uploadAuditRows !== 'function') return;
    let after = held;
    for (;;) {
      const rows = await this.store.auditRowsAfter(after);
      if (rows.length === 0) return;
      let response: AuditRowsResponse;
      try {
        response = await api.uploadAuditRows(rows);
      } catch (error) {
        // The server holds fewer rows than its hello said (another upload of this device failed meanwhile): from where it stopped.
        const expected = error instanceof SyncTransportError && error.code === 'PUSH_GAP' ? error.details.expectedAfter : undefined;
        if (typeof expected === 'number' && expected < after) {
          after = expected;
          continue;
        }
        throw error;
      }
      if (response.mismatch) {
        this.update({ auditLog: { serverSeq: response.heldSeq, matches: false } });
        return;
      }
      if (response.heldSeq <= after) return;
      after = response.heldSeq;
    }
  }

  private async pushAll(): Promise<void> {
    const head = await this.store.outboxHead();
    for (;;) {
      const outbox = await this.store.readOutbox(this.options.pushLimit);
      if (outbox.batch.upto === outbox.batch.after || outbox.batch.after >= head) return;
      try {
        const response = await this.options.api.push({ batch: outbox.batch, changes: outbox.changes, auditHead: outbox.auditHead });
        if (acknowledges(response, outbox.batch, outbox.changes.length)) await this.store.markPushed(outbox.batch, outbox.changes);
        else await this.catchUpPushed(response.pushedSeq);
      } catch (error) {
        if (error instanceof SyncTransportError && error.code === 'PUSH_GAP' && typeof error.details.expectedAfter === 'number') {
          await this.catchUpPushed(error.details.expectedAfter);
          continue;
        }
        throw error;
      }
      this.update(this.fromVault());
    }
  }

  /**
   * Records as pushed what the server says it has applied beyond our cursor (a lost acknowledgement);
   * refuses a server cursor behind ours, which would mean the server lost acknowledged changes.
   */
  private async catchUpPushed(serverPushedSeq: number): Promise<void> {
    for (;;) {
      const after = (await this.store.state()).pushedSeq;
      if (serverPushedSeq === after) return;
      if (serverPushedSeq < after) {
        throw new RoundStop('error', 'PUSH_GAP', 'The sync server has fewer of this device\'s changes than it acknowledged (restored from a backup?); an administrator must look at it', { serverPushedSeq, pushedSeq: after });
      }
      const outbox = await this.store.readOutbox(this.options.pushLimit);
      if (outbox.batch.upto === after) {
        throw new RoundStop('error', 'PUSH_GAP', 'The sync server holds changes of this device beyond its change log', { serverPushedSeq, pushedSeq: after });
      }
      const upto = Math.min(outbox.batch.upto, serverPushedSeq);
      await this.store.markPushed(upto, outbox.changes.filter((change) => change.seq <= upto));
    }
  }

  private async pullAll(): Promise<void> {
    const start = (await this.store.state()).pullCursor;
    const firstSync = start === 0;
    const limit = this.options.pullLimit ?? 500;
    let after = start;
    let fetching = this.options.api.pull(start, limit, null);
    /** The page handed to the store before this one, perhaps still applying. */
    let applying: Promise<void> | null = null;
    for (;;) {
      const page = await this.nextPage(fetching, applying);
      // A backfill page is acknowledged by the pull after it, sent once the page is committed; any other
      // page's successor is fetched while it applies.
      const ahead = page.more && !page.backfill;
      if (ahead) {
        fetching = this.options.api.pull(page.next, limit, null);
        // Awaited at the next turn of the loop; a failed apply first leaves it unawaited, not unhandled.
        fetching.catch(() => undefined);
      }
      // Handed on at once, while the page before still applies: the store applies in order, so it never
      // waits for this thread between pages, and refuses this page if the one before failed (`after`).
      const pulledAfter = after;
      const applied = Promise.resolve()
        .then(() => this.store.applyPull(page.items, page.next, pulledAfter))
        .then((outcome) => this.noteApplied(outcome, page, firstSync));
      // Awaited below or at the next page; if the one before fails first, its refusal is not unhandled.
      applied.catch(() => undefined);
      after = page.next;
      if (applying) await applying;
      applying = applied;
      if (!page.more) {
        await applying;
        return;
      }
      if (!ahead) {
        await applying;
        applying = null;
        fetching = this.options.api.pull(page.next, limit, page.backfill ?? null);
      }
    }
  }

  /**
   * The page being fetched; when its fetch fails, the round stops only once the page before has
   * applied, and with that page's error if it failed too (the vault's error says more than the network's).
   */
  private async nextPage(fetching: Promise<PulledPage>, applying: Promise<void> | null): Promise<PulledPage> {
    try {
      return await fetching;
    } catch (error) {
      await applying;
      throw error;
    }
  }

  /** A page the store applied: the screens are told when it wrote rows; a first sync's progress moves. */
  private noteApplied(outcome: PullOutcome, page: Pick<PulledPage, 'next' | 'head'>, firstSync: boolean): void {
    if (outcome.written > 0 || outcome.evicted > 0) {
      this.options.onDataChanged?.({ topic: 'alerts' });
      this.options.onDataChanged?.({ topic: 'investigations' });
    }
    if (firstSync) this.update({ progress: { done: page.next, total: page.head } });
  }

  /**
   * The head the server keeps for this device against the log here (a rewrite shows on the Sync
   * screen); nothing when the vault closed meanwhile (the status keeps what it had).
   */
  private checkAuditLog(serverHead: AuditHead | null): AuditLogCheck | undefined {
    try {
      return checkAuditLog(this.options.db(), serverHead);
    } catch {
      return undefined;
    }
  }

  /** The outbox count and last sync from the vault; nothing when it closed meanwhile (the status keeps what it had). */
  private fromVault(): Partial<Pick<SyncStatus, 'pendingChanges' | 'lastSyncedAt'>> {
    try {
      const db = this.options.db();
      return { pendingChanges: pendingChanges(db), lastSyncedAt: readSyncState(db).lastSyncAt };
    } catch {
      return {};
    }
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.syncNow({ scheduled: true });
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private update(change: Partial<SyncStatus>): void {
    const next = { ...this.status, ...change };
    if (next.aheadMs === undefined) delete next.aheadMs;
    if (next.files === undefined) delete next.files;
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.options.onStatus?.(this.current());
  }
}

/**
 * Whether the server now holds the whole batch: its cursor reached the batch's end, or, for a part that
 * is not its entry's last, the server's progress inside that entry reached the part's end (a replayed
 * part is acknowledged the same way, as unchanged).
 */
function acknowledges(response: PushResponse, batch: PushBatch, changes: number): boolean {
  if (response.pushedSeq >= batch.upto) return true;
  const { part } = batch;
  if (!part || part.last || !response.pushedPart) return false;
  return response.pushedPart.upto === batch.upto && response.pushedPart.offset >= part.offset + changes;
}

function asStop(error: unknown): RoundStop {
  if (error instanceof RoundStop) return error;
  if (error instanceof SyncOfflineError) return new RoundStop('offline', 'OFFLINE', error.message);
  if (error instanceof SyncTransportError) {
    const state: SyncRunState = error.code === 'UPDATE_REQUIRED' ? 'update_required' : error.code === 'CLOCK_AHEAD' ? 'clock_ahead' : error.status >= 500 ? 'offline' : 'error';
    return new RoundStop(state, error.code, error.message, error.details, error.retryAfterMs);
  }
  return new RoundStop('error', 'INTERNAL', error instanceof Error ? error.message : String(error));
}
