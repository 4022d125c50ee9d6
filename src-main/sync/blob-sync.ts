// Evidence blobs in a sync round (docs/SYNC.md, "Evidence blobs"): after the push, upload the files of
// evidence this device pushed; after the pull, fetch the files of evidence pulled without them (or
// copy them, when the vault already holds the same file under another evidence row). The
// runner calls `syncEvidenceBlobs` once per round, after pulling.
import type { EvidenceFileListener } from './blob-progress';
import type { WaitingFiles } from './blob-waits';
import { fetchMissingEvidence } from './blob-sync-download';
import type { EvidenceBlobVault } from './evidence-blob-vault';
import { uploadPushedEvidence } from './blob-sync-upload';
import type { BlobApi, SyncApi } from './transport';

export interface EvidenceBlobSync {
  /** The vault's side (in the app, the sync worker's jobs). */
  vault: EvidenceBlobVault;
  /** The runner's server; one without the blob calls (a test's stand-in for the records' calls) moves no blobs. */
  api: SyncApi | (SyncApi & BlobApi);
  now?: () => number;
  /** How far this round's files have moved, as they move (blob-progress.ts). */
  onProgress?: EvidenceFileListener;
  /** Files the server did not hold complete in earlier rounds, kept by the runner (blob-waits.ts). */
  waits: WaitingFiles;
  /** The runner's own round (its timer), not one the analyst started: files still in their wait are not asked about. */
  scheduled: boolean;
}

export interface EvidenceBlobOutcome {
  uploaded: number;
  downloaded: number;
  /** Pulled evidence whose file the vault already held under another evidence row: copied, not downloaded. */
  copied: number;
  /** Pulled evidence whose file the server does not hold complete yet (or is not ours to read). */
  waiting: number;
}

function hasBlobCalls(api: EvidenceBlobSync['api']): api is SyncApi & BlobApi {
  const calls = api as Partial<BlobApi>;
  return typeof calls.blobStatus === 'function' && typeof calls.putBlobChunk === 'function'
    && typeof calls.completeBlob === 'function' && typeof calls.getBlobChunk === 'function';
}

/** One round's blob work: uploads first (a file pushed here may be the one another device waits for), then downloads. */
export async function syncEvidenceBlobs(options: EvidenceBlobSync): Promise<EvidenceBlobOutcome | null> {
  if (!hasBlobCalls(options.api)) return null;
  const now = options.now ?? Date.now;
  const uploaded = await uploadPushedEvidence(options.vault, options.api, now, options.onProgress);
  const { stored, copied, waiting } = await fetchMissingEvidence(options.vault, options.api, {
    now, onProgress: options.onProgress, waits: options.waits, scheduled: options.scheduled,
  });
  return { uploaded, downloaded: stored, copied, waiting };
}
