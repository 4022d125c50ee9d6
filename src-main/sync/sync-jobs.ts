// The jobs the sync worker (workers/sync-worker.ts) serves for SyncWorkerStore: a SyncStore call
// each, checked on arrival like any message from another thread.
import { z } from 'zod';
import { pushBatch, pushedChange } from '../../src-shared/sync-protocol';
import type { RoundOutcome } from './sync-store';

/** A round's outcome as the worker receives it: the compiler holds it to `RoundOutcome`. */
const roundOutcome: z.ZodType<RoundOutcome> = z.object({ lastSyncAt: z.number().nullable().optional(), lastError: z.string().nullable().optional() }).strict();

/** An evidence row and the file it names (evidence-blob-vault.ts `MissingEvidence`). */
const missingEvidence = z.object({ id: z.string().min(1), sha256: z.string(), size: z.number().int().min(0) }).strict();

export const syncJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('readOutbox'), limit: z.number().int().positive().optional() }).strict(),
  z.object({ kind: z.literal('markPushed'), pushed: z.union([pushBatch, z.number().int().min(0)]), changes: z.array(pushedChange) }).strict(),
  // The items are checked by applyPull itself, as on any connection.
  z.object({ kind: z.literal('applyPull'), items: z.array(z.unknown()), next: z.number().int().min(0), after: z.number().int().min(0).optional() }).strict(),
  z.object({ kind: z.literal('state') }).strict(),
  z.object({ kind: z.literal('outboxHead') }).strict(),
  z.object({ kind: z.literal('auditRowsAfter'), after: z.number().int().min(0) }).strict(),
  // The evidence-blob side of a round (evidence-blob-vault.ts).
  z.object({ kind: z.literal('pushedEvidence') }).strict(),
  z.object({ kind: z.literal('evidenceChunk'), evidenceId: z.string().min(1), index: z.number().int().min(0) }).strict(),
  z.object({ kind: z.literal('markEvidenceUploaded'), seq: z.number().int().min(0), now: z.number() }).strict(),
  z.object({ kind: z.literal('evidenceWithoutBytes') }).strict(),
  z.object({ kind: z.literal('copyHeldEvidence'), evidence: missingEvidence }).strict(),
  z.object({ kind: z.literal('heldEvidenceChunks'), evidenceId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('stageEvidenceChunk'), evidenceId: z.string().min(1), index: z.number().int().min(0), bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes') }).strict(),
  z.object({ kind: z.literal('dropStagedEvidence'), evidenceId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('completeEvidence'), evidence: missingEvidence }).strict(),
  z.object({ kind: z.literal('recordRound'), outcome: roundOutcome }).strict(),
]);
export type SyncJob = z.infer<typeof syncJobSchema>;
