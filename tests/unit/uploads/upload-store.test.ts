import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UPLOAD_CHUNK_BYTES, UploadStore, type UploadStoreOptions } from '../../../src-main/uploads/upload-store';
import { VigilError } from '../../../src-shared/errors';
import { UPLOAD_LIMITS } from '../../../src-shared/limits';

const GiB = 1024 ** 3;
const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function makeStore(options: UploadStoreOptions = {}): { store: UploadStore; dir: string; clock: { t: number } } {
  const root = mkdtempSync(join(tmpdir(), 'vigil-uploads-'));
  dirs.push(root);
  const dir = join(root, 'uploads');
  const clock = { t: 1_000_000 };
  // A roomy disk unless a test says otherwise: these tests are about the store, not this machine.
  return { store: new UploadStore(dir, () => clock.t, { freeBytes: () => 1024 * GiB, ...options }), dir, clock };
}

function errorOf(work: () => unknown): VigilError {
  try {
    work();
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error('expected a VigilError');
}

/** Sends `bytes` as full-size chunks; returns the upload id. */
function send(store: UploadStore, user: string, bytes: Buffer): string {
  const { uploadId } = store.begin(user, 'file.bin', bytes.length);
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) store.chunk(user, uploadId, offset, bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES));
  return uploadId;
}

/** The sealed chunks of an upload's file, each with its 32-byte header. */
function frames(file: string): Buffer[] {
  const bytes = readFileSync(file);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = 32 + bytes.readUInt32BE(at);
    out.push(bytes.subarray(at, at + length));
    at += length;
  }
  return out;
}

function partFile(dir: string): string {
  const [name] = readdirSync(dir);
  if (!name) throw new Error('no upload file');
  return join(dir, name);
}

describe('what one user may upload at once', () => {
  it('refuses an upload that would take a user past their byte quota, and takes it once another is cancelled', () => {
    const { store } = makeStore();
    const big = UPLOAD_LIMITS.maxBytesPerUser / 2;
    const first = store.begin('u1', 'a.csv', big);
    store.begin('u1', 'b.csv', big);
    const refused = errorOf(() => store.begin('u1', 'c.csv', 1));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.details).toMatchObject({ reason: 'upload_quota', limitBytes: UPLOAD_LIMITS.maxBytesPerUser });
    // Another user has their own quota.
    expect(store.begin('u2', 'c.csv', big).uploadId).toBeTruthy();
    store.cancel('u1', first.uploadId);
    expect(store.begin('u1', 'c.csv', big).uploadId).toBeTruthy();
  });

  it('refuses four 64 GiB uploads from one user', () => {
    const { store } = makeStore();
    expect(errorOf(() => store.begin('u1', 'huge.bin', 64 * GiB)).details).toMatchObject({ reason: 'upload_quota' });
  });

  it('refuses more uploads in flight than the count limit', () => {
    const { store } = makeStore();
    for (let i = 0; i < UPLOAD_LIMITS.maxPerUser; i += 1) store.begin('u1', `${i}.csv`, 10);
    expect(errorOf(() => store.begin('u1', 'one-more.csv', 10)).details).toMatchObject({ reason: 'upload_count' });
  });
});

describe('chunk sizes', () => {
  it('refuses a stream of tiny chunks that would make the sealed file many times its size', () => {
    const { store } = makeStore();
    const size = 10_000;
    const { uploadId } = store.begin('u1', 'a.csv', size);
    let offset = 0;
    const refused = errorOf(() => {
      for (; offset < size; offset += 1) store.chunk('u1', uploadId, offset, Buffer.from('x'));
    });
    expect(refused.code).toBe('VALIDATION');
    // A handful of small chunks is fine (a window may send odd sizes); thousands are not.
    expect(offset).toBeGreaterThan(10);
    expect(offset).toBeLessThan(100);
  });
});

describe('free space', () => {
  it('refuses an upload larger than the free space on the real disk, with a typed error and nothing left behind', () => {
    const { store, dir } = makeStore({ freeBytes: undefined, limits: { maxBytesPerUser: Number.MAX_SAFE_INTEGER } });
    const stats = statfsSync(dir);
    const free = stats.bavail * stats.bsize;
    const refused = errorOf(() => store.begin('u1', 'too-big.bin', free + 1));
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.details).toMatchObject({ reason: 'disk_full' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a margin, and counts what other uploads still have to send', () => {
    const { store } = makeStore({ freeBytes: () => 2 * GiB, limits: { freeSpaceMarginBytes: 512 * 1024 ** 2 } });
    // 1.6 GiB + the margin is more than 2 GiB.
    expect(errorOf(() => store.begin('u1', 'a.bin', 1.6 * GiB)).details).toMatchObject({ reason: 'disk_full' });
    store.begin('u1', 'a.bin', GiB);
    // The first still has 1 GiB to arrive: another 1 GiB does not fit beside it.
    expect(errorOf(() => store.begin('u2', 'b.bin', GiB)).details).toMatchObject({ reason: 'disk_full' });
  });
});

describe('idle uploads', () => {
  it('are dropped by the sweeper with no new upload beginning, and the sweeper stops with the store', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { store, dir, clock } = makeStore({ limits: { idleMs: 60_000, sweepEveryMs: 1_000 } });
    store.start();
    const { uploadId } = store.begin('u1', 'a.csv', 10);
    store.chunk('u1', uploadId, 0, Buffer.from('hello'));
    clock.t += 61_000;
    vi.advanceTimersByTime(1_000);
    expect(readdirSync(dir)).toEqual([]);
    expect(errorOf(() => store.chunk('u1', uploadId, 5, Buffer.from('world'))).code).toBe('NOT_FOUND');
    store.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hold no open file handle between chunks', () => {
    const { store, dir } = makeStore();
    const { uploadId } = store.begin('u1', 'a.csv', 10);
    store.chunk('u1', uploadId, 0, Buffer.from('hello'));
    const file = partFile(dir);
    const open = readdirSync('/proc/self/fd').map((fd) => {
      try { return readlinkSync(join('/proc/self/fd', fd)); } catch { return ''; }
    });
    expect(open).not.toContain(file);
  });
});

describe('sealed chunks', () => {
  const bytes = randomBytes(3 * UPLOAD_CHUNK_BYTES + 123);

  it('read back as sent', () => {
    const { store } = makeStore();
    const id = send(store, 'u1', bytes);
    expect(store.take('u1', id).readAll().equals(bytes)).toBe(true);
  });

  function tamperedRead(tamper: (file: string, sealed: Buffer[]) => void): VigilError {
    const { store, dir } = makeStore();
    const id = send(store, 'u1', bytes);
    const file = partFile(dir);
    tamper(file, frames(file));
    return errorOf(() => store.take('u1', id).readAll());
  }

  it('are refused when two are swapped', () => {
    const refused = tamperedRead((file, [a, b, ...rest]) => writeFileSync(file, Buffer.concat([b ?? Buffer.alloc(0), a ?? Buffer.alloc(0), ...rest])));
    expect(refused.code).toBe('VAULT_CORRUPT');
  });

  it('are refused when the last is dropped', () => {
    const refused = tamperedRead((file, sealed) => writeFileSync(file, Buffer.concat(sealed.slice(0, -1))));
    expect(refused.code).toBe('VAULT_CORRUPT');
  });

  it('are refused when one is repeated', () => {
    const refused = tamperedRead((file, [a, b, c, d]) => writeFileSync(file, Buffer.concat([a, b, b, c, d].map((f) => f ?? Buffer.alloc(0)))));
    expect(refused.code).toBe('VAULT_CORRUPT');
  });

  it('are refused when the file is cut short', () => {
    const refused = tamperedRead((file) => writeFileSync(file, readFileSync(file).subarray(0, 2 * (UPLOAD_CHUNK_BYTES + 32) + 100)));
    expect(refused.code).toBe('VAULT_CORRUPT');
  });

  it('are refused when a length is damaged, without reading past the file', () => {
    const refused = tamperedRead((file) => {
      const damaged = readFileSync(file);
      damaged.writeUInt32BE(0xffff_fff0, 0);
      writeFileSync(file, damaged);
    });
    expect(refused.code).toBe('VAULT_CORRUPT');
  });
});
