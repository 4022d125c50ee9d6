import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HASH_CHUNK_BYTES, sha256OfPrefixOffThread } from '../../../src-main/workers/file-hash';

const dirs: string[] = [];
afterEach(() => { while (dirs.length) rmSync(dirs.pop() ?? '', { recursive: true, force: true }); });

describe('hashing a file on another thread', () => {
  it('gives the SHA-256 of exactly the first bytes asked for, across chunk boundaries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-hash-'));
    dirs.push(dir);
    const bytes = randomBytes(HASH_CHUNK_BYTES + 12_345);
    const path = join(dir, 'file.bin');
    writeFileSync(path, bytes);
    const prefix = HASH_CHUNK_BYTES + 1000;
    expect(await sha256OfPrefixOffThread(path, prefix)).toBe(createHash('sha256').update(bytes.subarray(0, prefix)).digest('hex'));
    expect(await sha256OfPrefixOffThread(path, 0)).toBe(createHash('sha256').digest('hex'));
  });

  it('refuses a file shorter than the length asked for, and a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-hash-'));
    dirs.push(dir);
    const path = join(dir, 'short.bin');
    writeFileSync(path, randomBytes(100));
    await expect(sha256OfPrefixOffThread(path, 101)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(sha256OfPrefixOffThread(join(dir, 'missing.bin'), 10)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
