// Opens the encrypted vault database: SQLCipher v4 format keyed with the raw 256-bit data key
// (a raw key skips SQLCipher's own PBKDF2: our keys are random, the password KDF lives in key slots).
import Database from 'better-sqlite3-multiple-ciphers';
import { VigilError } from '../../src-shared/errors';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /** Only for the plaintext baseline in benchmarks; the vault always passes a key. */
  key: Buffer | null;
  /** Path of a better-sqlite3 addon built for another ABI (Electron's), when not the default one. */
  nativeBinding?: string | undefined;
}

export function applyCipherKey(db: SqliteDatabase, key: Buffer): void {
  if (key.length !== 32) throw new Error('The data key must be 256 bits');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // The hex literal is built from our own random bytes, never from input, so splicing is safe here.
  db.pragma(`key="x'${key.toString('hex')}'"`);
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
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
