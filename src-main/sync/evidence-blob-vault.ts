// What a round's evidence-blob work (blob-sync*.ts) reads and writes in the vault, apart from its
// HTTP calls: in the app these run in the sync worker as SyncStore jobs (sync-worker-store.ts), so no
// chunk is read, written, hashed or moved on the main thread's connection; on a connection of this
// thread in tests (DirectSyncStore).
//
// Uploads: the evidence this device added whose record the server has acknowledged, past a
// device-local cursor over this device's change log, so a round asks the server only about evidence
// pushed since.
// Downloads: chunks arrive into a staging key of evidence_blobs (`sync-incoming:<evidence id>`, a key
// no evidence row has, so the vault shows nothing of them and may drop them); only a file whose whole
// SHA-256 matches its record is moved under the evidence's own id, a few chunks per transaction. An
// interrupted download resumes from what is staged (or already moved). Staged chunks go with their
// evidence row when an eviction removes it (evict.ts), and the vault drops every staged chunk when it
// opens (evidence-repository.ts): a restart fetches them again.
// A file the vault already holds whole under another evidence row (the same capture in two cases, a
// file this vault added itself) is copied from there instead of fetched.
import { createHash } from 'node:crypto';
import { SYNC_LIMITS, blobChunkCount, blobChunkLength } from '../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../store/database';
import { thisDevice } from './local-changes';
import { readSyncState } from './sync-state';

/** A value now (a connection of this thread) or later (the sync worker's). */
export type Eventually<T> = T | Promise<T>;

export interface MissingEvidence {
  id: string;
  sha256: string;
  size: number;
}

export interface PushedEvidence extends MissingEvidence {
  /** The change-log entry that added it. */
  seq: number;
}

export interface EvidenceBlobVault {
  /** Evidence this device added whose record the server has acknowledged and whose blob is not known to be there yet, in change-log order. */
  pushedEvidence(): Eventually<PushedEvidence[]>;
  /** Chunk `index` of the evidence's file as the vault holds it; null when it holds no such chunk. */
  evidenceChunk(evidenceId: string, index: number): Eventually<Buffer | null>;
  /** The server holds the blob of the evidence added by change-log entry `seq`: the cursor moves past it. */
  markEvidenceUploaded(seq: number, now: number): Eventually<void>;
  /** Evidence rows whose file the vault does not hold whole. */
  evidenceWithoutBytes(): Eventually<MissingEvidence[]>;
  /**
   * The file copied from another evidence row of the vault that holds the same bytes whole, checked
   * against the SHA-256 as a download is; false when no row does (the file is fetched instead).
   */
  copyHeldEvidence(evidence: MissingEvidence): Eventually<boolean>;
  /** Chunks of the evidence the vault holds so far, moved or staged: a download goes on from there. */
  heldEvidenceChunks(evidenceId: string): Eventually<number>;
  /** False when the evidence row is gone (removed mid-download): nothing was staged. */
  stageEvidenceChunk(evidenceId: string, index: number, bytes: Uint8Array): Eventually<boolean>;
  /** The staged chunks dropped (a chunk of the wrong length arrived). */
  dropStagedEvidence(evidenceId: string): Eventually<void>;
  /**
   * The file checked whole against its record's SHA-256: kept under the evidence's id when it
   * matches, its staged chunks dropped when it does not; `gone` when the evidence row was removed
   * meanwhile (its chunks went with it).
   */
  completeEvidence(evidence: MissingEvidence): Eventually<'stored' | 'damaged' | 'gone'>;
}

/** The last change-log seq whose evidence blob is on the server (a device-local setting: it never syncs). */
const UPLOAD_CURSOR_KEY = 'sync_blob_upload_seq';
/** Chunks moved from the staging key (or copied) per transaction (about 4 MiB, as evidence-repository.ts writes them). */
const CHUNKS_PER_MOVE = 4;

/** Chunk ranges [first, end) from `from` to `to`, CHUNKS_PER_MOVE each: one transaction apiece. */
function* moveBatches(from: number, to: number): Generator<[number, number]> {
  for (let first = from; first < to; first += CHUNKS_PER_MOVE) yield [first, Math.min(to, first + CHUNKS_PER_MOVE)];
}

/**
 * Whether evidence row `e` holds its whole file, given the chunk size as the parameter: it holds the
 * last chunk, as chunks are written in order and only once the whole file was hashed (an import, a
 * download's move). The parameter is cast: SQLite gets a bound number as a REAL, and the division
 * would then be no chunk index (every file would look missing).
 */
const HOLDS_WHOLE_FILE = 'EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.evidence_id = e.id AND b.seq = (e.size - 1) / CAST(? AS INTEGER))';

/** What a staging key starts with: `stagingKey` in JavaScript, `? || id` in SQL (retention-apply.ts). */
export const STAGING_KEY_PREFIX = 'sync-incoming:';

export const stagingKey = (evidenceId: string): string => `${STAGING_KEY_PREFIX}${evidenceId}`;

/**
 * Drops the chunks of the evidence's download staged so far. Also called by evictions (evict.ts), in
 * their transaction: a download cut before its evidence row was evicted leaves nothing of the file.
 */
export function dropStagedChunks(db: SqliteDatabase, evidenceId: string): void {
  db.prepare('DELETE FROM evidence_blobs WHERE evidence_id = ?').run(stagingKey(evidenceId));
}

/** The vault's side of blob sync on one connection. */
export class DirectEvidenceBlobVault implements EvidenceBlobVault {
  constructor(protected readonly db: () => SqliteDatabase) {}

  pushedEvidence(): PushedEvidence[] {
    const db = this.db();
    const { pushedSeq } = readSyncState(db);
    const device = thisDevice(db);
    return db.prepare<[string, number, number], PushedEvidence>(
      `SELECT c.seq, e.id, e.sha256, e.size FROM change_log c JOIN evidence e ON e.id = c.row_id
       WHERE c.table_name = 'evidence' AND c.origin_device = ? AND c.seq > ? AND c.seq <= ? AND e.deleted_at IS NULL
       ORDER BY c.seq`,
    ).all(device.number, this.uploadCursor(), pushedSeq);
  }

  evidenceChunk(evidenceId: string, index: number): Buffer | null {
    return this.db().prepare<[string, number], { bytes: Buffer }>('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? AND seq = ?').get(evidenceId, index)?.bytes ?? null;
  }

  markEvidenceUploaded(seq: number, now: number): void {
    const db = this.db();
    // Written like the device id (store/row-context.ts): no HLC, no change-log entry.
    db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_hlc, origin_device) VALUES (?, ?, ?, '', ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(UPLOAD_CURSOR_KEY, JSON.stringify(seq), now, thisDevice(db).id);
  }

  evidenceWithoutBytes(): MissingEvidence[] {
    return this.db().prepare<[number], MissingEvidence>(
      `SELECT e.id, e.sha256, e.size FROM evidence e
       WHERE e.deleted_at IS NULL AND e.size > 0 AND NOT ${HOLDS_WHOLE_FILE}
       ORDER BY e.id`,
    ).all(SYNC_LIMITS.blobChunkBytes);
  }

  copyHeldEvidence(evidence: MissingEvidence): boolean {
    if (evidence.size <= 0) return false;
    // A scan of the evidence table (no index on sha256), once per file the vault lacks.
    const holders = this.db().prepare<[string, number, string, number], string>(
      `SELECT e.id FROM evidence e
       WHERE e.sha256 = ? AND e.size = ? AND e.id <> ? AND ${HOLDS_WHOLE_FILE}
       ORDER BY e.id`,
    ).pluck().all(evidence.sha256, evidence.size, evidence.id, SYNC_LIMITS.blobChunkBytes);
    return holders.some((holderId) => this.holdsWholeFile(holderId, evidence) && this.copyChunks(holderId, evidence));
  }

  heldEvidenceChunks(evidenceId: string): number {
    return this.chunkCount(evidenceId) + this.chunkCount(stagingKey(evidenceId));
  }

  stageEvidenceChunk(evidenceId: string, index: number, bytes: Uint8Array): boolean {
    // Only while the evidence row is there: a retention run may remove it mid-download (it drops
    // what was staged with the row), and a chunk staged after that would belong to nothing.
    const staged = this.db().prepare('INSERT INTO evidence_blobs (evidence_id, seq, bytes) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM evidence WHERE id = ?)')
      .run(stagingKey(evidenceId), index, bytes, evidenceId);
    return staged.changes > 0;
  }

  dropStagedEvidence(evidenceId: string): void {
    dropStagedChunks(this.db(), evidenceId);
  }

  completeEvidence(evidence: MissingEvidence): 'stored' | 'damaged' | 'gone' {
    const moved = this.chunkCount(evidence.id);
    const staged = this.chunkCount(stagingKey(evidence.id));
    const hash = createHash('sha256');
    const read = this.db().prepare<[string, number], { bytes: Buffer }>('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? AND seq = ?');
    // One chunk in memory at a time: the moved ones first, then the staged ones after them.
    for (let index = 0; index < moved + staged; index += 1) {
      const row = read.get(index < moved ? evidence.id : stagingKey(evidence.id), index);
      if (!row) {
        this.dropStagedEvidence(evidence.id);
        return 'damaged';
      }
      hash.update(row.bytes);
    }
    if (hash.digest('hex') !== evidence.sha256) {
      this.dropStagedEvidence(evidence.id);
      return 'damaged';
    }
    return this.moveStaged(evidence.id, moved, moved + staged) ? 'stored' : 'gone';
  }

  /**
   * Moves the staged chunks under the evidence's id, a few per transaction (each takes the write turn
   * on its own); false when the evidence row went meanwhile (a retention run), its chunks with it.
   */
  private moveStaged(evidenceId: string, from: number, to: number): boolean {
    const db = this.db();
    const copy = db.prepare('INSERT INTO evidence_blobs (evidence_id, seq, bytes) SELECT ?, seq, bytes FROM evidence_blobs WHERE evidence_id = ? AND seq >= ? AND seq < ?');
    const drop = db.prepare('DELETE FROM evidence_blobs WHERE evidence_id = ? AND seq >= ? AND seq < ?');
    const move = db.transaction((first: number, end: number) => {
      if (!this.hasEvidenceRow(evidenceId)) return false;
      copy.run(evidenceId, stagingKey(evidenceId), first, end);
      drop.run(stagingKey(evidenceId), first, end);
      return true;
    });
    for (const [first, end] of moveBatches(from, to)) {
      if (!move.immediate(first, end)) return false;
    }
    return true;
  }

  /**
   * Whether the holder's chunks make the evidence's file: laid out as the sync protocol's chunks (as a
   * download would store them), every one there, and their whole SHA-256 the record's. Hashed, not
   * trusted from the last chunk alone: a copy must be as sure as a download checked by completeEvidence.
   * A read, outside any transaction: the write turn is not held while a file of up to 200 MiB hashes.
   */
  private holdsWholeFile(holderId: string, evidence: MissingEvidence): boolean {
    const hash = createHash('sha256');
    // One chunk in memory at a time.
    for (let index = 0; index < blobChunkCount(evidence.size); index += 1) {
      const bytes = this.evidenceChunk(holderId, index);
      if (bytes === null || bytes.length !== blobChunkLength(evidence.size, index)) return false;
      hash.update(bytes);
    }
    return hash.digest('hex') === evidence.sha256;
  }

  /**
   * Copies the holder's chunks under the evidence's id, a few a transaction as a download's move does
   * (a main-thread write waits for one batch, not for a 200 MiB file); the bytes go from table to table
   * inside SQLite, none through this thread. A copy cut between batches shows no file yet (the last
   * chunk is missing) and the next round copies the rest. The chunks hashed just before are the ones
   * copied: chunks are never updated (a trigger), and those of an evidence row that is still there are
   * never deleted, so the holder still holding them all is enough. Chunks a cut download already moved
   * under the evidence's id are the start of the same file (checked with it whole) and stay; a staged
   * download is dropped.
   */
  private copyChunks(holderId: string, evidence: MissingEvidence): boolean {
    const db = this.db();
    const count = blobChunkCount(evidence.size);
    const chunksOf = db.prepare<[string, number], number>('SELECT count(*) FROM evidence_blobs WHERE evidence_id = ? AND seq < ?').pluck();
    const copy = db.prepare(
      `INSERT INTO evidence_blobs (evidence_id, seq, bytes)
       SELECT ?, seq, bytes FROM evidence_blobs WHERE evidence_id = ? AND seq >= ? AND seq < ?
         AND seq NOT IN (SELECT seq FROM evidence_blobs WHERE evidence_id = ?)`,
    );
    const copyBatch = db.transaction((first: number, end: number) => {
      // Evicted meanwhile (the copied chunks would belong to no row), or the holder gone.
      if (!this.hasEvidenceRow(evidence.id) || !this.hasEvidenceRow(holderId) || chunksOf.get(holderId, count) !== count) return false;
      copy.run(evidence.id, holderId, first, end, evidence.id);
      if (end === count) dropStagedChunks(db, evidence.id);
      return true;
    });
    for (const [first, end] of moveBatches(0, count)) {
      if (!copyBatch.immediate(first, end)) return false;
    }
    return true;
  }

  private uploadCursor(): number {
    const row = this.db().prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(UPLOAD_CURSOR_KEY);
    return row ? Number(JSON.parse(row.value)) : 0;
  }

  /** Whether the evidence row is still there (an eviction or a retention run may have removed it meanwhile). */
  private hasEvidenceRow(evidenceId: string): boolean {
    return this.db().prepare<[string], number>('SELECT 1 FROM evidence WHERE id = ?').pluck().get(evidenceId) !== undefined;
  }

  private chunkCount(key: string): number {
    return this.db().prepare<[string], { n: number }>('SELECT count(*) AS n FROM evidence_blobs WHERE evidence_id = ?').get(key)?.n ?? 0;
  }
}
