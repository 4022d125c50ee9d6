// Holds the open vault and its data key. Key lifetime: from the first unlock until the last
// unlocked session locks or ends, or the process exits (clearOn: lock-of-last-session, logout).
// While no session is unlocked the database is closed and the key buffer is zeroed.
import { timingSafeEqual } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { VigilError } from '../../src-shared/errors';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { migrate } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations';

export interface OpenVault<R> {
  db: SqliteDatabase;
  repositories: R;
}

export class VaultCustody<R> {
  private open: (OpenVault<R> & { dataKey: Buffer }) | null = null;
  private readonly openListeners: ((vault: OpenVault<R>) => void)[] = [];

  constructor(
    private readonly databasePath: string,
    private readonly buildRepositories: (db: SqliteDatabase) => R,
    private readonly nativeBinding?: string,
  ) {}

  get isOpen(): boolean {
    return this.open !== null;
  }

  /** The open vault; throws when it is closed (a programming error: callers hold a session). */
  get vault(): OpenVault<R> {
    if (!this.open) throw new VigilError('SESSION_LOCKED', 'The vault is locked');
    return this.open;
  }

  /** Runs each time the vault opens (first unlock, after a restore): recovery work that needs the open vault. */
  onOpen(listener: (vault: OpenVault<R>) => void): void {
    this.openListeners.push(listener);
  }

  /** Opens the vault with this data key, or checks the key matches the one already open. */
  unlock(dataKey: Buffer): OpenVault<R> {
    if (this.open) {
      if (!timingSafeEqual(this.open.dataKey, dataKey)) throw new VigilError('VAULT_CORRUPT', 'Key slot does not match the open vault');
      dataKey.fill(0);
      return this.open;
    }
    const db = openDatabase(this.databasePath, { key: dataKey, nativeBinding: this.nativeBinding });
    // Owner-only: SQLite gives the -wal and -shm files the database file's mode.
    chmodSync(this.databasePath, 0o600);
    try {
      migrate(db, MIGRATIONS);
      this.open = { db, dataKey, repositories: this.buildRepositories(db) };
    } catch (error) {
      db.close();
      dataKey.fill(0);
      throw error;
    }
    for (const listener of this.openListeners) listener(this.open);
    return this.open;
  }

  /** Closes the database and zeroes the key. */
  close(): void {
    if (!this.open) return;
    this.open.db.close();
    this.open.dataKey.fill(0);
    this.open = null;
  }

  /** A copy of the data key for re-wrapping into a new slot; the caller zeroes it. */
  copyDataKey(): Buffer {
    if (!this.open) throw new VigilError('SESSION_LOCKED', 'The vault is locked');
    return Buffer.from(this.open.dataKey);
  }
}
