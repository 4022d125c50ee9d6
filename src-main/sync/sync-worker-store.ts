// The sync store in the app: every call is a job of the resident sync worker (workers/sync-worker.ts),
// which keeps its connection to the vault open between rounds. One worker per open vault: it holds a
// copy of the data key and the vault's write turn and clock, so it is released when the vault closes
// or sync is disconnected, and after an idle spell longer than the time between rounds.
// The worker checkpoints the WAL itself; from a round's first job to its recordRound the main
// thread's own checkpoint is held (store/wal-checkpoints.ts), so no verdict's commit copies a first
// sync's pages.
import { z } from 'zod';
import { pushedAuditRow, type PushBatch, type PushedAuditRow, type PushedChange } from '../../src-shared/sync-protocol';
import type { Clock } from '../platform/clock';
import { ResidentWorker } from '../workers/resident-launcher';
import { releaseTurnOfEndedWorker } from '../store/write-turn';
import type { MainCheckpointHold } from '../store/wal-checkpoints';
import type { SyncJob } from './sync-jobs';
import type { PullOutcome } from './apply-pull';
import type { OutboxBatch } from './outbox';
import type { MissingEvidence, PushedEvidence } from './evidence-blob-vault';
import type { SyncState } from './sync-state';
import type { RoundOutcome, SyncStore } from './sync-store';

export interface SyncWorkerStoreOptions {
  databasePath: string;
  nativeBinding?: string | undefined;
  /** A fresh copy of the data key; zeroed once the worker has its own. */
  copyDataKey: () => Buffer;
  writeTurn: SharedArrayBuffer;
  /** The open vault's HLC memory (store/shared-hlc.ts). */
  hlc: SharedArrayBuffer;
  clock: Clock;
  /** The main thread's automatic checkpoint, held while a round runs. */
  mainCheckpoints?: MainCheckpointHold;
  idleMs?: number;
}

/** Longer than the minute between rounds: a worker that syncs stays warm. */
const IDLE_MS = 5 * 60_000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const outboxResult = z.custom<OutboxBatch>((value) => isObject(value) && isObject(value.batch) && Array.isArray(value.changes));
const pullResult = z.custom<PullOutcome>((value) => isObject(value) && typeof value.written === 'number' && typeof value.cursor === 'number');
const stateResult = z.custom<SyncState>((value) => isObject(value) && typeof value.pushedSeq === 'number' && typeof value.pullCursor === 'number');
const nothing = z.undefined();
const auditRowsResult = z.array(pushedAuditRow);
const evidence = { id: z.string(), sha256: z.string(), size: z.number() };
const pushedEvidenceResult = z.array(z.object({ seq: z.number(), ...evidence }));
const missingEvidenceResult = z.array(z.object(evidence));
/** A chunk crosses the thread as a Uint8Array; the caller gets a Buffer over the same bytes. */
const chunkResult = z.instanceof(Uint8Array).nullable().transform((bytes) => (bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));

export class SyncWorkerStore implements SyncStore {
  private readonly worker: ResidentWorker;
  /** Gives the main thread's checkpoint back; set while a round holds it. */
  private releaseMainCheckpoints: (() => void) | null = null;

  constructor(private readonly options: SyncWorkerStoreOptions) {
    const { databasePath, nativeBinding, writeTurn, hlc, clock } = options;
    this.worker = new ResidentWorker({
      name: 'sync-worker',
      idleMs: options.idleMs ?? IDLE_MS,
      opening: () => ({
        init: { databasePath, ...(nativeBinding ? { nativeBinding } : {}), writeTurn, hlc, ...(clock.memory ? { clockMemory: clock.memory } : {}) },
        dataKey: options.copyDataKey(),
      }),
      // A worker ended inside a transaction never gave the turn back; SQLite rolled the transaction back.
      onExit: () => releaseTurnOfEndedWorker(writeTurn),
    });
  }

  /** Threads started so far. */
  get workersStarted(): number {
    return this.worker.started;
  }

  readOutbox(limit?: number): Promise<OutboxBatch> {
    return this.run({ kind: 'readOutbox', ...(limit === undefined ? {} : { limit }) }, outboxResult);
  }

  outboxHead(): Promise<number> {
    return this.run({ kind: 'outboxHead' }, z.number().int().min(0));
  }

  auditRowsAfter(after: number): Promise<PushedAuditRow[]> {
    return this.run({ kind: 'auditRowsAfter', after }, auditRowsResult);
  }

  pushedEvidence(): Promise<PushedEvidence[]> {
    return this.run({ kind: 'pushedEvidence' }, pushedEvidenceResult);
  }

  evidenceChunk(evidenceId: string, index: number): Promise<Buffer | null> {
    return this.run({ kind: 'evidenceChunk', evidenceId, index }, chunkResult);
  }

  async markEvidenceUploaded(seq: number, now: number): Promise<void> {
    await this.run({ kind: 'markEvidenceUploaded', seq, now }, nothing);
  }

  evidenceWithoutBytes(): Promise<MissingEvidence[]> {
    return this.run({ kind: 'evidenceWithoutBytes' }, missingEvidenceResult);
  }

  copyHeldEvidence(evidence: MissingEvidence): Promise<boolean> {
    return this.run({ kind: 'copyHeldEvidence', evidence }, z.boolean());
  }

  heldEvidenceChunks(evidenceId: string): Promise<number> {
    return this.run({ kind: 'heldEvidenceChunks', evidenceId }, z.number().int().min(0));
  }

  stageEvidenceChunk(evidenceId: string, index: number, bytes: Uint8Array): Promise<boolean> {
    // A copy of just these bytes: a view is cloned with the whole buffer under it.
    return this.run({ kind: 'stageEvidenceChunk', evidenceId, index, bytes: new Uint8Array(bytes) }, z.boolean());
  }

  async dropStagedEvidence(evidenceId: string): Promise<void> {
    await this.run({ kind: 'dropStagedEvidence', evidenceId }, nothing);
  }

  completeEvidence(evidence: MissingEvidence): Promise<'stored' | 'damaged' | 'gone'> {
    return this.run({ kind: 'completeEvidence', evidence }, z.enum(['stored', 'damaged', 'gone']));
  }

  async markPushed(pushed: PushBatch | number, changes: readonly PushedChange[]): Promise<void> {
    await this.run({ kind: 'markPushed', pushed, changes: [...changes] }, nothing);
  }

  applyPull(items: readonly unknown[], next: number, after?: number): Promise<PullOutcome> {
    return this.run({ kind: 'applyPull', items: [...items], next, ...(after === undefined ? {} : { after }) }, pullResult);
  }

  state(): Promise<SyncState> {
    return this.run({ kind: 'state' }, stateResult);
  }

  /** The round's end: the worker checkpoints what the round wrote, and the main thread's checkpoint is given back. */
  async recordRound(outcome: RoundOutcome): Promise<void> {
    try {
      await this.run({ kind: 'recordRound', outcome }, nothing);
    } finally {
      this.giveBackMainCheckpoints();
    }
  }

  /** Ends the worker and its connection (the vault closed, or sync was disconnected). */
  release(): Promise<void> {
    this.giveBackMainCheckpoints();
    return this.worker.release();
  }

  private run<T>(job: SyncJob, result: z.ZodType<T>): Promise<T> {
    this.releaseMainCheckpoints ??= this.options.mainCheckpoints?.hold() ?? null;
    return this.worker.run(job, result);
  }

  private giveBackMainCheckpoints(): void {
    this.releaseMainCheckpoints?.();
    this.releaseMainCheckpoints = null;
  }
}
