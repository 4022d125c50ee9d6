// The body of a backup is a SQLCipher database under the vault's own data key. These functions make
// one (a raw copy of the vault file's pages under a read snapshot, or VACUUM INTO when the WAL cannot
// be emptied: never a plaintext copy), look inside one (rows per table, schema, audit head, accounts,
// and quick_check or integrity_check when asked) and cut one out of a backup file. Its pages are
// authenticated apart, without SQLite (page-authenticator.ts).
import { closeSync, fsyncSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase, withBusyTimeout, type SqliteDatabase } from '../store/database';
import { schemaVersion } from '../store/migrate';
import { HASH_CHUNK_BYTES, sha256OfPrefixOffThread } from '../workers/file-hash';
import { checkedCopy } from './checked-copy';
import { authenticatePages } from './page-authenticator';

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
  /** SHA-256 (hex) of the body as read back from its file after writing. */
  sha256: string;
  /** The body's lowest page that fails authentication under the data key (read back from its file), or null. */
  firstBadPage: number | null;
  /** What the body holds: read from the snapshot it was copied under (raw), or from the body itself (vacuum). */
  contents: SnapshotContents;
}

/** What the manifest records of a body's contents. */
export type SnapshotContents = Pick<BodyContents, 'rowCounts' | 'schemaVersion' | 'auditHeadHash'>;

/** Decrypted pages a checking connection may keep (SQLite's cache_size, KiB): the whole of a small vault. */
const CHECK_CACHE_KIB = 256 * 1024;

/**
 * Writes a consistent, encrypted copy of the open vault to `target` (which must not exist), fsynced,
 * with the SHA-256 of the copy and every page of it authenticated, both read back from the copy's
 * file, and what it holds (rows per table, schema version, audit head). `db` is a connection of its
 * own to the vault (not the app's writer); it must be able to checkpoint (not opened read-only).
 *
 * Raw copy (the usual way): while other threads copy, hash and authenticate (checked-copy.ts), this
 * one counts the rows on `db` inside the read snapshot the copy is taken under, so the counts are of
 * the very pages copied (byte for byte) without opening and decrypting the copy a second time. The
 * verification (backup-verifier.ts) counts them again on the body itself. VACUUM INTO (the fallback)
 * writes a different file than the one read, so its body is hashed, authenticated and counted from
 * the body after writing.
 */
export async function writeBody(
  db: SqliteDatabase, databasePath: string, target: string, dataKey: Buffer,
  options: { checkpointWaitMs?: number; nativeBinding?: string | undefined } = {},
): Promise<WrittenBody> {
  if (takeSnapshot(db, databasePath, options.checkpointWaitMs ?? 2000)) {
    try {
      // Userspace reads and writes, not copyFile: a kernel copy may share the file's blocks (reflink)
      // on the same filesystem, and a backup must not share the vault's fate.
      const length = statSync(databasePath).size;
      const copying = checkedCopy(databasePath, target, length, dataKey);
      let contents: SnapshotContents;
      try {
        contents = readContents(db);
      } finally {
        // Settle the copy whatever the counting did: no thread may read or write past this call.
        await Promise.allSettled([copying]);
      }
      const copied = await copying;
      return { length, method: 'raw', sha256: copied.sha256, firstBadPage: copied.firstBadPage, contents };
    } finally {
      db.prepare('COMMIT').run();
    }
  }
  db.prepare('VACUUM INTO ?').run(target);
  const fd = openSync(target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const length = statSync(target).size;
  const hashing = sha256OfPrefixOffThread(target, length);
  const authenticating = authenticatePages(target, length, dataKey);
  let contents: SnapshotContents;
  try {
    contents = inspectBody(target, dataKey, options.nativeBinding, 'none');
  } finally {
    await Promise.allSettled([hashing, authenticating]);
  }
  return { length, method: 'vacuum', sha256: await hashing, firstBadPage: (await authenticating).firstBadPage, contents };
}

/** Pause between attempts to take the snapshot; the job runs in a worker, so blocking here blocks no one. */
const SNAPSHOT_RETRY_MS = 50;

/**
 * The vault file already holds SQLCipher pages under the data key, so a copy of its bytes is a
 * valid, still encrypted body. It is consistent when the WAL is empty and stays out of the main file
 * for the length of the copy: a TRUNCATE checkpoint moves every committed page into the main file
 * and empties the WAL; a read transaction begun on an empty WAL holds SQLite's read lock 0, and no
 * checkpoint may write into the main file while a reader holds it (the app's writer keeps
 * committing, into the WAL). Returns false when that could not be had within `waitMs` (a reader or a
 * steady stream of writes in the way): the caller falls back to VACUUM INTO. On true, `db` is inside
 * that read transaction: the caller copies, then COMMITs.
 *
 * The app's writer never waits long for this: a TRUNCATE checkpoint holds the write lock while it
 * runs, and would hold it while waiting for readers. So a PASSIVE checkpoint (blocks no one) first
 * moves the bulk of the WAL (large after an import), and TRUNCATE is only ever tried without
 * waiting (busy_timeout 0: it gives up at once if anyone is in the way), every 50 ms.
 */
function takeSnapshot(db: SqliteDatabase, databasePath: string, waitMs: number): boolean {
  return withBusyTimeout(db, 0, () => {
    ignoringBusy(() => db.pragma('wal_checkpoint(PASSIVE)'));
    const deadline = performance.now() + waitMs;
    for (;;) {
      if (ignoringBusy(() => snapshotOnEmptyWal(db, databasePath))) return true;
      if (performance.now() + SNAPSHOT_RETRY_MS > deadline) return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SNAPSHOT_RETRY_MS);
    }
  });
}

function snapshotOnEmptyWal(db: SqliteDatabase, databasePath: string): boolean {
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
  if (!checkpoint || checkpoint.busy !== 0 || checkpoint.log !== 0) return false;
  db.prepare('BEGIN').run();
  let held = false;
  try {
    // The read transaction starts at its first read. If the WAL is still empty after that, the
    // snapshot is the main file alone (frames a writer appends later are past it and stay in the WAL).
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    held = walBytes(`${databasePath}-wal`) === 0;
    return held;
  } finally {
    if (!held) db.prepare('COMMIT').run();
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

/**
 * Row counts of every table, read from `db`; table names come from sqlite_master, never from input.
 * Virtual tables (full-text search) are not counted: what they hold is in their shadow tables and
 * their content table, counted here, and counting one scans its content table row by row (an FTS5
 * table over alerts read every alert: half the time of all counts at 200k alerts). `alsoCount` names
 * tables to count anyway if the database has them (a manifest written before this counted them).
 */
export function countRows(db: SqliteDatabase, alsoCount: readonly string[] = []): Record<string, number> {
  const tables = db.prepare<[], { name: string; virtual: number }>(
    "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' AS virtual FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).all();
  const wanted = new Set(alsoCount);
  const counts: Record<string, number> = {};
  for (const { name, virtual } of tables) {
    if (virtual && !wanted.has(name)) continue;
    const quoted = `"${name.replace(/"/g, '""')}"`;
    // count(*) walks the table's smallest b-tree (SQLite picks the narrowest index itself).
    counts[name] = (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${quoted}`).get()?.n ?? 0);
  }
  return counts;
}

/** What a manifest records of a database's contents, read on `db` (inside its read transaction, if any). */
function readContents(db: SqliteDatabase, alsoCount: readonly string[] = []): SnapshotContents {
  const head = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  return { rowCounts: countRows(db, alsoCount), schemaVersion: schemaVersion(db), auditHeadHash: head?.hash ?? null };
}

/**
 * Opens a body read-only with the key and reports what is in it. A wrong key throws VAULT_CORRUPT.
 * `alsoCount`: virtual tables to count too (countRows), when a manifest lists them.
 */
export function inspectBody(path: string, dataKey: Buffer, nativeBinding: string | undefined, check: BodyCheck, alsoCount: readonly string[] = []): BodyContents {
  const db = openDatabase(path, { key: dataKey, readonly: true, nativeBinding });
  try {
    // The check reads every page, and counts read the tables again: pages that stay decrypted in the
    // cache are not decrypted twice (a vault that fits checks ~1.7× faster). Counts alone read each
    // page once and keep the connection's usual cache.
    if (check !== 'none') db.pragma(`cache_size = -${CHECK_CACHE_KIB}`);
    const pragma = check === 'quick' ? 'quick_check' : 'integrity_check';
    const integrity = check === 'none' ? [] : db.prepare<[], Record<string, string>>(`PRAGMA ${pragma}`).all().map((r) => String(r[pragma]));
    const usernames = db.prepare<[], { username: string }>('SELECT username FROM users ORDER BY username').all().map((r) => r.username);
    return { integrity, ...readContents(db, alsoCount), usernames };
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
