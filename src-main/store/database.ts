// Opens the encrypted vault database: SQLCipher v4 format keyed with the raw 256-bit data key
// (a raw key skips SQLCipher's own PBKDF2: our keys are random, the password KDF lives in key slots).
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { VigilError } from '../../src-shared/errors';
import { registerDerivationSwitch } from './alert-derivations';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /** Only for the plaintext baseline in benchmarks; the vault always passes a key. */
  key: Buffer | null;
  /** Path of a better-sqlite3 addon built for another ABI (Electron's), when not the default one. */
  nativeBinding?: string | undefined;
  /**
   * A file only this connection uses and throws away on any failure (an import's staging file): no
   * WAL and no syncs. In WAL mode a one-transaction load into a new file wrote every page twice (into
   * the WAL, then back: 1.4 GB of WAL at 1M alerts); a rollback journal keeps only the pages that
   * existed when the transaction began. (This cipher build keeps a journal: journal_mode=OFF is refused.)
   */
  scratch?: boolean;
}

/**
 * Keys the connection without ever turning the key into a JS string (a string cannot be zeroed and
 * lingers in V8's heap until collected): the raw-key form `x'<64 hex>'` is spelled byte by byte into
 * a Buffer, handed to sqlite3_key through `db.key()`, and zeroed before returning. SQLite3MultipleCiphers
 * keeps its own derived copy inside the connection and wipes it when the connection closes.
 */
export function applyCipherKey(db: SqliteDatabase, key: Buffer): void {
  if (key.length !== 32) throw new Error('The data key must be 256 bits');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  const rawKey = rawKeyLiteral(key);
  try {
    db.key(rawKey);
  } finally {
    rawKey.fill(0);
  }
}

/**
 * Attaches another database file encrypted with the same cipher settings under `schema`, keyed the
 * same way as the main one (the key bound as bytes, never a string). Not inside a transaction.
 */
export function attachEncrypted(db: SqliteDatabase, path: string, schema: string, key: Buffer): void {
  if (!/^[a-z_]+$/.test(schema)) throw new Error(`Not a schema name: ${schema}`);
  const rawKey = rawKeyLiteral(key);
  try {
    db.prepare(`ATTACH DATABASE ? AS ${schema} KEY ?`).run(path, rawKey);
  } finally {
    rawKey.fill(0);
  }
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** `x'<hex>'` as bytes; the caller zeroes it. */
function rawKeyLiteral(key: Buffer): Buffer {
  const literal = Buffer.alloc(key.length * 2 + 3);
  literal[0] = 0x78; // x
  literal[1] = 0x27; // '
  for (let i = 0; i < key.length; i += 1) {
    const byte = key[i] ?? 0;
    literal[2 + i * 2] = HEX_DIGITS[byte >> 4] ?? 0;
    literal[3 + i * 2] = HEX_DIGITS[byte & 15] ?? 0;
  }
  literal[literal.length - 1] = 0x27;
  return literal;
}

export function openDatabase(path: string, options: OpenDatabaseOptions): SqliteDatabase {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (options.key) applyCipherKey(db, options.key);
    // Reading the schema is the first access that needs the key: a wrong key fails here.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw new VigilError('VAULT_CORRUPT', 'The vault database cannot be opened with this key', {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  // Temp tables and sort spills stay in memory: SQLCipher does not encrypt temp files by default.
  db.pragma('temp_store = MEMORY');
  // 64 MiB of decrypted pages: every cache miss costs an AES + HMAC-SHA512 page decrypt, and the
  // default 2 MiB made imports re-decrypt index pages on nearly every row (measured 30× slower).
  db.pragma('cache_size = -65536');
  if (options.scratch) {
    db.pragma('synchronous = OFF');
  } else {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  registerDerivationSwitch(db);
  return db;
}

/** Runs `work` with the connection's busy_timeout set to `waitMs`, restoring the previous value after. */
export function withBusyTimeout<T>(db: SqliteDatabase, waitMs: number, work: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${waitMs}`);
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

/** Removes a database file and the -wal, -shm and -journal files SQLite may have left beside it. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
