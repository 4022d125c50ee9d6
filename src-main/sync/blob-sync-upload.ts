// Uploading evidence blobs (docs/SYNC.md, "Evidence blobs"): the bytes of evidence this device added,
// once its record is pushed (the server lets a device send a blob only when a record it may read
// names it). A device-local cursor over this device's change log remembers how far uploads got, so a
// round asks the server only about evidence pushed since; an interrupted upload resumes from the
// chunks the server says it holds.
import { blobChunkCount, blobChunkLength } from '../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../store/database';
import { thisDevice } from './local-changes';
import { readSyncState } from './sync-state';
import { SyncTransportError, type BlobApi } from './transport';

/** The last change-log seq whose evidence blob is on the server (a device-local setting: it never syncs). */
const UPLOAD_CURSOR_KEY = 'sync_blob_upload_seq';

interface PushedEvidence {
  seq: number;
  id: string;
  sha256: string;
  size: number;
}

export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function uploadCursor(db: SqliteDatabase): number {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(UPLOAD_CURSOR_KEY);
  return row ? Number(JSON.parse(row.value)) : 0;
}

function setUploadCursor(db: SqliteDatabase, seq: number, deviceId: string, now: number): void {
  // Written like the device id (store/row-context.ts): no HLC, no change-log entry.
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_hlc, origin_device) VALUES (?, ?, ?, '', ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(UPLOAD_CURSOR_KEY, JSON.stringify(seq), now, deviceId);
}

/** Evidence this device added whose record the server has acknowledged and whose blob is not known to be there yet. */
function pushedEvidence(db: SqliteDatabase): PushedEvidence[] {
  const { pushedSeq } = readSyncState(db);
  const device = thisDevice(db);
  return db.prepare<[string, number, number], PushedEvidence>(
    `SELECT c.seq, e.id, e.sha256, e.size FROM change_log c JOIN evidence e ON e.id = c.row_id
     WHERE c.table_name = 'evidence' AND c.origin_device = ? AND c.seq > ? AND c.seq <= ? AND e.deleted_at IS NULL
     ORDER BY c.seq`,
  ).all(device.number, uploadCursor(db), pushedSeq);
}

function vaultChunk(db: SqliteDatabase, evidenceId: string, index: number): Buffer {
  const row = db.prepare<[string, number], { bytes: Buffer }>('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? AND seq = ?').get(evidenceId, index);
  if (!row) throw new SyncTransportError('INVALID_REQUEST', `Evidence ${evidenceId} is missing chunk ${index} in this vault`, 0, { evidenceId, chunk: index }, null);
  return row.bytes;
}

/** Sends the chunks the server lacks, one at a time (one chunk in memory), then asks it to check the whole. */
async function uploadOne(db: SqliteDatabase, api: BlobApi, evidence: PushedEvidence): Promise<void> {
  const held = new Set((await api.blobStatus(evidence.sha256)).chunks);
  for (let index = 0; index < blobChunkCount(evidence.size); index += 1) {
    if (held.has(index)) continue;
    const bytes = vaultChunk(db, evidence.id, index);
    if (bytes.length !== blobChunkLength(evidence.size, index)) {
      throw new SyncTransportError('INVALID_REQUEST', `Evidence ${evidence.id} is stored in chunks the sync protocol does not use`, 0, { evidenceId: evidence.id, chunk: index }, null);
    }
    await api.putBlobChunk(evidence.sha256, index, evidence.size, bytes);
    await nextTurn();
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
export async function uploadPushedEvidence(db: SqliteDatabase, api: BlobApi, now: number): Promise<number> {
  const deviceId = thisDevice(db).id;
  let uploaded = 0;
  for (const evidence of pushedEvidence(db)) {
    const status = await passOverNotFound(() => api.blobStatus(evidence.sha256));
    if (status !== null && !status.complete) {
      try {
        await uploadOne(db, api, evidence);
      } catch (error) {
        if (!(error instanceof SyncTransportError && error.code === 'BLOB_HASH_MISMATCH')) throw error;
        await uploadOne(db, api, evidence);
      }
      uploaded += 1;
    }
    setUploadCursor(db, evidence.seq, deviceId, now);
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
