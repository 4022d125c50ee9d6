// Evidence blobs at the server, over HTTP with the real sync core, on both databases: held once per
// organisation, never reachable from another, resumable, checked whole before anyone may download
// them, and downloadable only by a member who may read a case whose evidence names them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPush } from '../../../../src-server/sync/push';
import { readStoredPull } from '../../../../src-server/sync/pull';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/server-dbs';
import { PlatformFixture } from '../platform/platform-fixture';
import { PROTOCOL_HEADER, SCHEMA_HEADER } from '../../../../src-shared/sync-protocol';
import { blobDevice, chunkOf, fileOf, sha256Of } from './blob-client';

describe.each(DIALECTS)('evidence blobs on %s', (dialect) => {
  let fixture: PlatformFixture;
  let app: FastifyInstance;
  let orgA: string;

  beforeEach(async () => {
    fixture = await PlatformFixture.open(dialect);
    app = await fixture.server({ sync: { applyPush, readPull: readStoredPull } });
    orgA = await fixture.organisation('Acme');
  });
  afterEach(async () => fixture.close());

  const heldRows = async (orgId: string) => fixture.db.selectFrom('blobs').select(['sha256', 'completed_at']).where('org_id', '=', orgId).execute();

  it('holds a file once per organisation: a second case naming the same bytes finds it complete and downloads it', async () => {
    const ana = await blobDevice(app, fixture, orgA, 'Ana', 'analyst');
    const ben = await blobDevice(app, fixture, orgA, 'Ben', 'analyst');
    const file = fileOf(3);
    const sha = sha256Of(file);
    await ana.createCase('case-1');
    await ana.addEvidence('ev-1', 'case-1', file);
    await ana.upload(file);

    await ben.createCase('case-2');
    await ben.addEvidence('ev-2', 'case-2', file);
    expect(await ben.heldChunks(sha)).toEqual({ sha256: sha, size: file.length, complete: true, chunks: [0, 1, 2] });
    // Ben's resent chunk and completion change nothing.
    expect((await ben.putChunk(file, 1)).json()).toEqual({ index: 1, stored: false });
    expect((await ben.complete(sha)).statusCode).toBe(200);
    expect(await heldRows(orgA)).toHaveLength(1);
    expect((await ben.download(sha, file.length)).equals(file)).toBe(true);
  });

  it('never lets another organisation reach a blob, even one whose own evidence names the same hash', async () => {
    const ana = await blobDevice(app, fixture, orgA, 'Ana', 'analyst');
    const file = fileOf(2);
    const sha = sha256Of(file);
    await ana.createCase('case-1');
    await ana.addEvidence('ev-1', 'case-1', file);
    await ana.upload(file);

    const orgB = await fixture.organisation('Other');
    const eve = await blobDevice(app, fixture, orgB, 'Eve', 'admin');
    // Knowing the hash alone: exactly what a hash nobody holds gets.
    expect((await eve.status(sha)).json().error.code).toBe('NOT_FOUND');
    expect((await eve.getChunk(sha, 0)).statusCode).toBe(404);
    // With evidence of her own naming it: her organisation holds nothing of it, and she cannot borrow A's.
    await eve.createCase('case-b');
    await eve.addEvidence('ev-b', 'case-b', file);
    expect(await eve.heldChunks(sha)).toEqual({ sha256: sha, size: null, complete: false, chunks: [] });
    expect((await eve.getChunk(sha, 0)).json().error.code).toBe('NOT_FOUND');
    expect((await eve.complete(sha)).json().error.code).toBe('INVALID_REQUEST');
    // Her own upload is her organisation's copy; A's stays A's.
    await eve.upload(file);
    expect(await heldRows(orgB)).toHaveLength(1);
    expect(await heldRows(orgA)).toHaveLength(1);
  });

  it('refuses a blob call stating versions it no longer serves (426) or newer ones, before a chunk is kept', async () => {
    const device = await blobDevice(app, fixture, orgA, 'Ana', 'admin');
    const file = fileOf(1);
    await device.createCase('case-1');
    await device.addEvidence('ev-1', 'case-1', file);
    // The same database served by a later server: versions 3, and 2 still served.
    const later = await fixture.server({ sync: { applyPush, readPull: readStoredPull }, versions: { protocol: 3, schema: 3 } });
    const put = (versions: Record<string, string>) => later.inject({
      method: 'PUT', url: `/v1/blobs/${sha256Of(file)}/chunks/0`, payload: chunkOf(file, 0),
      headers: { ...device.chunkHeaders(file, 0), ...versions },
    });
    const old = await put({ [PROTOCOL_HEADER]: '1', [SCHEMA_HEADER]: '1' });
    expect(old.statusCode).toBe(426);
    expect(old.json().error).toMatchObject({ code: 'UPDATE_REQUIRED', details: { minimum: { protocol: 2, schema: 2 } } });
    expect((await put({ [PROTOCOL_HEADER]: '4', [SCHEMA_HEADER]: '3' })).json().error.code).toBe('SERVER_TOO_OLD');
    expect((await device.heldChunks(sha256Of(file))).chunks).toEqual([]);
    // Versions it serves, or none stated (a client that checked them in its round's hello), go through.
    expect((await put({ [PROTOCOL_HEADER]: '2', [SCHEMA_HEADER]: '3' })).statusCode).toBe(200);
    expect((await put({})).json()).toEqual({ index: 0, stored: false });
  });

  it('resumes an interrupted upload from the chunks the server holds', async () => {
    const ana = await blobDevice(app, fixture, orgA, 'Ana', 'analyst');
    const file = fileOf(3);
    const sha = sha256Of(file);
    await ana.createCase('case-1');
    await ana.addEvidence('ev-1', 'case-1', file);
    expect((await ana.putChunk(file, 0)).statusCode).toBe(200);
    expect((await ana.putChunk(file, 2)).statusCode).toBe(200);
    // Cut off here: completing now names what is missing, and nothing can be downloaded yet.
    const early = await ana.complete(sha);
    expect(early.json().error).toMatchObject({ code: 'INVALID_REQUEST', details: { missing: [1] } });
    expect((await ana.getChunk(sha, 0)).statusCode).toBe(404);

    expect(await ana.heldChunks(sha)).toMatchObject({ size: file.length, complete: false, chunks: [0, 2] });
    await ana.upload(file);
    const sent = await fixture.db.selectFrom('blob_chunks').select('idx').where('sha256', '=', sha).execute();
    expect(sent).toHaveLength(3);
    expect((await ana.download(sha, file.length)).equals(file)).toBe(true);
  });

  it('refuses at completion a blob whose chunks do not make its hash, and drops them so the upload starts again', async () => {
    const ana = await blobDevice(app, fixture, orgA, 'Ana', 'analyst');
    const file = fileOf(2);
    const sha = sha256Of(file);
    await ana.createCase('case-1');
    await ana.addEvidence('ev-1', 'case-1', file);
    // A chunk damaged before its own hash was taken (the hash sent matches the damaged bytes).
    const damaged = Buffer.from(chunkOf(file, 0));
    damaged[100] = (damaged[100] ?? 0) ^ 0xff;
    expect((await ana.putChunk(file, 0, damaged)).statusCode).toBe(200);
    expect((await ana.putChunk(file, 1)).statusCode).toBe(200);
    const refused = await ana.complete(sha);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'BLOB_HASH_MISMATCH', details: { expected: sha } });
    expect(await ana.heldChunks(sha)).toEqual({ sha256: sha, size: null, complete: false, chunks: [] });
    expect((await ana.getChunk(sha, 0)).statusCode).toBe(404);
    // A chunk damaged on the way (its hash no longer matches) is refused at once.
    const onTheWay = await ana.putChunk(file, 0, damaged, sha256Of(chunkOf(file, 0)));
    expect(onTheWay.json().error).toMatchObject({ code: 'BLOB_HASH_MISMATCH', details: { chunk: 0 } });
    await ana.upload(file);
    expect((await ana.download(sha, file.length)).equals(file)).toBe(true);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('vigil_sync_blob_completions_total{outcome="hash_mismatch"} 1');
  });

  it('refuses chunks of the wrong length or beyond the blob, and a size that differs from the first chunk\'s', async () => {
    const ana = await blobDevice(app, fixture, orgA, 'Ana', 'analyst');
    const file = fileOf(2);
    await ana.createCase('case-1');
    await ana.addEvidence('ev-1', 'case-1', file);
    expect((await ana.putChunk(file, 0, chunkOf(file, 0).subarray(1))).json().error.code).toBe('INVALID_REQUEST');
    expect((await ana.putChunk(file, 2, Buffer.from('x'))).json().error.code).toBe('INVALID_REQUEST');
    const overLong = await ana.putChunk(file, 0, Buffer.concat([chunkOf(file, 0), Buffer.from('!')]));
    expect(overLong.statusCode).toBe(413);
    expect(overLong.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await ana.putChunk(file, 1)).statusCode).toBe(200);
    const longer = Buffer.concat([file, Buffer.from('tail')]);
    const otherSize = await app.inject({
      method: 'PUT', url: `/v1/blobs/${sha256Of(file)}/chunks/0`, payload: chunkOf(file, 0),
      headers: { authorization: `Bearer ${ana.token}`, 'content-type': 'application/octet-stream', 'x-vigil-blob-size': String(longer.length), 'x-vigil-chunk-sha256': sha256Of(chunkOf(file, 0)) },
    });
    expect(otherSize.json().error.code).toBe('INVALID_REQUEST');
    expect((await app.inject({ method: 'GET', url: '/v1/blobs/not-a-hash', headers: { authorization: `Bearer ${ana.token}` } })).json().error.code).toBe('INVALID_REQUEST');
  });

  it('lets only members who may read a case whose evidence names the blob download it', async () => {
    const ada = await blobDevice(app, fixture, orgA, 'Ada', 'admin');
    const alice = await blobDevice(app, fixture, orgA, 'Alice', 'analyst');
    const bob = await blobDevice(app, fixture, orgA, 'Bob', 'analyst');
    const file = fileOf(1);
    const sha = sha256Of(file);
    await ada.createCase('case-secret');
    await ada.push([{ table: 'investigation_access', id: 'case-secret', values: { restricted: true, members: [alice.memberId] } }]);
    await ada.addEvidence('ev-secret', 'case-secret', file);
    await ada.upload(file);

    expect((await alice.download(sha, file.length)).equals(file)).toBe(true);
    expect((await bob.getChunk(sha, 0)).json().error.code).toBe('NOT_FOUND');
    expect((await bob.status(sha)).statusCode).toBe(404);
    // Let into the case, Bob may download it.
    await ada.push([{ table: 'investigation_access', id: 'case-secret', values: { restricted: true, members: [alice.memberId, bob.memberId] } }]);
    expect((await bob.download(sha, file.length)).equals(file)).toBe(true);
    // Taken out of the case again, he may not.
    await ada.push([{ table: 'investigation_access', id: 'case-secret', values: { restricted: true, members: [alice.memberId] } }]);
    expect((await bob.getChunk(sha, 0)).statusCode).toBe(404);
  });
});
