// Uploading evidence blobs (docs/SYNC.md, "Evidence blobs"): the bytes of evidence this device added,
// once its record is pushed (the server lets a device send a blob only when a record it may read
// names it). The vault remembers how far uploads got (evidence-blob-vault.ts), so a round asks the
// server only about evidence pushed since; an interrupted upload resumes from the chunks the server
// says it holds.
import { blobChunkCount, blobChunkLength } from '../../src-shared/sync-protocol';
import { EvidenceFileTally, type EvidenceFileListener } from './blob-progress';
import type { EvidenceBlobVault, PushedEvidence } from './evidence-blob-vault';
import { SyncTransportError, type BlobApi } from './transport';

/** Sends the chunks the server lacks, one at a time (one chunk in memory), then asks it to check the whole. */
async function uploadOne(vault: EvidenceBlobVault, api: BlobApi, evidence: PushedEvidence, tally: EvidenceFileTally): Promise<void> {
  const held = new Set((await api.blobStatus(evidence.sha256)).chunks);
  const count = blobChunkCount(evidence.size);
  tally.started([...held].filter((index) => index < count).reduce((sum, index) => sum + blobChunkLength(evidence.size, index), 0));
  for (let index = 0; index < count; index += 1) {
    if (held.has(index)) continue;
    const bytes = await vault.evidenceChunk(evidence.id, index);
    if (bytes === null) throw new SyncTransportError('INVALID_REQUEST', `Evidence ${evidence.id} is missing chunk ${index} in this vault`, 0, { evidenceId: evidence.id, chunk: index }, null);
    if (bytes.length !== blobChunkLength(evidence.size, index)) {
      throw new SyncTransportError('INVALID_REQUEST', `Evidence ${evidence.id} is stored in chunks the sync protocol does not use`, 0, { evidenceId: evidence.id, chunk: index }, null);
    }
    await api.putBlobChunk(evidence.sha256, index, evidence.size, bytes);
    tally.moved(bytes.length);
  }
  await api.completeBlob(evidence.sha256);
}

/**
 * Uploads the blobs of pushed evidence, in change-log order, moving the cursor past each one the
 * server holds complete. Evidence the server will not take from us (NOT_FOUND: its record was evicted
 * or is no longer ours to read) is passed over. A completion the server refuses (the chunks it holds
 * do not make the file: it dropped them) is tried once more from the start; any other failure stops
 * the uploads where they are, to resume next round.
 */
export async function uploadPushedEvidence(vault: EvidenceBlobVault, api: BlobApi, now: () => number, onProgress?: EvidenceFileListener): Promise<number> {
  let uploaded = 0;
  const pushed = await vault.pushedEvidence();
  const tally = new EvidenceFileTally('upload', pushed.map((evidence) => evidence.size), onProgress, now);
  for (const evidence of pushed) {
    const status = await passOverNotFound(() => api.blobStatus(evidence.sha256));
    if (status !== null && !status.complete) {
      try {
        await uploadOne(vault, api, evidence, tally);
      } catch (error) {
        if (!(error instanceof SyncTransportError && error.code === 'BLOB_HASH_MISMATCH')) throw error;
        // The server dropped every chunk: what was counted of this file is sent again.
        tally.restartFile();
        await uploadOne(vault, api, evidence, tally);
      }
      uploaded += 1;
    }
    await vault.markEvidenceUploaded(evidence.seq, now());
    if (status === null) tally.notMoving(evidence.size);
    else tally.finished(evidence.size);
  }
  return uploaded;
}

/** The call's answer, or null when the server says the blob is not there for us. */
export async function passOverNotFound<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SyncTransportError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
