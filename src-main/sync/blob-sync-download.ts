// Fetching evidence blobs (docs/SYNC.md, "Evidence blobs"): the bytes of evidence records pulled from
// other devices. Chunks arrive into a staging key of evidence_blobs (`sync-incoming:<evidence id>`, a
// key no evidence row has, so the vault shows nothing of them and may drop them), hashed as they come;
// only a file whose whole SHA-256 matches its record is moved under the evidence's own id, a few
// chunks per transaction. An interrupted download resumes from what is staged (or already moved).
// The vault drops staged chunks when it opens (evidence-repository.ts): a restart fetches them again.
import { createHash, type Hash } from 'node:crypto';
import { SYNC_LIMITS, blobChunkCount, blobChunkLength } from '../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../store/database';
import { nextTurn, passOverNotFound } from './blob-sync-upload';
import { SyncTransportError, type BlobApi } from './transport';

/** Chunks moved from the staging key per transaction (about 4 MiB, as evidence-repository.ts writes them). */
const CHUNKS_PER_MOVE = 4;

interface MissingEvidence {
  id: string;
  sha256: string;
  size: number;
}

export const stagingKey = (evidenceId: string): string => `sync-incoming:${evidenceId}`;

/** Evidence rows whose last chunk the vault does not hold (chunks are written in order, so the last one says the file is whole). */
function evidenceWithoutBytes(db: SqliteDatabase): MissingEvidence[] {
  return db.prepare<[number], MissingEvidence>(
    `SELECT e.id, e.sha256, e.size FROM evidence e
     WHERE e.deleted_at IS NULL AND e.size > 0
       AND NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.evidence_id = e.id AND b.seq = (e.size - 1) / ?)
     ORDER BY e.id`,
  ).all(SYNC_LIMITS.blobChunkBytes);
}

function chunkCount(db: SqliteDatabase, key: string): number {
  return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM evidence_blobs WHERE evidence_id = ?').get(key)?.n ?? 0;
}

/** Feeds the chunks `key` holds from `from` up to `to` (exclusive) into `hash`, one at a time. */
function hashHeld(db: SqliteDatabase, key: string, from: number, to: number, hash: Hash): void {
  const read = db.prepare<[string, number], { bytes: Buffer }>('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? AND seq = ?');
  for (let index = from; index < to; index += 1) {
    const row = read.get(key, index);
    if (!row) throw new Error(`chunk ${index} of ${key} is not held`);
    hash.update(row.bytes);
  }
}

function dropStaged(db: SqliteDatabase, evidenceId: string): void {
  db.prepare('DELETE FROM evidence_blobs WHERE evidence_id = ?').run(stagingKey(evidenceId));
}

/** Moves the staged chunks under the evidence's id, a few per transaction. */
async function moveStaged(db: SqliteDatabase, evidenceId: string, from: number, to: number): Promise<void> {
  const copy = db.prepare('INSERT INTO evidence_blobs (evidence_id, seq, bytes) SELECT ?, seq, bytes FROM evidence_blobs WHERE evidence_id = ? AND seq >= ? AND seq < ?');
  const drop = db.prepare('DELETE FROM evidence_blobs WHERE evidence_id = ? AND seq >= ? AND seq < ?');
  const move = db.transaction((first: number, end: number) => {
    copy.run(evidenceId, stagingKey(evidenceId), first, end);
    drop.run(stagingKey(evidenceId), first, end);
  });
  for (let first = from; first < to; first += CHUNKS_PER_MOVE) {
    move(first, Math.min(to, first + CHUNKS_PER_MOVE));
    await nextTurn();
  }
}

type FetchOutcome = 'stored' | 'not_ready' | 'damaged';

/** Fetches one file's missing chunks, checks the whole hash, and stores it; one chunk in memory at a time. */
async function fetchOne(db: SqliteDatabase, api: BlobApi, evidence: MissingEvidence): Promise<FetchOutcome> {
  const status = await passOverNotFound(() => api.blobStatus(evidence.sha256));
  if (status === null || !status.complete) return 'not_ready';
  const count = blobChunkCount(evidence.size);
  const moved = chunkCount(db, evidence.id);
  const staged = chunkCount(db, stagingKey(evidence.id));
  const hash = createHash('sha256');
  hashHeld(db, evidence.id, 0, moved, hash);
  hashHeld(db, stagingKey(evidence.id), moved, moved + staged, hash);
  const stage = db.prepare('INSERT INTO evidence_blobs (evidence_id, seq, bytes) VALUES (?, ?, ?)');
  for (let index = moved + staged; index < count; index += 1) {
    const bytes = await api.getBlobChunk(evidence.sha256, index);
    if (bytes.length !== blobChunkLength(evidence.size, index)) {
      dropStaged(db, evidence.id);
      return 'damaged';
    }
    hash.update(bytes);
    stage.run(stagingKey(evidence.id), index, bytes);
  }
  if (hash.digest('hex') !== evidence.sha256) {
    dropStaged(db, evidence.id);
    return 'damaged';
  }
  await moveStaged(db, evidence.id, moved, count);
  return 'stored';
}

/**
 * Fetches the bytes of every evidence record the vault holds without them. A blob not on the server
 * yet (its uploader has not finished) or not ours to read is left for a later round. A file whose
 * bytes do not make its hash is dropped and named in a BLOB_HASH_MISMATCH thrown after the others
 * are fetched, so the round reports it and the next round fetches it again.
 */
export async function fetchMissingEvidence(db: SqliteDatabase, api: BlobApi): Promise<{ stored: number; waiting: number }> {
  let stored = 0;
  let waiting = 0;
  const damaged: string[] = [];
  for (const evidence of evidenceWithoutBytes(db)) {
    const outcome = await fetchOne(db, api, evidence);
    if (outcome === 'stored') stored += 1;
    else if (outcome === 'not_ready') waiting += 1;
    else damaged.push(evidence.id);
  }
  if (damaged.length > 0) {
    throw new SyncTransportError('BLOB_HASH_MISMATCH', `${damaged.length} evidence file(s) arrived damaged and will be fetched again`, 0, { evidenceIds: damaged }, null);
  }
  return { stored, waiting };
}
