// Rounds off the main thread: in the app a round's vault work runs in the sync worker (its own
// connection, the vault's write turn and clock), and the next pull page is fetched while the last one
// applies.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../../src-main/store/database';
import type { HelloResponse, PullItem, PullResponse } from '../../../../src-shared/sync-protocol';
import { SyncRunner } from '../../../../src-main/sync/sync-runner';
import type { SyncStore } from '../../../../src-main/sync/sync-store';
import { SyncWorkerStore } from '../../../../src-main/sync/sync-worker-store';
import type { PullOutcome } from '../../../../src-main/sync/apply-pull';
import type { SyncApi } from '../../../../src-main/sync/transport';
import { SyncOfflineError } from '../../../../src-main/sync/transport';
import { signedInVault, type SyncVault } from '../support/sync-vaults';
import { ManualTimers, SyncHarness } from './sync-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The WAL's frames, and how many of them a checkpoint has copied back, as the WAL index (the -shm
 * file, never encrypted) holds them: its header's mxFrame (offset 16) and the checkpoint info's
 * nBackfill (offset 96), in this machine's byte order. Read from the file: a checkpoint pragma would
 * itself checkpoint.
 */
function walFrames(db: SqliteDatabase): { written: number; copiedBack: number } {
  const index = readFileSync(`${db.name}-shm`);
  return { written: index.readUInt32LE(16), copiedBack: index.readUInt32LE(96) };
}

describe('a sync round in the app', () => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  async function enrolled(name: string): Promise<SyncVault> {
    const v = await signedInVault(harness.vaults);
    await v.cli.invoke('sync.enrol', { serverUrl: harness.serverUrl, token: await harness.enrolToken(name), deviceName: `${name}'s laptop` });
    return v;
  }

  it('does its vault work in the sync worker, whose pulled stamps order the next local edit after them even when the wall clock went back', async () => {
    harness = await SyncHarness.open('sqlite');
    const a = await enrolled('Ana');
    const b = await enrolled('Ben');
    const created = await a.cli.invoke('investigations.create', { title: 'Card testing' });
    a.vault.clock.advance(MINUTE);
    await a.cli.invoke('sync.syncNow', {});
    // Ben's wall clock is an hour behind Ana's: his stamps alone would order before hers.
    b.vault.clock.advance(-HOUR);
    expect((await b.cli.invoke('sync.syncNow', {})).state).toBe('idle');
    expect((await b.cli.invoke('investigations.get', { investigationId: created.id })).title).toBe('Card testing');

    const store = b.vault.core.services.sync.roundStore;
    expect(store).toBeInstanceOf(SyncWorkerStore);
    expect((store as SyncWorkerStore).workersStarted).toBe(1);

    const newestPulled = (b.db().prepare('SELECT max(hlc) AS hlc FROM sync_field_stamps').get() as { hlc: string }).hlc;
    await b.cli.invoke('investigations.update', { investigationId: created.id, title: 'Card testing (merchant)' });
    const edit = b.db().prepare('SELECT hlc FROM change_log ORDER BY seq DESC LIMIT 1').get() as { hlc: string };
    expect(edit.hlc > newestPulled).toBe(true);
    await b.cli.invoke('sync.syncNow', {});
    await a.cli.invoke('sync.syncNow', {});
    // Ben edited over Ana's value: no conflict, and his edit is the title everywhere.
    for (const v of [a, b]) expect((await v.cli.invoke('investigations.get', { investigationId: created.id })).title).toBe('Card testing (merchant)');
    expect(await a.cli.invoke('sync.conflicts.list', {})).toEqual([]);
    expect((store as SyncWorkerStore).workersStarted).toBe(1);
  });

  it('checkpoints the WAL itself: the main thread\'s own checkpoint is off from a round\'s first job to its end, and the round leaves nothing in the WAL to copy back', async () => {
    harness = await SyncHarness.open('sqlite');
    const a = await enrolled('Ana');
    const store = a.vault.core.services.sync.roundStore as SyncWorkerStore;
    const mainAutoCheckpoint = () => a.db().pragma('wal_autocheckpoint', { simple: true });
    expect(mainAutoCheckpoint()).toBe(1000);
    const { pullCursor } = await store.state();
    // A round's first job holds it: a verdict's commit on the main thread would copy the worker's pages.
    expect(mainAutoCheckpoint()).toBe(0);
    await store.applyPull([], pullCursor + 1);
    expect(walFrames(a.db()).copiedBack).toBeLessThan(walFrames(a.db()).written);
    await store.recordRound({ lastSyncAt: 1, lastError: null });
    expect(mainAutoCheckpoint()).toBe(1000);
    const frames = walFrames(a.db());
    expect(frames.written).toBeGreaterThan(0);
    expect(frames.copiedBack).toBe(frames.written);
  });

  it('moves evidence files in the sync worker: the main thread\'s connection writes none of their chunks', async () => {
    harness = await SyncHarness.open('sqlite');
    const a = await enrolled('Ana');
    const b = await enrolled('Ben');
    const created = await a.cli.invoke('investigations.create', { title: 'Card testing' });
    // Two chunks and a bit: a last chunk shorter than the others.
    const file = Buffer.alloc(2 * 1_048_575 + 1_000, 7);
    const { uploadId } = await a.cli.invoke('uploads.begin', { fileName: 'capture.bin', size: file.length });
    for (let offset = 0; offset < file.length; offset += 1_000_000) {
      await a.cli.invoke('uploads.chunk', { uploadId, offset, dataBase64: file.subarray(offset, offset + 1_000_000).toString('base64') });
    }
    const evidenceId = (await a.cli.invoke('evidence.add', { investigationId: created.id, uploadId, mediaType: 'application/octet-stream', description: 'capture' })).id;
    a.vault.clock.advance(MINUTE);
    expect(await a.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', lastError: null });

    // A trigger of this connection only: a chunk written on the main thread fails the round.
    b.db().exec(`CREATE TEMP TRIGGER chunks_not_on_main BEFORE INSERT ON main.evidence_blobs
      BEGIN SELECT RAISE(ABORT, 'an evidence chunk written on the main thread'); END`);
    expect(await b.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', lastError: null });
    const held = b.db().prepare<[string], { bytes: Buffer }>('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? ORDER BY seq').all(evidenceId);
    expect(Buffer.concat(held.map((row) => row.bytes)).equals(file)).toBe(true);
    expect(await b.cli.invoke('evidence.verify', { evidenceId })).toMatchObject({ ok: true });
  });

  it('copies a file the vault already holds under other evidence in the sync worker, fetching nothing', async () => {
    harness = await SyncHarness.open('sqlite');
    const a = await enrolled('Ana');
    const b = await enrolled('Ben');
    const file = Buffer.alloc(2 * 1_048_575 + 1_000, 9);
    const addTo = async (investigationId: string): Promise<string> => {
      const { uploadId } = await a.cli.invoke('uploads.begin', { fileName: 'capture.bin', size: file.length });
      for (let offset = 0; offset < file.length; offset += 1_000_000) {
        await a.cli.invoke('uploads.chunk', { uploadId, offset, dataBase64: file.subarray(offset, offset + 1_000_000).toString('base64') });
      }
      return (await a.cli.invoke('evidence.add', { investigationId, uploadId, mediaType: 'application/octet-stream', description: 'capture' })).id;
    };
    await addTo((await a.cli.invoke('investigations.create', { title: 'First' })).id);
    a.vault.clock.advance(MINUTE);
    await a.cli.invoke('sync.syncNow', {});
    expect(await b.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', lastError: null });

    // The same capture in a second case, while the server can no longer serve a chunk of it.
    const again = await addTo((await a.cli.invoke('investigations.create', { title: 'Second' })).id);
    a.vault.clock.advance(MINUTE);
    expect(await a.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', lastError: null });
    await harness.fixture.db.deleteFrom('blob_chunks').execute();
    b.db().exec(`CREATE TEMP TRIGGER chunks_not_on_main BEFORE INSERT ON main.evidence_blobs
      BEGIN SELECT RAISE(ABORT, 'an evidence chunk written on the main thread'); END`);
    expect(await b.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', lastError: null });
    const held = b.db().prepare<[string], { bytes: Buffer }>('SELECT bytes FROM evidence_blobs WHERE evidence_id = ? ORDER BY seq').all(again);
    expect(Buffer.concat(held.map((row) => row.bytes)).equals(file)).toBe(true);
    expect(await b.cli.invoke('evidence.verify', { evidenceId: again })).toMatchObject({ ok: true });
  });

  it('ends the worker when sync is disconnected', async () => {
    harness = await SyncHarness.open('sqlite');
    const a = await enrolled('Ana');
    await a.cli.invoke('sync.syncNow', {});
    const store = a.vault.core.services.sync.roundStore as SyncWorkerStore;
    expect(store.workersStarted).toBe(1);
    await a.cli.invoke('sync.disconnect', {});
    expect(a.vault.core.services.sync.roundStore).toBeNull();
    await expect(store.state()).resolves.toMatchObject({ serverUrl: null });
    // The call above started a new thread: the one of the enrolment had ended.
    expect(store.workersStarted).toBe(2);
    await store.release();
  });
});

/** Pages 1..n of a first sync, each `more` until the last; every pull and apply logged in order. */
function pagedServer(pages: number, log: string[], failPull?: number): SyncApi {
  return {
    hello: () => Promise.resolve({ protocol: 1, served: [1], schema: 1, serverTime: 0, device: { id: 'd', name: 'd', memberId: 'm', role: 'admin', pushedSeq: 0, auditHead: null } } satisfies HelloResponse),
    push: () => Promise.reject(new Error('nothing to push')),
    pull: (after) => {
      const page = after + 1;
      log.push(`pull ${page}`);
      if (page === failPull) return Promise.reject(new SyncOfflineError('down'));
      return Promise.resolve({ items: [], next: page, more: page < pages, head: pages } satisfies PullResponse);
    },
  };
}

/**
 * A store whose applies finish only when the test lets them, one at a time in the order handed over,
 * as the sync worker's; like applyPull, it refuses a page that does not follow its cursor.
 */
class GatedStore implements SyncStore {
  readonly release: (() => void)[] = [];
  private cursor = 0;
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly log: string[], private readonly failApply?: number) {}
  readOutbox() { return { batch: { after: 0, upto: 0 }, changes: [], oversized: false, auditHead: null }; }
  outboxHead() { return 0; }
  markPushed() {}
  auditRowsAfter() { return []; }
  // No evidence: the stand-in server plays no blob calls.
  pushedEvidence() { return []; }
  evidenceChunk() { return null; }
  markEvidenceUploaded() {}
  evidenceWithoutBytes() { return []; }
  copyHeldEvidence() { return false; }
  heldEvidenceChunks() { return 0; }
  stageEvidenceChunk() { return false; }
  dropStagedEvidence() {}
  completeEvidence() { return 'damaged' as const; }
  state() { return { serverUrl: null, deviceId: null, credential: null, pushedSeq: 0, pullCursor: 0, lastSyncAt: null, lastError: null }; }
  recordRound() {}
  applyPull(_items: readonly PullItem[], next: number, after?: number): Promise<PullOutcome> {
    this.log.push(`hand ${next}`);
    const apply = () => new Promise<PullOutcome>((resolve, reject) => {
      if (after !== this.cursor) {
        this.log.push(`apply ${next} refused`);
        reject(new Error('The pull page does not follow the vault\'s cursor'));
        return;
      }
      this.log.push(`apply ${next} begins`);
      this.release.push(() => {
        this.log.push(`apply ${next} ends`);
        if (next === this.failApply) {
          reject(new Error('disk full'));
          return;
        }
        this.cursor = next;
        resolve({ written: 0, unchanged: 0, evicted: 0, cursor: next });
      });
    });
    const applied = this.queue.then(apply, apply);
    this.queue = applied.catch(() => undefined);
    return applied;
  }
}

function runnerOn(api: SyncApi, store: SyncStore): SyncRunner {
  return new SyncRunner({ db: () => { throw new Error('the status counts are not read here'); }, store, api, now: () => 0, timers: new ManualTimers(), random: () => 0.5 });
}

async function settle(store: GatedStore, until: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !until(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    store.release.shift()?.();
  }
}

describe('pulling pages', () => {
  it('fetches the next page while the last one applies', async () => {
    const log: string[] = [];
    const store = new GatedStore(log);
    const round = runnerOn(pagedServer(3, log), store).syncNow();
    await settle(store, () => log.includes('apply 3 ends'));
    expect((await round).state).toBe('idle');
    // Page 3 is fetched and page 2 handed to the store while page 1 still applies; the store applies them in order.
    const before = (a: string, b: string) => log.indexOf(a) >= 0 && log.indexOf(a) < log.indexOf(b);
    expect(before('pull 3', 'apply 1 ends')).toBe(true);
    expect(before('hand 2', 'apply 1 ends')).toBe(true);
    expect(log.filter((line) => line.startsWith('apply'))).toEqual(['apply 1 begins', 'apply 1 ends', 'apply 2 begins', 'apply 2 ends', 'apply 3 begins', 'apply 3 ends']);
  });

  it('stops at a page that fails to apply, with the fetch already under way failing quietly', async () => {
    const log: string[] = [];
    const store = new GatedStore(log, 1);
    const round = runnerOn(pagedServer(3, log, 2), store).syncNow();
    await settle(store, () => log.includes('apply 1 ends'));
    expect(await round).toMatchObject({ state: 'error', lastError: { code: 'INTERNAL', message: 'disk full' } });
    expect(log.filter((line) => !line.startsWith('hand'))).toEqual(['pull 1', 'pull 2', 'apply 1 begins', 'apply 1 ends']);
  });

  it('stops at a page that fails to apply; the page handed on behind it is refused, not applied', async () => {
    const log: string[] = [];
    const store = new GatedStore(log, 1);
    const round = runnerOn(pagedServer(3, log), store).syncNow();
    await settle(store, () => log.includes('apply 2 refused'));
    expect(await round).toMatchObject({ state: 'error', lastError: { code: 'INTERNAL', message: 'disk full' } });
    expect(log.filter((line) => line.startsWith('apply'))).toEqual(['apply 1 begins', 'apply 1 ends', 'apply 2 refused']);
  });
});
