// Holds the open vault and its data key. Key lifetime: from the first unlock until the last
// unlocked session locks or ends, or the process exits (clearOn: lock-of-last-session, logout).
// While no session is unlocked the database is closed and the key buffer is zeroed, and so is the
// audit anchor's key derived from it (held by the audit log while the vault is open).
import { timingSafeEqual } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { VigilError } from '../../src-shared/errors';
import { anchorPathFor, AuditAnchor, deriveAnchorKey } from '../audit/audit-anchor';
import type { AuditLog } from '../audit/audit-log';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { migrate } from '../store/migrate';
import { SHIPPED_MIGRATIONS, type MigrationSource } from '../store/migrations/migration-source';
import { VaultUpgrade } from './vault-upgrade';

export interface OpenVault<R> {
  db: SqliteDatabase;
  repositories: R;
}

export class VaultCustody<R extends { audit: AuditLog }> {
  private open: (OpenVault<R> & { dataKey: Buffer }) | null = null;
  private readonly openListeners: ((vault: OpenVault<R>) => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];
  /** What a closed vault still finishes off the main thread (its last anchor write), until it settles. */
  private readonly settling = new Set<Promise<void>>();
  /** Brings an older vault up to this version's schema in a worker before it opens (unlockCurrent). */
  readonly upgrade: VaultUpgrade;

  constructor(
    private readonly databasePath: string,
    private readonly buildRepositories: (db: SqliteDatabase) => R,
    private readonly nativeBinding?: string,
    private readonly migrations: MigrationSource = SHIPPED_MIGRATIONS,
  ) {
    this.upgrade = new VaultUpgrade(databasePath, migrations, nativeBinding);
  }

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

  /** Runs each time the vault closes, before its database does: whatever holds a connection of its own lets go. */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /**
   * What the app's sign-in and unlock use: like `unlock`, but a vault behind this version's schema is
   * first upgraded in a worker (vault-upgrade.ts), so the main thread keeps turning however long the
   * conversion takes; concurrent callers share one upgrade. The upgrade is audited once the vault opens.
   * Takes ownership of `dataKey` (zeroed), like `unlock`.
   */
  async unlockCurrent(dataKey: Buffer): Promise<OpenVault<R>> {
    if (this.open) return this.unlock(dataKey);
    let upgraded: Awaited<ReturnType<VaultUpgrade['ensureCurrent']>>;
    try {
      upgraded = await this.upgrade.ensureCurrent(dataKey);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    const openedHere = !this.open;
    const vault = this.unlock(dataKey);
    // Every caller that waited for the upgrade gets here; the first to open the vault records it.
    if (upgraded && openedHere) {
      vault.repositories.audit.append({
        actor: { id: null, name: 'vigil' }, action: 'vault.upgraded', target: null, outcome: 'success',
        details: { fromVersion: upgraded.fromVersion, toVersion: upgraded.toVersion, durationMs: upgraded.durationMs },
      });
    }
    return vault;
  }

  /**
   * Opens the vault with this data key, or checks the key matches the one already open. Any pending
   * migration runs here, on this thread: for a new (empty) vault, tests and commands; the app's
   * sign-in uses `unlockCurrent`.
   */
  unlock(dataKey: Buffer): OpenVault<R> {
    if (this.open) {
      const same = timingSafeEqual(this.open.dataKey, dataKey);
      dataKey.fill(0);
      if (!same) throw new VigilError('VAULT_CORRUPT', 'Key slot does not match the open vault');
      return this.open;
    }
    const db = openDatabase(this.databasePath, { key: dataKey, nativeBinding: this.nativeBinding });
    // Owner-only: SQLite gives the -wal and -shm files the database file's mode.
    chmodSync(this.databasePath, 0o600);
    try {
      migrate(db, this.migrations.list);
      const repositories = this.buildRepositories(db);
      // Checked at every open: a cut tail or an older vault.db put back is found (and logged) here.
      const anchor = new AuditAnchor(anchorPathFor(this.databasePath), deriveAnchorKey(dataKey));
      try {
        repositories.audit.attachAnchor(anchor);
      } catch (error) {
        anchor.dispose();
        throw error;
      }
      this.open = { db, dataKey, repositories };
    } catch (error) {
      db.close();
      dataKey.fill(0);
      throw error;
    }
    for (const listener of this.openListeners) listener(this.open);
    return this.open;
  }

  /** Writes the audit anchor at the committed head, closes the database and zeroes the keys. */
  close(): void {
    if (!this.open) return;
    const open = this.open;
    this.open = null;
    for (const listener of this.closeListeners) listener();
    try {
      open.repositories.audit.detachAnchor();
    } finally {
      const settling = open.repositories.audit.backgroundWriteSettled();
      this.settling.add(settling);
      void settling.finally(() => this.settling.delete(settling));
      try {
        open.db.close();
      } finally {
        open.dataKey.fill(0);
      }
    }
  }

  /** Settles when every vault closed so far has finished writing beside the database. */
  async settled(): Promise<void> {
    await Promise.all([...this.settling]);
  }

  /** A copy of the data key for re-wrapping into a new slot; the caller zeroes it. */
  copyDataKey(): Buffer {
    if (!this.open) throw new VigilError('SESSION_LOCKED', 'The vault is locked');
    return Buffer.from(this.open.dataKey);
  }
}
