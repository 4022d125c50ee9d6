// A device talking to a real sync server about evidence: it pushes evidence records the way a vault
// does and moves blobs over the blob routes, every call through `app.inject`.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  BLOB_SIZE_HEADER, CHUNK_SHA256_HEADER, SYNC_LIMITS, blobChunkCount, type BlobStatus,
} from '../../../../src-shared/sync-protocol';
import { bearer, VERSIONS, type PlatformFixture } from '../platform/platform-fixture';

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A file of `chunks` chunks, the last one short, random so two files never share a hash. */
export function fileOf(chunks: number): Buffer {
  return randomBytes((chunks - 1) * SYNC_LIMITS.blobChunkBytes + 1234);
}

export function chunkOf(file: Buffer, index: number): Buffer {
  return file.subarray(index * SYNC_LIMITS.blobChunkBytes, (index + 1) * SYNC_LIMITS.blobChunkBytes);
}

export class BlobDevice {
  private pushedSeq = 0;
  private counter = 0;

  constructor(private readonly app: FastifyInstance, private readonly fixture: PlatformFixture, readonly token: string) {}

  private hlc(): string {
    this.counter += 1;
    return `${String(this.fixture.now).padStart(15, '0')}-${this.counter.toString(16).padStart(6, '0')}`;
  }

  /** Pushes records as one batch, every field stamped now; throws on a refusal. */
  async push(changes: { table: string; id: string; values: Record<string, unknown> }[]): Promise<void> {
    const after = this.pushedSeq;
    const hlc = this.hlc();
    const response = await this.app.inject({
      method: 'POST', url: '/v1/push', headers: bearer(this.token), payload: {
        ...VERSIONS, batch: { after, upto: after + changes.length }, auditHead: null,
        changes: changes.map((change, index) => ({
          table: change.table, id: change.id, seq: after + index + 1,
          fields: Object.fromEntries(Object.entries(change.values).map(([name, value]) => [name, { value, hlc, base: null }])),
        })),
      },
    });
    if (response.statusCode !== 200) throw new Error(`push refused: ${response.body}`);
    this.pushedSeq = after + changes.length;
  }

  async createCase(id: string): Promise<void> {
    await this.push([{ table: 'investigations', id, values: { title: `Case ${id}`, status: 'open' } }]);
  }

  async addEvidence(id: string, investigationId: string, file: Buffer): Promise<void> {
    await this.push([{ table: 'evidence', id, values: { investigation_id: investigationId, file_name: `${id}.bin`, size: file.length, sha256: sha256Of(file) } }]);
  }

  status(sha256: string) {
    return this.app.inject({ method: 'GET', url: `/v1/blobs/${sha256}`, headers: bearer(this.token) });
  }

  async heldChunks(sha256: string): Promise<BlobStatus> {
    const response = await this.status(sha256);
    if (response.statusCode !== 200) throw new Error(`status refused: ${response.body}`);
    return response.json<BlobStatus>();
  }

  /** The headers of an upload of chunk `index` of `file` (no versions stated). */
  chunkHeaders(file: Buffer, index: number, chunkSha256 = sha256Of(chunkOf(file, index))): Record<string, string> {
    return { ...bearer(this.token), 'content-type': 'application/octet-stream', [BLOB_SIZE_HEADER]: String(file.length), [CHUNK_SHA256_HEADER]: chunkSha256 };
  }

  /** Sends chunk `index` of `file`; `bytes` replaces what is sent (its own hash goes with it unless `chunkSha256` says otherwise). */
  putChunk(file: Buffer, index: number, bytes = chunkOf(file, index), chunkSha256 = sha256Of(bytes)) {
    return this.app.inject({
      method: 'PUT', url: `/v1/blobs/${sha256Of(file)}/chunks/${index}`, payload: bytes, headers: this.chunkHeaders(file, index, chunkSha256),
    });
  }

  complete(sha256: string) {
    return this.app.inject({ method: 'POST', url: `/v1/blobs/${sha256}/complete`, headers: bearer(this.token) });
  }

  getChunk(sha256: string, index: number) {
    return this.app.inject({ method: 'GET', url: `/v1/blobs/${sha256}/chunks/${index}`, headers: bearer(this.token) });
  }

  /** Uploads every chunk the server lacks, then completes. */
  async upload(file: Buffer): Promise<void> {
    const held = new Set((await this.heldChunks(sha256Of(file))).chunks);
    for (let index = 0; index < blobChunkCount(file.length); index += 1) {
      if (held.has(index)) continue;
      const response = await this.putChunk(file, index);
      if (response.statusCode !== 200) throw new Error(`chunk refused: ${response.body}`);
    }
    const done = await this.complete(sha256Of(file));
    if (done.statusCode !== 200) throw new Error(`complete refused: ${done.body}`);
  }

  /** Downloads every chunk and joins them. */
  async download(sha256: string, size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let index = 0; index < blobChunkCount(size); index += 1) {
      const response = await this.getChunk(sha256, index);
      if (response.statusCode !== 200) throw new Error(`download refused: ${response.body}`);
      parts.push(response.rawPayload);
    }
    return Buffer.concat(parts);
  }
}

/** A device of a new member of `orgId`, enrolled over HTTP, with its access token. */
export async function blobDevice(app: FastifyInstance, fixture: PlatformFixture, orgId: string, name: string, role: Parameters<PlatformFixture['member']>[2]): Promise<BlobDevice & { memberId: string }> {
  const memberId = await fixture.member(orgId, name, role);
  const enrolled = await fixture.enrol(app, orgId, memberId, `dev-${name.toLowerCase()}`);
  const device = new BlobDevice(app, fixture, await fixture.accessToken(app, enrolled));
  return Object.assign(device, { memberId });
}
