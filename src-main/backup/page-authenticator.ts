// Authenticates every page of a vault file (or a backup body) under the data key without SQLite:
// each page's HMAC-SHA512 recomputed with Node's crypto and compared with the one SQLCipher stored.
// Nothing is decrypted and no structure is read. It costs ~2 s of CPU per GB (one createHmac per
// 4 KiB page, 8 µs, of which SHA-512 itself is ~4.4 µs; crypto.hash and copied hash states measured
// the same, 2026-12-05), which is why a backup runs it once, while copying (checked-copy.ts), and a
// verification only when the body's hash differs (backup-verifier.ts). It
// covers what SQLite's own checks never read: quick_check and integrity_check walk the b-trees and
// the free list's trunk pages, never the free pages' contents (the leaves of the free list).
//
// The page layout, as SQLite3MultipleCiphers writes it with `cipher='sqlcipher'`, `legacy=4` and a
// raw 256-bit key (store/database.ts), established on a small vault and checked by
// tests/unit/backup/page-authenticator.test.ts against the library:
//
//   page size 4096 (legacy=4's default; Vigil never sets page_size)
//   page 1 starts with the 16-byte salt in plaintext; every page ends with the reserve:
//     ciphertext | IV (16 bytes) | HMAC-SHA512 (64 bytes)
//   HMAC-SHA512 over (ciphertext | IV | page number as u32 little-endian), keyed with
//     PBKDF2-HMAC-SHA512(raw key, salt XOR 0x3a each byte, 2 iterations, 32 bytes)
//   (SQLCipher 4's hmac_salt_mask 0x3a and fast_kdf_iter 2; with a raw key the encryption key is the
//   raw key itself, so no 256,000-iteration KDF is run here either.)
//
// One page is never checked: the lock-byte page, the page holding file offset 2^30 (page 262145 at
// 4096 bytes), which SQLite reserves for file locks and never writes or reads, so a vault above 1 GiB
// has a hole there. Every other page must carry a valid HMAC, all-zero pages included: SQLite can
// skip writing a page that became a free-list leaf in the transaction that dirtied it
// (sqlite3PagerDontWrite), but in WAL mode, the vault's, a transaction that allocated and freed 167
// pages left no unwritten page in the file (checked on this build); a zeroed page is refused.
//
// The checking threads run a few lines of plain JavaScript (like file-hash.ts: no TypeScript, no
// bundle entry, they start in milliseconds from sources and from the build alike) and are children
// of the calling thread (a job's worker), so terminating the job stops them too.
import { closeSync, openSync, readSync } from 'node:fs';
import { pbkdf2Sync } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { VigilError } from '../../src-shared/errors';

export const SQLCIPHER_PAGE_BYTES = 4096;
export const SQLCIPHER_SALT_BYTES = 16;
export const SQLCIPHER_IV_BYTES = 16;
export const SQLCIPHER_HMAC_BYTES = 64;
/** XORed into each salt byte to salt the HMAC key's derivation (SQLCipher's hmac_salt_mask). */
const HMAC_SALT_MASK = 0x3a;
/** PBKDF2 iterations of the HMAC key (SQLCipher's fast_kdf_iter). */
const HMAC_KDF_ITERATIONS = 2;
/** Pages read per system call in a checking thread: 1 MiB. */
const CHUNK_PAGES = 256;
/** SQLite's PENDING_BYTE: the page that holds it is the lock-byte page, never written. */
const LOCK_BYTE_OFFSET = 0x40000000;
export const LOCK_BYTE_PAGE = Math.floor(LOCK_BYTE_OFFSET / SQLCIPHER_PAGE_BYTES) + 1;
/** Two cores: more threads only contend with the job's own thread and the hash. */
export const DEFAULT_AUTHENTICATION_THREADS = 2;

export interface PageAuthentication {
  pages: number;
  /** The lowest page number whose HMAC does not match (1-based, as SQLite numbers pages), or null. */
  firstBadPage: number | null;
}

/** The key SQLCipher authenticates pages with, for this data key and this file's salt. The caller zeroes it. */
export function pageHmacKey(dataKey: Buffer, salt: Buffer): Buffer {
  if (dataKey.length !== 32) throw new VigilError('INTERNAL', 'The data key must be 256 bits');
  if (salt.length !== SQLCIPHER_SALT_BYTES) throw new VigilError('INTERNAL', 'A SQLCipher salt is 16 bytes');
  const masked = Buffer.from(salt.map((byte) => byte ^ HMAC_SALT_MASK));
  return pbkdf2Sync(dataKey, masked, HMAC_KDF_ITERATIONS, 32, 'sha512');
}

// Checks the file's whole pages 1..pages, chunk by chunk: thread `thread` of `threads` takes chunks
// thread, thread + threads, ... (interleaved, so every thread can start at the front of a file that is
// still being written), and posts the first page whose HMAC does not match (or null). Stops at its
// first bad page: every later page of its own is beyond it, so the lowest of the threads' answers is
// the file's lowest bad page. With `written` (an Int32Array on shared memory: pages the copying
// thread has written so far, -1 when the copy stopped) it reads no page before it is written.
const CHECKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac, timingSafeEqual } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, pages, thread, threads, pageBytes, saltBytes, hmacBytes, chunkPages, lockBytePage, written, salt } = workerData;
const key = Buffer.from(workerData.key.buffer, workerData.key.byteOffset, workerData.key.byteLength);
const pgno = Buffer.alloc(4);
const buffer = Buffer.allocUnsafe(chunkPages * pageBytes);
function waitForPages(last) {
  for (;;) {
    const done = Atomics.load(written, 0);
    if (done < 0) throw new Error('the copy stopped');
    if (done >= last) return;
    Atomics.wait(written, 0, done);
  }
}
let firstBad = null;
const fd = openSync(path, 'r');
try {
  for (let page = 1 + thread * chunkPages; page <= pages && firstBad === null; page += threads * chunkPages) {
    const count = Math.min(chunkPages, pages - page + 1);
    if (written) waitForPages(page + count - 1);
    const want = count * pageBytes;
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buffer, got, want - got, (page - 1) * pageBytes + got);
      if (n === 0) throw new Error('the file is shorter than expected');
      got += n;
    }
    for (let i = 0; i < count; i += 1) {
      if (page + i === lockBytePage) continue;
      const start = i * pageBytes;
      const macAt = start + pageBytes - hmacBytes;
      pgno.writeUInt32LE(page + i, 0);
      const mac = createHmac('sha512', key)
        .update(buffer.subarray(page + i === 1 ? start + saltBytes : start, macAt))
        .update(pgno)
        .digest();
      // Page 1 must also carry the salt the HMAC key was derived from (a following check got it from the source).
      const saltOk = page + i !== 1 || Buffer.compare(buffer.subarray(0, saltBytes), Buffer.from(salt)) === 0;
      if (!saltOk || !timingSafeEqual(mac, buffer.subarray(macAt, start + pageBytes))) { firstBad = page + i; break; }
    }
  }
} finally {
  closeSync(fd);
  key.fill(0);
}
parentPort.postMessage(firstBad);
`;

/**
 * Authenticates the first `length` bytes of `path` (a SQLCipher file: a vault, or a backup's body)
 * page by page under `dataKey`, on `threads` threads. A length that is not a whole number of pages
 * names its last, partial page as bad. The lock-byte page is skipped (`lockBytePage` moves it, for
 * tests: SQLite's is fixed at file offset 2^30).
 *
 * `following`: the file is being written by another thread (checked-copy.ts), which counts the
 * pages written so far in `written` (-1 if it stops) and has already written the salt (`salt`,
 * handed over because page 1 may not be on disk yet when this starts).
 */
export async function authenticatePages(
  path: string, length: number, dataKey: Buffer,
  options: { threads?: number; lockBytePage?: number; following?: { written: Int32Array; salt: Buffer } } = {},
): Promise<PageAuthentication> {
  const wholePages = Math.floor(length / SQLCIPHER_PAGE_BYTES);
  const partialPage = length % SQLCIPHER_PAGE_BYTES === 0 ? null : wholePages + 1;
  if (wholePages === 0) return { pages: partialPage ?? 0, firstBadPage: partialPage };
  const salt = options.following?.salt ?? readSalt(path);
  const hmacKey = pageHmacKey(dataKey, salt);
  try {
    const chunks = Math.ceil(wholePages / CHUNK_PAGES);
    const threads = Math.max(1, Math.min(options.threads ?? DEFAULT_AUTHENTICATION_THREADS, chunks));
    const lockBytePage = options.lockBytePage ?? LOCK_BYTE_PAGE;
    const written = options.following?.written ?? null;
    const found = await Promise.all(Array.from({ length: threads }, (_, thread) =>
      checkChunks(path, { pages: wholePages, thread, threads, lockBytePage, written, salt: new Uint8Array(salt) }, hmacKey)));
    const bad = found.filter((page): page is number => page !== null);
    const firstBadPage = bad.length > 0 ? Math.min(...bad) : partialPage;
    return { pages: wholePages + (partialPage === null ? 0 : 1), firstBadPage };
  } finally {
    hmacKey.fill(0);
  }
}

function readSalt(path: string): Buffer {
  const salt = Buffer.alloc(SQLCIPHER_SALT_BYTES);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, salt, 0, salt.length, 0) !== salt.length) throw new VigilError('UNAVAILABLE', 'The file is too short to be a vault');
  } finally {
    closeSync(fd);
  }
  return salt;
}

interface CheckerShare {
  pages: number;
  thread: number;
  threads: number;
  lockBytePage: number;
  written: Int32Array | null;
  salt: Uint8Array;
}

function checkChunks(path: string, share: CheckerShare, hmacKey: Buffer): Promise<number | null> {
  const { pages, thread, threads } = share;
  const isOwnPage = (page: number) => page >= 1 && page <= pages && Math.floor((page - 1) / CHUNK_PAGES) % threads === thread;
  return new Promise((resolve, reject) => {
    // A fresh, unpooled copy of the key, transferred (not cloned) to the thread, which zeroes it.
    const key = new Uint8Array(hmacKey.length);
    key.set(hmacKey);
    const worker = new Worker(CHECKER, {
      eval: true,
      // No loader: a parent started with --import tsx would hand it on.
      execArgv: [],
      workerData: {
        path, ...share, key, pageBytes: SQLCIPHER_PAGE_BYTES, saltBytes: SQLCIPHER_SALT_BYTES, hmacBytes: SQLCIPHER_HMAC_BYTES,
        chunkPages: CHUNK_PAGES,
      },
      transferList: [key.buffer],
    });
    let settled = false;
    worker.once('message', (page: unknown) => {
      settled = true;
      if (page === null || (typeof page === 'number' && Number.isInteger(page) && isOwnPage(page))) resolve(page);
      else reject(new VigilError('INTERNAL', 'The page-checking thread returned something that is not a page of its range'));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new VigilError('UNAVAILABLE', 'The file could not be read to authenticate its pages', { reason: error.message }));
    });
    worker.once('exit', () => {
      if (!settled) reject(new VigilError('INTERNAL', 'The page-checking thread stopped before it finished'));
    });
  });
}
