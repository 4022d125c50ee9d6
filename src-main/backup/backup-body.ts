// The body of a backup is a SQLCipher database under the vault's own data key. These functions make
// one (a raw copy of the vault file's pages under a read snapshot, or VACUUM INTO when the WAL cannot
// be emptied: never a plaintext copy), look inside one (rows per table, schema, audit head, accounts,
// and quick_check or integrity_check when asked) and cut one out of a backup file. Its pages are
// authenticated apart, without SQLite (page-authenticator.ts).
import { closeSync, fsyncSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { schemaVersion } from '../store/migrate';
import { HASH_CHUNK_BYTES } from '../workers/file-hash';

export interface BodyContents {
  /** What the check said: ['ok'] when the body is whole; empty when it was not checked (`none`). */
  integrity: string[];
  rowCounts: Record<string, number>;
  schemaVersion: number;
  auditHeadHash: string | null;
  usernames: string[];
}

/**
 * SQLite's structural check, on top of the page authentication every verification runs:
 * `quick`: every b-tree page decrypted and authenticated (SQLCipher's per-page HMAC), every b-tree
 * walked, NOT NULL and CHECK constraints, the free list's trunk pages (never its leaves, the free
 * pages themselves). Linear in the vault's size.
 * `integrity`: the same plus every index entry looked up against its table, which costs a page
 * decrypt per cache miss and grows far faster than the vault once the vault outgrows the cache.
 * `none`: no structural check (rows are still counted): backups and their verification, whose pages
 * are authenticated apart; a restore checks its copy itself after migrating it.
 */
export type BodyCheck = 'quick' | 'integrity' | 'none';

export interface WrittenBody {
  length: number;
  /** `raw`: the vault file's pages copied under a read snapshot; `vacuum`: VACUUM INTO (fallback). */
  method: 'raw' | 'vacuum';
}

/** Decrypted pages a checking connection may keep (SQLite's cache_size, KiB): the whole of a small vault. */
const CHECK_CACHE_KIB = 256 * 1024;

/**
 * Writes a consistent, encrypted copy of the open vault to `target` (which must not exist), fsynced.
 * Hashes nothing: the caller hashes the copy from disk on another thread while it checks it, so the
 * hash is of the bytes written and costs no wall time. `db` is a connection of its own to the vault
 * (not the app's writer); it must be able to checkpoint (not opened read-only).
 */
export function writeBody(db: SqliteDatabase, databasePath: string, target: string, options: { checkpointWaitMs?: number } = {}): WrittenBody {
  const raw = copyUnderSnapshot(db, databasePath, target, options.checkpointWaitMs ?? 2000);
  if (raw) return { ...raw, method: 'raw' };
  db.prepare('VACUUM INTO ?').run(target);
  const fd = openSync(target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { length: statSync(target).size, method: 'vacuum' };
}

/** Pause between attempts to take the snapshot; the job runs in a worker, so blocking here blocks no one. */
const SNAPSHOT_RETRY_MS = 50;

/**
 * The vault file already holds SQLCipher pages under the data key, so a copy of its bytes is a
 * valid, still encrypted body. It is consistent when the WAL is empty and stays out of the main file
 * for the length of the copy: a TRUNCATE checkpoint moves every committed page into the main file
 * and empties the WAL; a read transaction begun on an empty WAL holds SQLite's read lock 0, and no
 * checkpoint may write into the main file while a reader holds it (the app's writer keeps
 * committing, into the WAL). Returns null when that could not be had within `waitMs` (a reader or a
 * steady stream of writes in the way): the caller falls back to VACUUM INTO.
 *
 * The app's writer never waits long for this: a TRUNCATE checkpoint holds the write lock while it
 * runs, and would hold it while waiting for readers. So a PASSIVE checkpoint (blocks no one) first
 * moves the bulk of the WAL (large after an import), and TRUNCATE is only ever tried without
 * waiting (busy_timeout 0: it gives up at once if anyone is in the way), every 50 ms.
 */
function copyUnderSnapshot(db: SqliteDatabase, databasePath: string, target: string, waitMs: number): Omit<WrittenBody, 'method'> | null {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    ignoringBusy(() => db.pragma('wal_checkpoint(PASSIVE)'));
    const deadline = performance.now() + waitMs;
    for (;;) {
      const copied = ignoringBusy(() => copyIfWalEmpty(db, databasePath, target));
      if (copied) return copied;
      if (performance.now() + SNAPSHOT_RETRY_MS > deadline) return null;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SNAPSHOT_RETRY_MS);
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

function copyIfWalEmpty(db: SqliteDatabase, databasePath: string, target: string): { length: number } | null {
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
  if (!checkpoint || checkpoint.busy !== 0 || checkpoint.log !== 0) return null;
  db.prepare('BEGIN').run();
  try {
    // The read transaction starts at its first read. If the WAL is still empty after that, the
    // snapshot is the main file alone (frames a writer appends later are past it and stay in the WAL).
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (walBytes(`${databasePath}-wal`) !== 0) return null;
    // Userspace reads and writes, not copyFile: a kernel copy may share the file's blocks (reflink)
    // on the same filesystem, and a backup must not share the vault's fate.
    const length = statSync(databasePath).size;
    extractBody(databasePath, length, target, { sync: true });
    return { length };
  } finally {
    db.prepare('COMMIT').run();
  }
}

/** Runs `work`; SQLITE_BUSY (someone holds a lock we will not wait for) counts as "not now": null. */
function ignoringBusy<T>(work: () => T): T | null {
  try {
    return work();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
    throw error;
  }
}

function walBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Row counts of every table, read from `db`; table names come from sqlite_master, never from input. */
export function countRows(db: SqliteDatabase): Record<string, number> {
  const tables = db.prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).all();
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    // count(*) walks the table's smallest b-tree (SQLite picks the narrowest index itself).
    counts[name] = (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${quoted}`).get()?.n ?? 0);
  }
  return counts;
}

/** Opens a body read-only with the key and reports what is in it. A wrong key throws VAULT_CORRUPT. */
export function inspectBody(path: string, dataKey: Buffer, nativeBinding: string | undefined, check: BodyCheck): BodyContents {
  const db = openDatabase(path, { key: dataKey, readonly: true, nativeBinding });
  try {
    // The check reads every page, and counts read the tables again: pages that stay decrypted in the
    // cache are not decrypted twice (a vault that fits checks ~1.7× faster). Counts alone read each
    // page once and keep the connection's usual cache.
    if (check !== 'none') db.pragma(`cache_size = -${CHECK_CACHE_KIB}`);
    const pragma = check === 'quick' ? 'quick_check' : 'integrity_check';
    const integrity = check === 'none' ? [] : db.prepare<[], Record<string, string>>(`PRAGMA ${pragma}`).all().map((r) => String(r[pragma]));
    const head = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    const usernames = db.prepare<[], { username: string }>('SELECT username FROM users ORDER BY username').all().map((r) => r.username);
    return { integrity, rowCounts: countRows(db), schemaVersion: schemaVersion(db), auditHeadHash: head?.hash ?? null, usernames };
  } finally {
    db.close();
  }
}

/** Copies the first `length` bytes of `source` to a new file `target` in large chunks (fsynced when `sync`). Hashes nothing. */
export function extractBody(source: string, length: number, target: string, options: { sync: boolean }): void {
  const input = openSync(source, 'r');
  let output: number | null = null;
  try {
    output = openSync(target, 'wx', 0o600);
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(HASH_CHUNK_BYTES, length)));
    let done = 0;
    while (done < length) {
      const n = readSync(input, buffer, 0, Math.min(buffer.length, length - done), done);
      if (n === 0) break;
      let written = 0;
      while (written < n) written += writeSync(output, buffer, written, n - written, done + written);
      done += n;
    }
    if (options.sync) fsyncSync(output);
  } catch (error) {
    if (output !== null) rmSync(target, { force: true });
    throw error;
  } finally {
    closeSync(input);
    if (output !== null) closeSync(output);
  }
}
