// The body of a backup is a SQLCipher database under the vault's own data key. These functions make
// one (VACUUM INTO from the keyed connection: never a plaintext copy), look inside one (integrity,
// rows per table, schema, audit head, accounts) and cut one out of a backup file.
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { schemaVersion } from '../store/migrate';

export interface BodyContents {
  integrity: string[];
  rowCounts: Record<string, number>;
  schemaVersion: number;
  auditHeadHash: string | null;
  usernames: string[];
}

/** Writes a consistent, encrypted copy of the open vault to `target` (which must not exist). */
export function writeBody(db: SqliteDatabase, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
}

/** Row counts of every table, read from `db`; table names come from sqlite_master, never from input. */
export function countRows(db: SqliteDatabase): Record<string, number> {
  const tables = db.prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).all();
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    counts[name] = (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${quoted}`).get()?.n ?? 0);
  }
  return counts;
}

/** Opens a body read-only with the key and reports what is in it. A wrong key throws VAULT_CORRUPT. */
export function inspectBody(path: string, dataKey: Buffer, nativeBinding?: string): BodyContents {
  const db = openDatabase(path, { key: dataKey, readonly: true, nativeBinding });
  try {
    const integrity = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all().map((r) => r.integrity_check);
    const head = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    const usernames = db.prepare<[], { username: string }>('SELECT username FROM users ORDER BY username').all().map((r) => r.username);
    return { integrity, rowCounts: countRows(db), schemaVersion: schemaVersion(db), auditHeadHash: head?.hash ?? null, usernames };
  } finally {
    db.close();
  }
}

/** Copies the first `length` bytes of `source` to a new file `target`, fsynced; returns their SHA-256. */
export async function extractBody(source: string, length: number, target: string): Promise<string> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(source, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 }),
      hashing,
      createWriteStream(target, { flags: 'wx', mode: 0o600 }),
    );
    const fd = openSync(target, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
  return hash.digest('hex');
}

/** Removes a body file and the -wal / -shm files SQLite may have left beside it. */
export function removeBody(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
