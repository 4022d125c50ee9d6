// Evidence blobs over HTTP (docs/SYNC.md, "Evidence blobs"): status, chunk upload, completion and
// chunk download, each for the calling device's organisation only (src-server/sync/blobs.ts decides).
// Chunks travel as raw bytes (application/octet-stream), at most one chunk per request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import { z } from 'zod';
import {
  BLOB_SIZE_HEADER, CHUNK_SHA256_HEADER, PROTOCOL_HEADER, SCHEMA_HEADER, SYNC_LIMITS, blobSha256, type BlobStatus,
} from '../../src-shared/sync-protocol';
import { SyncError } from '../errors';
import { completeBlob, readBlobChunk, readBlobStatus, storeBlobChunk } from '../sync/blobs';
import { callingDevice, checkVersions, type RouteContext } from './route-context';

const blobParams = z.object({ sha256: blobSha256 });
const chunkParams = z.object({ sha256: blobSha256, index: z.coerce.number().int().min(0).max(1_000_000) });
const chunkHeaders = z.object({ [BLOB_SIZE_HEADER]: z.coerce.number().int(), [CHUNK_SHA256_HEADER]: blobSha256 });
const statedHeaders = z.object({ [PROTOCOL_HEADER]: z.coerce.number().int(), [SCHEMA_HEADER]: z.coerce.number().int() });

function blobMetrics(routes: RouteContext) {
  const registers = [routes.metrics.registry];
  return {
    bytesIn: new Counter({ name: 'vigil_sync_blob_bytes_received_total', help: 'Evidence blob bytes received in chunks newly stored', registers }),
    bytesOut: new Counter({ name: 'vigil_sync_blob_bytes_sent_total', help: 'Evidence blob bytes sent in chunk downloads', registers }),
    completions: new Counter({ name: 'vigil_sync_blob_completions_total', help: 'Blob completions by outcome', labelNames: ['outcome'], registers }),
  };
}

function chunkBody(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) throw new SyncError('INVALID_REQUEST', 'Send the chunk as raw bytes (Content-Type: application/octet-stream).');
  return request.body;
}

export function registerBlobRoutes(app: FastifyInstance, routes: RouteContext): void {
  const metrics = blobMetrics(routes);
  // Encapsulated, so the raw-bytes body parser serves these routes only.
  void app.register(async (blobs) => {
    blobs.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    // Versions from the headers, before a chunk's body is read, as the JSON calls check theirs first.
    blobs.addHook('onRequest', async (request) => {
      const stated = statedHeaders.safeParse(request.headers);
      if (stated.success) checkVersions({ protocol: stated.data[PROTOCOL_HEADER], schema: stated.data[SCHEMA_HEADER] }, routes.versions);
    });

    blobs.get('/v1/blobs/:sha256', async (request): Promise<BlobStatus> => {
      const { sha256 } = blobParams.parse(request.params);
      const context = await callingDevice(routes, request);
      return readBlobStatus(routes.db, context, sha256);
    });

    blobs.put('/v1/blobs/:sha256/chunks/:index', { bodyLimit: SYNC_LIMITS.blobChunkBytes }, async (request): Promise<{ index: number; stored: boolean }> => {
      const { sha256, index } = chunkParams.parse(request.params);
      const headers = chunkHeaders.parse(request.headers);
      const context = await callingDevice(routes, request);
      const bytes = chunkBody(request);
      const { stored } = await storeBlobChunk(routes.db, context, {
        sha256, index, size: headers[BLOB_SIZE_HEADER], chunkSha256: headers[CHUNK_SHA256_HEADER], bytes,
      }, routes.clock());
      if (stored) metrics.bytesIn.inc(bytes.length);
      return { index, stored };
    });

    blobs.post('/v1/blobs/:sha256/complete', async (request): Promise<BlobStatus> => {
      const { sha256 } = blobParams.parse(request.params);
      const context = await callingDevice(routes, request);
      try {
        const status = await completeBlob(routes.db, context, sha256, routes.clock());
        metrics.completions.inc({ outcome: 'complete' });
        request.log.info({ sha256, size: status.size }, 'blob complete');
        return status;
      } catch (error) {
        if (error instanceof SyncError && error.code === 'BLOB_HASH_MISMATCH') metrics.completions.inc({ outcome: 'hash_mismatch' });
        throw error;
      }
    });

    blobs.get('/v1/blobs/:sha256/chunks/:index', async (request, reply) => {
      const { sha256, index } = chunkParams.parse(request.params);
      const context = await callingDevice(routes, request);
      const bytes = await readBlobChunk(routes.db, context, sha256, index);
      metrics.bytesOut.inc(bytes.length);
      return reply.type('application/octet-stream').send(bytes);
    });
  });
}
