// SHA-256 of a file's first bytes, computed on another thread, so a backup job can hash a body while
// its own thread decrypts and checks the same body (two cores: the hash costs no wall time when the
// check is the longer of the two). The thread runs a few lines of plain JavaScript (no TypeScript, no
// bundle entry: it starts in milliseconds from sources and from the build alike) and is a child of
// the calling worker, so terminating a job's worker stops it too.
import { Worker } from 'node:worker_threads';
import { VigilError } from '../../src-shared/errors';

/** Read size: large reads keep the hash, not the system calls, the cost. */
export const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

const HASHER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, length, chunk } = workerData;
const hash = createHash('sha256');
const fd = openSync(path, 'r');
try {
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunk, length)));
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, length - done), done);
    if (n === 0) throw new Error('the file is shorter than expected');
    hash.update(buffer.subarray(0, n));
    done += n;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

/** SHA-256 (hex) of the first `length` bytes of `path`, read from disk on a separate thread. */
export function sha256OfPrefixOffThread(path: string, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // No execArgv: the hasher needs no loader (a parent started with --import tsx would hand it on).
    const worker = new Worker(HASHER, { eval: true, execArgv: [], workerData: { path, length, chunk: HASH_CHUNK_BYTES } });
    let settled = false;
    worker.once('message', (digest: unknown) => {
      settled = true;
      if (typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest)) resolve(digest);
      else reject(new VigilError('INTERNAL', 'The hashing thread returned something that is not a SHA-256'));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new VigilError('UNAVAILABLE', 'The file could not be read to hash it', { reason: error.message }));
    });
    worker.once('exit', () => {
      if (!settled) reject(new VigilError('INTERNAL', 'The hashing thread stopped before it finished'));
    });
  });
}
