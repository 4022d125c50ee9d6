// Evidence blobs on the server (docs/SYNC.md, "Evidence blobs"): an organisation's evidence files,
// keyed by SHA-256 (held once per organisation, never across), uploaded in chunks that survive an
// interrupted upload, and made downloadable only once the whole file's hash is checked. Every call
// answers only for a blob that an evidence record the caller may read names: for any other hash, of
// this organisation or another, the answer is the same NOT_FOUND as for a hash nobody holds.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/dialect';
import {
  SYNC_LIMITS, blobChunkCount, blobChunkLength, type BlobStatus,
} from '../../src-shared/sync-protocol';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import { canReadScope, loadScopeAccess } from './access';

export interface ChunkUpload {
  sha256: string;
  index: number;
  /** The whole blob's size, as the uploader states it; the first chunk fixes it. */
  size: number;
  /** The chunk's own SHA-256, as the uploader states it: a chunk damaged on the way is refused at once. */
  chunkSha256: string;
  bytes: Buffer;
}

const notFound = (): SyncError => new SyncError('NOT_FOUND', 'No such blob.');

/** The hash field of an evidence record, read in the database's own JSON dialect (`fields` is JSON text). */
function evidenceSha256(db: Kysely<ServerDb>) {
  // The expression of the index `records_evidence_sha256` (migration 004), spelled the same so it is used.
  return isPostgres(db)
    ? sql<string>`((fields::jsonb) -> 'sha256' ->> 'value')`
    : sql<string>`json_extract(fields, '$.sha256.value')`;
}

/**
 * Whether the caller's member may read an investigation (or the organisation's shared scope) in which
 * an undeleted evidence record names `sha256`. Computed from the server's own records, like a pull.
 */
export async function mayReachBlob(db: Kysely<ServerDb>, context: DeviceContext, sha256: string): Promise<boolean> {
  const naming = await db.selectFrom('records').select('scope').distinct()
    // `tbl` as a literal, not a parameter: the index is partial (evidence rows only), and a planner
    // uses a partial index only when the query's own text implies its condition.
    .where('org_id', '=', context.orgId).where(sql<boolean>`tbl = 'evidence'`).where('deleted_hlc', 'is', null)
    .where(evidenceSha256(db), '=', sha256)
    .execute();
  if (naming.length === 0) return false;
  const access = await loadScopeAccess(db, context.orgId, context.memberId, naming.map((row) => row.scope));
  return naming.some((row) => canReadScope(context.role, row.scope, access));
}

async function requireReachable(db: Kysely<ServerDb>, context: DeviceContext, sha256: string): Promise<void> {
  if (!(await mayReachBlob(db, context, sha256))) throw notFound();
}

/** What the organisation holds of a blob: its size, whether it is complete, which chunks arrived. */
export async function readBlobStatus(db: Kysely<ServerDb>, context: DeviceContext, sha256: string): Promise<BlobStatus> {
  await requireReachable(db, context, sha256);
  const blob = await db.selectFrom('blobs').select(['size', 'completed_at'])
    .where('org_id', '=', context.orgId).where('sha256', '=', sha256).executeTakeFirst();
  const chunks = await db.selectFrom('blob_chunks').select('idx')
    .where('org_id', '=', context.orgId).where('sha256', '=', sha256).orderBy('idx').execute();
  return { sha256, size: blob?.size ?? null, complete: blob?.completed_at != null, chunks: chunks.map((row) => Number(row.idx)) };
}

/** Checks a chunk against its own statements before anything is read from the database. */
function checkChunk(upload: ChunkUpload): void {
  if (!Number.isSafeInteger(upload.size) || upload.size < 1) throw new SyncError('INVALID_REQUEST', 'The blob size must be a positive whole number of bytes.');
  if (upload.size > SYNC_LIMITS.blobBytes) {
    throw new SyncError('PAYLOAD_TOO_LARGE', 'The blob is over the size limit.', { limitBytes: SYNC_LIMITS.blobBytes });
  }
  const count = blobChunkCount(upload.size);
  if (upload.index >= count) throw new SyncError('INVALID_REQUEST', `A blob of ${upload.size} bytes has chunks 0 to ${count - 1}.`, { chunks: count });
  const expected = blobChunkLength(upload.size, upload.index);
  if (upload.bytes.length !== expected) {
    throw new SyncError('INVALID_REQUEST', `Chunk ${upload.index} must be ${expected} bytes; ${upload.bytes.length} arrived.`, { expectedBytes: expected });
  }
  if (createHash('sha256').update(upload.bytes).digest('hex') !== upload.chunkSha256) {
    throw new SyncError('BLOB_HASH_MISMATCH', `Chunk ${upload.index} does not match its SHA-256; send it again.`, { chunk: upload.index });
  }
}

/**
 * Keeps one chunk. The first chunk of a blob creates it with the size it states; a later chunk
 * stating another size is refused. A chunk already held, or any chunk of a complete blob, changes
 * nothing (`stored: false`), so a resent chunk is harmless.
 */
export async function storeBlobChunk(db: Kysely<ServerDb>, context: DeviceContext, upload: ChunkUpload, now: number): Promise<{ stored: boolean }> {
  checkChunk(upload);
  await requireReachable(db, context, upload.sha256);
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('blobs').values({ org_id: context.orgId, sha256: upload.sha256, size: upload.size, created_at: now, completed_at: null })
      .onConflict((conflict) => conflict.columns(['org_id', 'sha256']).doNothing()).execute();
    const blob = await trx.selectFrom('blobs').select(['size', 'completed_at'])
      .where('org_id', '=', context.orgId).where('sha256', '=', upload.sha256).executeTakeFirstOrThrow();
    if (Number(blob.size) !== upload.size) {
      throw new SyncError('INVALID_REQUEST', `This blob is ${blob.size} bytes, not ${upload.size}.`, { size: Number(blob.size) });
    }
    if (blob.completed_at !== null) return { stored: false };
    const inserted = await trx.insertInto('blob_chunks')
      .values({ org_id: context.orgId, sha256: upload.sha256, idx: upload.index, bytes: upload.bytes })
      .onConflict((conflict) => conflict.columns(['org_id', 'sha256', 'idx']).doNothing())
      .executeTakeFirst();
    return { stored: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
  });
}

/** The SHA-256 of the chunks held, read one chunk at a time (a 200 MiB blob never sits in memory). */
async function hashOfChunks(db: Kysely<ServerDb>, orgId: string, sha256: string, count: number): Promise<string> {
  const hash = createHash('sha256');
  for (let index = 0; index < count; index += 1) {
    const chunk = await db.selectFrom('blob_chunks').select('bytes')
      .where('org_id', '=', orgId).where('sha256', '=', sha256).where('idx', '=', index).executeTakeFirstOrThrow();
    hash.update(chunk.bytes);
  }
  return hash.digest('hex');
}

/**
 * Completes an upload: every chunk held, and the bytes' SHA-256 the blob's address. A mismatch drops
 * the chunks (one of them was wrong, and which cannot be known) and is BLOB_HASH_MISMATCH: the
 * uploader starts again. Completing a complete blob is a no-op.
 */
export async function completeBlob(db: Kysely<ServerDb>, context: DeviceContext, sha256: string, now: number): Promise<BlobStatus> {
  const status = await readBlobStatus(db, context, sha256);
  if (status.complete) return status;
  if (status.size === null) throw new SyncError('INVALID_REQUEST', 'No chunk of this blob has arrived yet.', { missing: [0] });
  const count = blobChunkCount(status.size);
  const held = new Set(status.chunks);
  const missing = Array.from({ length: count }, (_, index) => index).filter((index) => !held.has(index));
  if (missing.length > 0) {
    throw new SyncError('INVALID_REQUEST', `${missing.length} of the blob's ${count} chunks have not arrived.`, { missing: missing.slice(0, 100) });
  }
  const actual = await hashOfChunks(db, context.orgId, sha256, count);
  if (actual !== sha256) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('blob_chunks').where('org_id', '=', context.orgId).where('sha256', '=', sha256).execute();
      await trx.deleteFrom('blobs').where('org_id', '=', context.orgId).where('sha256', '=', sha256).where('completed_at', 'is', null).execute();
    });
    throw new SyncError('BLOB_HASH_MISMATCH', 'The chunks received do not make the file this blob names; upload it again.', { expected: sha256, actual });
  }
  await db.updateTable('blobs').set({ completed_at: now })
    .where('org_id', '=', context.orgId).where('sha256', '=', sha256).where('completed_at', 'is', null).execute();
  return { ...status, complete: true };
}

/** One chunk of a complete blob; an incomplete one is not there yet (NOT_FOUND, like a hash nobody holds). */
export async function readBlobChunk(db: Kysely<ServerDb>, context: DeviceContext, sha256: string, index: number): Promise<Buffer> {
  await requireReachable(db, context, sha256);
  const blob = await db.selectFrom('blobs').select('completed_at')
    .where('org_id', '=', context.orgId).where('sha256', '=', sha256).executeTakeFirst();
  if (blob?.completed_at == null) throw notFound();
  const chunk = await db.selectFrom('blob_chunks').select('bytes')
    .where('org_id', '=', context.orgId).where('sha256', '=', sha256).where('idx', '=', index).executeTakeFirst();
  if (!chunk) throw notFound();
  return chunk.bytes;
}
