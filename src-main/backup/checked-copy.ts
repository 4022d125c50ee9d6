// Copies a vault file's pages to a new file and checks the copy as it lands, in one pass instead of a
// copy followed by a read-back pass: one thread copies a chunk (8 MiB), reads that chunk back from the
// new file and hashes what it read (SHA-256), then publishes how many pages are written; the page
// checkers (page-authenticator.ts, two threads) follow it, each reading back from the new file the
// chunks already written and authenticating every page under the data key, free pages included. The
// disk writes as the copy goes (FLUSH_BYTES), not only at the end.
// Everything checked is what reads back from the new file, never the bytes still in memory, so the
// guarantee is the one the separate read-back pass gave (the hash and the pages are of what was
// written); fsync comes once at the end, before the copy is reported done.
//
// Why one pass: on two cores the copy (system calls, page cache) and the checks (SHA-256 at ~1.5 GB/s,
// page HMACs at ~0.5 GB/s a thread: one native call per page) overlap instead of adding up, and
// the copy's chunks are read back while still hot in the CPU cache. Measured in docs/PERFORMANCE.md.
//
// The copying thread is plain JavaScript like the checkers and file-hash.ts (no TypeScript, no bundle
// entry: it starts in milliseconds from sources and from the build alike) and a child of the calling
// thread, so terminating a job's worker stops it too.
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { VigilError } from '../../src-shared/errors';
import { HASH_CHUNK_BYTES } from '../workers/file-hash';
import { authenticatePages, SQLCIPHER_PAGE_BYTES, SQLCIPHER_SALT_BYTES } from './page-authenticator';

export interface CheckedCopy {
  length: number;
  /** SHA-256 (hex) of the copy as read back from its file. */
  sha256: string;
  /** The copy's lowest page that fails authentication under the data key, or null. */
  firstBadPage: number | null;
}

/**
 * Written bytes after which the copying thread asks the disk to catch up (fdatasync on the thread
 * pool, one at a time, the copy going on meanwhile). Left to itself the kernel starts writing a
 * fresh file's pages only at the final fsync (its background threshold is a share of RAM, above
 * most vaults), so the disk would start once the copy and checks were done. The disk is the part
 * that varies: a plain copy + fsync of the 717 MB bench vault took 0.85 s in one run and 3.8 s in
 * another the same day (docs/PERFORMANCE.md).
 */
const FLUSH_BYTES = 32 * 1024 * 1024;

const COPIER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, writeSync, fsyncSync, fdatasync, closeSync } = require('node:fs');
const { source, target, length, chunk, pageBytes, flushBytes, written } = workerData;
function readFully(fd, buffer, want, position) {
  let got = 0;
  while (got < want) {
    const n = readSync(fd, buffer, got, want - got, position + got);
    if (n === 0) throw new Error('the file is shorter than expected');
    got += n;
  }
}
async function copy() {
  const hash = createHash('sha256');
  let input = null;
  let output = null;
  let flushing = null;
  try {
    input = openSync(source, 'r');
    output = openSync(target, 'r+');
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunk, length)));
    const back = Buffer.allocUnsafe(buffer.length);
    let done = 0;
    let flushedTo = 0;
    while (done < length) {
      const want = Math.min(buffer.length, length - done);
      readFully(input, buffer, want, done);
      let put = 0;
      while (put < want) put += writeSync(output, buffer, put, want - put, done + put);
      // What is hashed is what the new file gives back, not what was handed to write().
      readFully(output, back, want, done);
      hash.update(back.subarray(0, want));
      done += want;
      Atomics.store(written, 0, Math.floor(done / pageBytes));
      Atomics.notify(written, 0);
      // Start the disk writing early and keep it going: one fdatasync at a time on the thread pool
      // while this thread copies on, so the final fsync waits for the last stretch only.
      if (flushing === null && done - flushedTo >= flushBytes) {
        const upTo = done;
        flushing = new Promise((resolve, reject) => fdatasync(output, (error) => (error ? reject(error) : resolve())))
          .then(() => { flushedTo = upTo; flushing = null; });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (flushing !== null) await flushing;
    fsyncSync(output);
    return hash.digest('hex');
  } finally {
    if (flushing !== null) await flushing.catch(() => undefined);
    if (input !== null) closeSync(input);
    if (output !== null) closeSync(output);
  }
}
copy().then((digest) => parentPort.postMessage(digest), (error) => {
  Atomics.store(written, 0, -1);
  Atomics.notify(written, 0);
  throw error;
});
`;

/**
 * Copies the first `length` bytes of `source` to `target` (created here, mode 0600; it must not
 * exist), fsynced, hashing and authenticating the copy from its file as it is written. The caller
 * keeps `source` still for the length of the copy (a read snapshot, backup-body.ts) and removes
 * `target` if this rejects. Both kinds of thread have settled when this settles.
 */
export async function checkedCopy(
  source: string, target: string, length: number, dataKey: Buffer, options: { threads?: number; flushBytes?: number } = {},
): Promise<CheckedCopy> {
  // The checkers derive their key from the salt before page 1 of the copy exists; they compare page
  // 1's salt on the copy with it when they reach it.
  const salt = readPrefix(source, SQLCIPHER_SALT_BYTES);
  // Created before any thread starts, so the checkers can open it at once.
  closeSync(openSync(target, 'wx', 0o600));
  const written = new Int32Array(new SharedArrayBuffer(4));
  const stop = () => {
    Atomics.store(written, 0, -1);
    Atomics.notify(written, 0);
  };
  const copying = copyOnThread({ source, target, length, written, flushBytes: options.flushBytes ?? FLUSH_BYTES }).catch((error: unknown) => {
    stop();
    throw error;
  });
  const authenticating = authenticatePages(target, length, dataKey, { threads: options.threads, following: { written, salt } });
  const [copied, authenticated] = await Promise.allSettled([copying, authenticating]);
  if (copied.status === 'rejected') throw copied.reason;
  if (authenticated.status === 'rejected') throw authenticated.reason;
  return { length, sha256: copied.value, firstBadPage: authenticated.value.firstBadPage };
}

function copyOnThread(work: { source: string; target: string; length: number; written: Int32Array; flushBytes: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(COPIER, {
      eval: true,
      // No loader: a parent started with --import tsx would hand it on.
      execArgv: [],
      workerData: { ...work, chunk: HASH_CHUNK_BYTES, pageBytes: SQLCIPHER_PAGE_BYTES },
    });
    let settled = false;
    worker.once('message', (digest: unknown) => {
      settled = true;
      if (typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest)) resolve(digest);
      else reject(new VigilError('INTERNAL', 'The copying thread returned something that is not a SHA-256'));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new VigilError('UNAVAILABLE', 'The vault could not be copied', { reason: error.message }));
    });
    worker.once('exit', () => {
      if (!settled) reject(new VigilError('INTERNAL', 'The copying thread stopped before it finished'));
    });
  });
}

function readPrefix(path: string, bytes: number): Buffer {
  const prefix = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, prefix, 0, bytes, 0) !== bytes) throw new VigilError('UNAVAILABLE', 'The file is too short to be a vault');
  } finally {
    closeSync(fd);
  }
  return prefix;
}
