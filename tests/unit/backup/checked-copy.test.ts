// The one-pass copy a backup is made with: the copy is hashed and every page of it authenticated as
// it is read back from the new file, on threads that follow the copying thread chunk by chunk.
// Checked on a SQLCipher file of several copy chunks (8 MiB) and checker chunks (1 MiB), with one
// flipped byte in turn at places each thread and chunk boundary owns: the lowest bad page is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/store/database';
import { checkedCopy } from '../../../src-main/backup/checked-copy';
import { SQLCIPHER_PAGE_BYTES as PAGE } from '../../../src-main/backup/page-authenticator';

let dir: string;
let source: string;
let bytes: Buffer;
const dataKey = randomBytes(32);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-checked-copy-'));
  source = join(dir, 'source.db');
  const db = openDatabase(source, { key: dataKey });
  db.exec('CREATE TABLE t (x BLOB)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  // ~20 MB: three copy chunks, twenty checker chunks.
  db.transaction(() => { for (let i = 0; i < 5000; i += 1) insert.run(randomBytes(4000)); })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  bytes = readFileSync(source);
  expect(bytes.length).toBeGreaterThan(2 * 8 * 1024 * 1024 + 10 * PAGE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function sourceWithFlip(offset: number | null): string {
  const path = join(dir, `source-${n += 1}.db`);
  const copy = Buffer.from(bytes);
  if (offset !== null) copy[offset] = (copy[offset] ?? 0) ^ 0x01;
  writeFileSync(path, copy);
  return path;
}

describe('a checked copy', () => {
  it('is the source byte for byte, hashed as written, every page authentic, with the disk kept writing or not', async () => {
    // The default asks the disk to catch up every 32 MiB (more than this file); 1 MiB makes it do so at every chunk.
    for (const flushBytes of [undefined, 1024 * 1024]) {
      const target = join(dir, `whole-${flushBytes ?? 'default'}.db`);
      const copied = await checkedCopy(source, target, bytes.length, dataKey, { flushBytes });
      expect(readFileSync(target).equals(bytes)).toBe(true);
      expect(copied).toEqual({ length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), firstBadPage: null });
    }
  });

  it('names the lowest page that fails authentication, wherever the damage is, on 1, 2 or 3 threads', async () => {
    const pages = bytes.length / PAGE;
    const places: [string, number, number][] = [
      ['page 1, past the header', 100, 1],
      ['page 1, its salt', 3, 1],
      ['the second page', PAGE + 10, 2],
      ['the second checker chunk (second thread\'s first)', 256 * PAGE + 77, 257],
      ['past the first copy chunk', 8 * 1024 * 1024 + 5 * PAGE + 9, 2048 + 6],
      ['the last byte of the last page (its HMAC)', bytes.length - 1, pages],
    ];
    for (const threads of [1, 2, 3]) {
      for (const [where, offset, page] of places) {
        const target = join(dir, `flipped-${threads}-${offset}.db`);
        const copied = await checkedCopy(sourceWithFlip(offset), target, bytes.length, dataKey, { threads });
        expect(copied.firstBadPage, `${where}, ${threads} threads`).toBe(page);
        rmSync(target);
      }
    }
    // Two damaged pages: the lower is named, even when the higher one's thread reaches it first.
    const copy = Buffer.from(bytes);
    for (const offset of [300 * PAGE + 5, 10 * PAGE + 5]) copy[offset] = (copy[offset] ?? 0) ^ 0x01;
    const twice = join(dir, 'twice.db');
    writeFileSync(twice, copy);
    expect((await checkedCopy(twice, join(dir, 'twice-copy.db'), bytes.length, dataKey)).firstBadPage).toBe(11);
  });

  it('authenticates nothing under another key, and never overwrites a file', async () => {
    expect((await checkedCopy(source, join(dir, 'other-key.db'), bytes.length, randomBytes(32))).firstBadPage).toBe(1);
    await expect(checkedCopy(source, join(dir, 'other-key.db'), bytes.length, dataKey)).rejects.toThrow(/EEXIST/);
  });

  it('fails when the source is shorter than the length asked for, and stops its checking threads', async () => {
    const target = join(dir, 'short.db');
    await expect(checkedCopy(source, target, bytes.length + 3 * PAGE, dataKey)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(existsSync(target)).toBe(true); // the caller removes it (backup-writer.ts)
  });
});
