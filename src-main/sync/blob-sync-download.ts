// Fetching evidence blobs (docs/SYNC.md, "Evidence blobs"): the bytes of evidence records pulled from
// other devices, a chunk at a time into the vault's staging key, checked whole against the record's
// SHA-256 before the vault keeps them (evidence-blob-vault.ts). An interrupted download resumes from
// what the vault holds. A file the vault already holds under another evidence row is copied, not fetched.
import { SYNC_LIMITS, blobChunkCount, blobChunkLength } from '../../src-shared/sync-protocol';
import { EvidenceFileTally, type EvidenceFileListener } from './blob-progress';
import type { WaitingFiles } from './blob-waits';
import type { EvidenceBlobVault, MissingEvidence } from './evidence-blob-vault';
import { passOverNotFound } from './blob-sync-upload';
import { SyncTransportError, type BlobApi } from './transport';

type FetchOutcome = 'stored' | 'copied' | 'not_ready' | 'damaged' | 'gone';

/**
 * Copies the file from another evidence row of the vault when one holds it whole; otherwise fetches
 * its missing chunks and hands it to the vault to check whole, one chunk in memory at a time.
 */
async function fetchOne(vault: EvidenceBlobVault, api: BlobApi, evidence: MissingEvidence, tally: EvidenceFileTally): Promise<FetchOutcome> {
  // Before any call: a file held here costs the server nothing, not even a status.
  if (await vault.copyHeldEvidence(evidence)) return 'copied';
  const status = await passOverNotFound(() => api.blobStatus(evidence.sha256));
  if (status === null || !status.complete) return 'not_ready';
  const count = blobChunkCount(evidence.size);
  const held = await vault.heldEvidenceChunks(evidence.id);
  // Held chunks are the file's first ones, each of the protocol's full length.
  tally.started(Math.min(held * SYNC_LIMITS.blobChunkBytes, evidence.size));
  for (let index = held; index < count; index += 1) {
    const bytes = await api.getBlobChunk(evidence.sha256, index);
    if (bytes.length !== blobChunkLength(evidence.size, index)) {
      await vault.dropStagedEvidence(evidence.id);
      return 'damaged';
    }
    if (!(await vault.stageEvidenceChunk(evidence.id, index, bytes))) return 'gone';
    tally.moved(bytes.length);
  }
  return vault.completeEvidence(evidence);
}

/**
 * Fetches (or copies, when the vault holds the same file under another evidence row) the bytes of
 * every evidence record the vault holds without them. A blob not on the server
 * yet (its uploader has not finished) or not ours to read is left for a later round. A file whose
 * bytes do not make its hash is dropped and named in a BLOB_HASH_MISMATCH thrown after the others
 * are fetched, so the round reports it and the next round fetches it again.
 */
export interface DownloadRound {
  now: () => number;
  onProgress?: EvidenceFileListener | undefined;
  /** Files the server did not hold complete in earlier rounds (blob-waits.ts). */
  waits: WaitingFiles;
  /** The runner's own round (its timer): a file still in its wait is not asked about. */
  scheduled: boolean;
}

export async function fetchMissingEvidence(vault: EvidenceBlobVault, api: BlobApi, round: DownloadRound): Promise<{ stored: number; copied: number; waiting: number }> {
  let stored = 0;
  let copied = 0;
  let waiting = 0;
  const damaged: string[] = [];
  const lacking = await vault.evidenceWithoutBytes();
  round.waits.keepOnly(new Set(lacking.map((evidence) => evidence.id)));
  const missing = round.scheduled ? lacking.filter((evidence) => round.waits.due(evidence.id, round.now())) : lacking;
  waiting += lacking.length - missing.length;
  const tally = new EvidenceFileTally('download', missing.map((evidence) => evidence.size), round.onProgress, round.now);
  for (const evidence of missing) {
    const outcome = await fetchOne(vault, api, evidence, tally);
    if (outcome === 'not_ready') round.waits.missed(evidence.id, round.now());
    else round.waits.forget(evidence.id);
    if (outcome === 'stored') stored += 1;
    else if (outcome === 'copied') copied += 1;
    else if (outcome === 'not_ready') waiting += 1;
    else if (outcome === 'damaged') damaged.push(evidence.id);
    // 'gone': the evidence row was removed meanwhile (a retention run), with what was staged of it.
    if (outcome === 'stored' || outcome === 'copied') tally.finished(evidence.size);
    else tally.notMoving(evidence.size);
  }
  if (damaged.length > 0) {
    throw new SyncTransportError('BLOB_HASH_MISMATCH', `${damaged.length} evidence file(s) arrived damaged and will be fetched again`, 0, { evidenceIds: damaged }, null);
  }
  return { stored, copied, waiting };
}
