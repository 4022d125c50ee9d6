// Evidence files between two real vaults through a real server (over HTTP on 127.0.0.1), carried by
// the runner's round: a file added in one vault arrives byte-identical in the other, held once by the
// server, with uploads and downloads that resume after the network drops and a damaged download refused;
// a file the vault already holds under other evidence is copied, not fetched; and a download cut short
// leaves nothing behind when its evidence is evicted.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../src-shared/permissions';
import type { EvidenceFileProgress } from '../../../../src-shared/sync-contract';
import type { BlobStatus } from '../../../../src-shared/sync-protocol';
import { SyncOfflineError, type BlobApi, type SyncApi, type SyncTransport } from '../../../../src-main/sync/transport';
import { stagingKey } from '../../../../src-main/sync/evidence-blob-vault';
import { Evictor } from '../../../../src-main/sync/evict';
import { DIALECTS } from '../../server/support/server-dbs';
import { SyncHarness, type SyncedVault } from '../runtime/sync-harness';

const MINUTE = 60_000;
const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A file of three chunks (the last one short), random so no two tests share a hash. */
const threeChunkFile = (): Buffer => randomBytes(2 * 1_048_575 + 4321);

/** The transport, with every blob call logged and the next call of a kind made to fail or to damage its answer. */
class RecordingBlobApi implements SyncApi, BlobApi {
  readonly puts: number[] = [];
  readonly gets: number[] = [];
  /** The hashes asked about. */
  readonly statuses: string[] = [];
  /** Put or get calls that lose the network, by call number (1-based, counted from now). */
  failPutAt: number | null = null;
  failGetAt: number | null = null;
  damageNextGet = false;
  /** Called as each chunk is put or got (a test moves the clock, as a slow link would). */
  eachChunk: (() => void) | null = null;

  constructor(private readonly transport: SyncTransport) {}

  hello: SyncApi['hello'] = () => this.transport.hello();
  push: SyncApi['push'] = (request) => this.transport.push(request);
  pull: SyncApi['pull'] = (after, limit) => this.transport.pull(after, limit);
  blobStatus(sha256: string): Promise<BlobStatus> {
    this.statuses.push(sha256);
    return this.transport.blobStatus(sha256);
  }
  completeBlob(sha256: string): Promise<BlobStatus> {
    return this.transport.completeBlob(sha256);
  }
  async putBlobChunk(sha256: string, index: number, size: number, bytes: Buffer): Promise<void> {
    if (this.failPutAt !== null && --this.failPutAt === 0) {
      this.failPutAt = null;
      throw new SyncOfflineError('the network dropped');
    }
    this.puts.push(index);
    await this.transport.putBlobChunk(sha256, index, size, bytes);
    this.eachChunk?.();
  }
  async getBlobChunk(sha256: string, index: number): Promise<Buffer> {
    if (this.failGetAt !== null && --this.failGetAt === 0) {
      this.failGetAt = null;
      throw new SyncOfflineError('the network dropped');
    }
    this.gets.push(index);
    const bytes = await this.transport.getBlobChunk(sha256, index);
    this.eachChunk?.();
    if (!this.damageNextGet) return bytes;
    this.damageNextGet = false;
    const damaged = Buffer.from(bytes);
    damaged[7] = (damaged[7] ?? 0) ^ 0x01;
    return damaged;
  }
}

async function addEvidenceFile(v: SyncedVault, investigationId: string, file: Buffer): Promise<string> {
  const { uploadId } = await v.cli.invoke('uploads.begin', { fileName: 'capture.bin', size: file.length });
  for (let offset = 0; offset < file.length; offset += 1_000_000) {
    await v.cli.invoke('uploads.chunk', { uploadId, offset, dataBase64: file.subarray(offset, offset + 1_000_000).toString('base64') });
  }
  return (await v.cli.invoke('evidence.add', { investigationId, uploadId, mediaType: 'application/octet-stream', description: 'capture' })).id;
}

/**
 * A new case in vault `v` with `file` as its evidence, the vault's clock then a minute on (so what it
 * writes next is stamped after); returns both ids.
 */
async function fileInNewCase(v: SyncedVault, title: string, file: Buffer): Promise<{ investigationId: string; evidenceId: string }> {
  const created = await v.cli.invoke('investigations.create', { title });
  const evidenceId = await addEvidenceFile(v, created.id, file);
  v.vault.clock.advance(MINUTE);
  return { investigationId: created.id, evidenceId };
}

/** The evidence files' progress in each status the runner sent, in order, from the `from`th status on. */
function fileProgress(v: SyncedVault, from = 0): (EvidenceFileProgress | undefined)[] {
  return v.statuses.slice(from).filter((status) => status.state === 'syncing' || status.files === undefined).map((status) => status.files)
    // Statuses that changed something else (the state, the outbox) repeat the files: kept once.
    .filter((files, index, all) => index === 0 || JSON.stringify(files) !== JSON.stringify(all[index - 1]));
}

function heldBytes(v: SyncedVault, key: string): Buffer {
  const rows = v.db().prepare('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? ORDER BY seq').all(key) as { bytes: Buffer }[];
  return Buffer.concat(rows.map((row) => row.bytes));
}

describe.each(DIALECTS)('evidence blobs between two vaults on %s', (dialect) => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  /** Ana's vault and Ben's (an admin unless `benRole` says otherwise). */
  async function twoVaults(benRole: Role = 'admin'): Promise<{ a: SyncedVault; b: SyncedVault; aApi: RecordingBlobApi; bApi: RecordingBlobApi }> {
    harness = await SyncHarness.open(dialect);
    let aApi: RecordingBlobApi | null = null;
    let bApi: RecordingBlobApi | null = null;
    const a = await harness.vault('Ana', { api: (transport) => (aApi = new RecordingBlobApi(transport)) });
    const b = await harness.vault('Ben', { role: benRole, api: (transport) => (bApi = new RecordingBlobApi(transport)) });
    if (!aApi || !bApi) throw new Error('the harness did not build the apis');
    return { a, b, aApi, bApi };
  }

  it('carries an evidence file added in one vault to the other byte for byte, and the other vault verifies it', async () => {
    const { a, b, aApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId } = await fileInNewCase(a, 'Card testing', file);
    expect((await a.runner.syncNow()).state).toBe('idle');
    expect(aApi.puts).toEqual([0, 1, 2]);

    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(heldBytes(b, evidenceId).equals(file)).toBe(true);
    expect(heldBytes(b, stagingKey(evidenceId))).toHaveLength(0);
    expect(await b.cli.invoke('evidence.verify', { evidenceId })).toMatchObject({ ok: true, expected: sha256Of(file) });
    // A later round sends nothing again.
    await a.runner.syncNow();
    expect(aApi.puts).toEqual([0, 1, 2]);
  });

  it('shows the files moving in the status, chunk by chunk on a slow link, and nothing of them once the round ends', async () => {
    const { a, b, aApi } = await twoVaults();
    const file = threeChunkFile();
    await fileInNewCase(a, 'Card testing', file);
    // Each chunk takes 300 ms: past the 250 ms between reports, so each one is shown.
    aApi.eachChunk = () => a.vault.clock.advance(300);
    const from = a.statuses.length;
    expect((await a.runner.syncNow()).files).toBeUndefined();
    const upload = { direction: 'upload', files: 1, bytes: file.length };
    expect(fileProgress(a, from)).toEqual([
      undefined,
      { ...upload, filesDone: 0, bytesDone: 0 },
      { ...upload, filesDone: 0, bytesDone: 1_048_575 },
      { ...upload, filesDone: 0, bytesDone: 2 * 1_048_575 },
      { ...upload, filesDone: 0, bytesDone: file.length },
      { ...upload, filesDone: 1, bytesDone: file.length },
      undefined,
    ]);
    // This was Ana's first sync: its records' bar went once they were in, not full beside the file's.
    const withFiles = a.statuses.slice(from).filter((status) => status.files !== undefined);
    expect(withFiles.map((status) => status.progress)).toEqual(withFiles.map(() => null));

    // On a fast link (the clock still), only the start and the file's end are shown.
    const fromB = b.statuses.length;
    await b.runner.syncNow();
    const download = { direction: 'download', files: 1, bytes: file.length };
    expect(fileProgress(b, fromB)).toEqual([undefined, { ...download, filesDone: 0, bytesDone: 0 }, { ...download, filesDone: 1, bytesDone: file.length }, undefined]);
  });

  it('counts what the other side held of a resumed file at once, and leaves a file not ready yet out of the totals', async () => {
    const { a, b, aApi } = await twoVaults();
    const file = threeChunkFile();
    await fileInNewCase(a, 'Card testing', file);
    aApi.failPutAt = 2;
    expect((await a.runner.syncNow()).state).toBe('offline');
    // Ben pulls the record before the file is whole on the server: it is not his to fetch this round.
    const fromB = b.statuses.length;
    await b.runner.syncNow();
    expect(fileProgress(b, fromB)).toEqual([
      undefined,
      { direction: 'download', files: 1, bytes: file.length, filesDone: 0, bytesDone: 0 },
      { direction: 'download', files: 0, bytes: 0, filesDone: 0, bytesDone: 0 },
      undefined,
    ]);

    aApi.eachChunk = () => a.vault.clock.advance(300);
    const from = a.statuses.length;
    await a.runner.syncNow();
    const upload = { direction: 'upload', files: 1, bytes: file.length, filesDone: 0 };
    expect(fileProgress(a, from).slice(1, 4)).toEqual([
      { ...upload, bytesDone: 0 },
      // The server's chunk 0, counted before anything is sent.
      { ...upload, bytesDone: 1_048_575 },
      { ...upload, bytesDone: 2 * 1_048_575 },
    ]);
  });

  it('uploads a file the organisation already holds no second time', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    await fileInNewCase(a, 'First', file);
    await a.runner.syncNow();
    await b.runner.syncNow();
    const { evidenceId: again } = await fileInNewCase(b, 'Second', file);
    expect((await b.runner.syncNow()).state).toBe('idle');
    expect(bApi.puts).toEqual([]);
    expect(heldBytes(b, again).equals(file)).toBe(true);
    const held = await harness.fixture.db.selectFrom('blobs').select('sha256').execute();
    expect(held).toEqual([{ sha256: sha256Of(file) }]);
  });

  it('resumes an upload the network cut from the chunks the server holds', async () => {
    const { a, b, aApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId } = await fileInNewCase(a, 'Card testing', file);
    aApi.failPutAt = 2;
    expect((await a.runner.syncNow()).state).toBe('offline');
    expect(aApi.puts).toEqual([0]);
    // Meanwhile the other vault has the record but not the file: it waits, and says nothing is wrong.
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(heldBytes(b, evidenceId)).toHaveLength(0);

    expect((await a.runner.syncNow()).state).toBe('idle');
    expect(aApi.puts).toEqual([0, 1, 2]);
    await b.runner.syncNow();
    expect(heldBytes(b, evidenceId).equals(file)).toBe(true);
  });

  it('asks about a file its uploader has not sent less and less often in timer rounds, and at once on Sync now', async () => {
    const { a, b, aApi, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId } = await fileInNewCase(a, 'Card testing', file);
    aApi.failPutAt = 1;
    expect((await a.runner.syncNow()).state).toBe('offline');
    const asked = () => bApi.statuses.filter((sha256) => sha256 === sha256Of(file)).length;
    /** A round of Ben's runner's own timer, `minutes` after the last. */
    const timerRound = async (minutes: number) => {
      b.vault.clock.advance(minutes * MINUTE);
      b.timers.fire();
      expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    };

    b.runner.start();
    await timerRound(0);
    expect(asked()).toBe(1);
    // Waits of 2, 4, 8 minutes (then 15 at most): the rounds between ask nothing about it.
    await timerRound(1);
    expect(asked()).toBe(1);
    await timerRound(1);
    expect(asked()).toBe(2);
    await timerRound(3);
    expect(asked()).toBe(2);
    await timerRound(1);
    expect(asked()).toBe(3);
    // Sync now asks at once, in its wait or not.
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(asked()).toBe(4);

    expect((await a.runner.syncNow()).state).toBe('idle');
    // Still in its wait: a timer round a minute later leaves it; Sync now fetches it.
    await timerRound(1);
    expect(heldBytes(b, evidenceId)).toHaveLength(0);
    await b.runner.syncNow();
    expect(heldBytes(b, evidenceId).equals(file)).toBe(true);
    b.runner.stop();
  });

  it('resumes a download the network cut, and fetches only what it lacked', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { investigationId, evidenceId } = await fileInNewCase(a, 'Card testing', file);
    await a.runner.syncNow();
    bApi.failGetAt = 3;
    const cut = await b.runner.syncNow();
    // The records synced before the files: the status says when, beside the files' error.
    expect(cut).toMatchObject({ state: 'offline', lastSyncedAt: expect.any(Number) });
    expect(await b.cli.invoke('investigations.get', { investigationId })).toMatchObject({ title: 'Card testing' });
    // Two chunks wait under the staging key; the evidence itself shows no bytes yet.
    expect(heldBytes(b, stagingKey(evidenceId))).toHaveLength(2 * 1_048_575);
    expect(heldBytes(b, evidenceId)).toHaveLength(0);
    expect((await b.runner.syncNow()).state).toBe('idle');
    expect(bApi.gets).toEqual([0, 1, 2]);
    expect(heldBytes(b, evidenceId).equals(file)).toBe(true);
  });

  it('refuses a download whose bytes do not make the file\'s hash, keeps none of it, and fetches it whole next round', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId } = await fileInNewCase(a, 'Card testing', file);
    await a.runner.syncNow();
    bApi.damageNextGet = true;
    const damaged = await b.runner.syncNow();
    expect(damaged).toMatchObject({ state: 'error', lastError: { code: 'BLOB_HASH_MISMATCH', details: { evidenceIds: [evidenceId] } } });
    expect(heldBytes(b, evidenceId)).toHaveLength(0);
    expect(heldBytes(b, stagingKey(evidenceId))).toHaveLength(0);
    expect((await b.runner.syncNow()).state).toBe('idle');
    expect(heldBytes(b, evidenceId).equals(file)).toBe(true);
  });

  it('asks the server nothing in a later round about a file it holds whole', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId } = await fileInNewCase(a, 'Card testing', file);
    await a.runner.syncNow();
    await b.runner.syncNow();
    expect(heldBytes(b, evidenceId).equals(file)).toBe(true);
    expect(bApi.statuses).toEqual([sha256Of(file)]);
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(bApi.statuses).toEqual([sha256Of(file)]);
    expect(bApi.gets).toEqual([0, 1, 2]);
  });

  it('copies a file the vault already holds under other evidence instead of fetching it: the same capture in a second case', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId: held } = await fileInNewCase(a, 'First', file);
    await a.runner.syncNow();
    await b.runner.syncNow();
    expect(heldBytes(b, held).equals(file)).toBe(true);
    expect(bApi.gets).toEqual([0, 1, 2]);
    const statusesBefore = bApi.statuses.length;

    const { evidenceId: again } = await fileInNewCase(a, 'Second', file);
    await a.runner.syncNow();
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    // Nothing fetched, not even asked about.
    expect(bApi.gets).toEqual([0, 1, 2]);
    expect(bApi.statuses).toHaveLength(statusesBefore);
    expect(heldBytes(b, again).equals(file)).toBe(true);
    expect(heldBytes(b, stagingKey(again))).toHaveLength(0);
    expect(await b.cli.invoke('evidence.verify', { evidenceId: again })).toMatchObject({ ok: true, expected: sha256Of(file) });
    // The first copy is as it was.
    expect(await b.cli.invoke('evidence.verify', { evidenceId: held })).toMatchObject({ ok: true });
  });

  it('copies a file the vault added itself when another vault attaches the same bytes, in more than one batch', async () => {
    const { a, b, bApi } = await twoVaults();
    // Six chunks: the copy goes four chunks a transaction, so it takes two.
    const file = randomBytes(5 * 1_048_575 + 999);
    await fileInNewCase(b, 'Ben\'s case', file);
    await b.runner.syncNow();
    expect(bApi.puts).toEqual([0, 1, 2, 3, 4, 5]);

    await a.runner.syncNow();
    const { evidenceId: attached } = await fileInNewCase(a, 'Ana\'s case', file);
    await a.runner.syncNow();
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(bApi.gets).toEqual([]);
    expect(heldBytes(b, attached).equals(file)).toBe(true);
    expect(await b.cli.invoke('evidence.verify', { evidenceId: attached })).toMatchObject({ ok: true });
  });

  it('fetches the file after all when the bytes held under the other evidence do not make its hash', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId: held } = await fileInNewCase(a, 'First', file);
    await a.runner.syncNow();
    await b.runner.syncNow();
    // The held copy damaged on disk, past the vault's own guard: a copy of it would be no copy of the file.
    b.db().exec('DROP TRIGGER evidence_blobs_no_update');
    b.db().prepare('UPDATE evidence_blobs SET bytes = zeroblob(length(bytes)) WHERE evidence_id = ? AND seq = 1').run(held);

    const { evidenceId: again } = await fileInNewCase(a, 'Second', file);
    await a.runner.syncNow();
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(bApi.gets).toEqual([0, 1, 2, 0, 1, 2]);
    expect(heldBytes(b, again).equals(file)).toBe(true);
    expect(await b.cli.invoke('evidence.verify', { evidenceId: again })).toMatchObject({ ok: true });
  });

  it('stops a download whose evidence row is removed between two chunks, and keeps no chunk of it', async () => {
    const { a, b, bApi } = await twoVaults();
    const file = threeChunkFile();
    const { evidenceId } = await fileInNewCase(a, 'Card testing', file);
    await a.runner.syncNow();
    // The row removed as chunk 1 arrives, chunk 0 staged, as a retention run on the vault's own timer may do.
    let removed = false;
    bApi.eachChunk = () => {
      if (removed || bApi.gets.length < 2) return;
      expect(heldBytes(b, stagingKey(evidenceId))).toHaveLength(1_048_575);
      removed = true;
      b.db().transaction(() => new Evictor(b.db(), { touchedEntities: new Set() }).record('evidence', evidenceId))();
    };
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(removed).toBe(true);
    expect(bApi.gets).toEqual([0, 1]);
    expect(b.db().prepare('SELECT count(*) AS n FROM evidence_blobs WHERE evidence_id IN (?, ?)').get(evidenceId, stagingKey(evidenceId))).toEqual({ n: 0 });
    expect(b.statuses.at(-2)?.files).toEqual({ direction: 'download', files: 0, bytes: 0, filesDone: 0, bytesDone: 0 });
  });

  it('drops the chunks of a download cut short when the evidence is evicted, with the eviction', async () => {
    const { a, b, bApi } = await twoVaults('analyst');
    const file = threeChunkFile();
    const { investigationId, evidenceId } = await fileInNewCase(a, 'Card testing', file);
    await a.runner.syncNow();
    bApi.failGetAt = 2;
    expect((await b.runner.syncNow()).state).toBe('offline');
    expect(heldBytes(b, stagingKey(evidenceId))).toHaveLength(1_048_575);

    // An admin restricts the case to Ana: Ben (an analyst) may no longer read it, and his next pull evicts it.
    const ada = await harness.vault('Ada');
    const ana = (await a.transport.hello()).device.memberId;
    const hlc = `${String(harness.serverNow()).padStart(15, '0')}-000001`;
    await ada.transport.push({
      batch: { after: 0, upto: 1 }, auditHead: null,
      changes: [{ table: 'investigation_access', id: investigationId, seq: 1, fields: { restricted: { value: true, hlc, base: null }, members: { value: [ana], hlc, base: null } } }],
    });
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(b.db().prepare('SELECT count(*) AS n FROM evidence WHERE id = ?').get(evidenceId)).toEqual({ n: 0 });
    expect(heldBytes(b, stagingKey(evidenceId))).toHaveLength(0);
    expect(b.db().prepare('SELECT count(*) AS n FROM evidence_blobs').get()).toEqual({ n: 0 });
    expect(bApi.gets).toEqual([0]);
  });
});
