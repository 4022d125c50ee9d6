// Backups of the open vault: make, list, verify, prune, preview and restore. The data key is copied
// from custody for the length of one operation and zeroed after it. One operation at a time: a
// backup, a verification for restore and a restore never overlap. Making and verifying a backup run
// in a worker thread on its own connection (backup-jobs.ts): the main thread only awaits messages.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VigilError } from '../../src-shared/errors';
import { BACKUP_CHECKS } from '../../src-shared/backup-model';
import type {
  BackupCheck, BackupKind, BackupListing, BackupSettings, BackupStatus, BackupVerification, InvestigationRestoreOutcome, PruneOutcome, RestoreOutcome,
  RestorePreview,
} from '../../src-shared/backup-model';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { VaultCustody } from '../vault/custody';
import type { KeySlotStore } from '../vault/key-slot-store';
import { readKeySlotFile, recoverySlot, slotAdditionalData, writeKeySlotFile, type KeySlotFile } from '../vault/key-slot-file';
import { unwrapKey } from '../vault/key-wrap';
import { parseRecoveryKey, recoveryKeyEncryptionKey } from '../vault/recovery-key';
import type { Repositories } from '../repositories';
import type { SessionService } from '../auth/session-service';
import type { AuditActor } from '../audit/audit-log';
import { readFooter } from './backup-file';
import { removeDatabaseFiles } from '../store/database';
import { countRows } from './backup-body';
import { tempNameBeside } from './backup-verifier';
import { InvestigationRestorer } from '../investigations/investigation-restore';
import { ensureFolder, listBackups, publicManifest, sweepTempFiles } from './backup-folder';
import { BackupStateFile, defaultBackupFolder } from './backup-state';
import type { BackupStep } from './backup-writer';
import {
  checkStructureInWorker, createBackupInWorker, prepareRestoreInWorker, readInvestigationInWorker, verifyBackupInWorker, type StructureCheck,
  type VerifyBackupRequest,
} from './backup-jobs';
import { WorkerLauncher } from '../workers/worker-launcher';
import { applyRetention } from './retention';
import { assertRestoredInPlace } from './restore-steps';
import { asideFolderName, finishRestore, prepareIncoming, rollBack, swapIntoPlace } from './restore-swap';

export interface BackupServiceDependencies {
  dataDir: string;
  databasePath: string;
  keySlotPath: string;
  custody: VaultCustody<Repositories>;
  keySlots: KeySlotStore;
  sessions: SessionService;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  /** The better-sqlite3 addon workers open databases with (Electron's own build), when not the default. */
  nativeBinding?: string | undefined;
}

export type BackupRef = { fileName: string } | { path: string };

export class BackupService {
  readonly state: BackupStateFile;
  private busy: string | null = null;
  /** The background structure check in flight, cancelled when a backup operation starts. */
  private structureCheck: AbortController | null = null;
  private readonly workers = new WorkerLauncher();

  constructor(private readonly deps: BackupServiceDependencies) {
    this.state = new BackupStateFile(deps.dataDir);
  }

  /** Stops any backup work in progress (its caller gets CANCELLED); the temp files are swept next time. */
  async close(): Promise<void> {
    await this.workers.terminateAll();
  }

  get running(): boolean {
    return this.busy !== null;
  }

  settings(): BackupSettings {
    return this.state.settings();
  }

  status(nextRunAt: number | null): BackupStatus {
    const state = this.state.read();
    return {
      settings: state.settings, running: this.running, lastSuccessAt: state.lastSuccessAt, lastAttemptAt: state.lastAttemptAt,
      lastError: state.lastError, nextRunAt,
    };
  }

  updateSettings(change: Partial<BackupSettings>): BackupSettings {
    if (change.folder !== undefined && !isAbsolutePath(change.folder)) throw new VigilError('VALIDATION', 'Choose the backup folder by its full path');
    return this.state.update((s) => {
      s.settings = { ...s.settings, ...change, ...(change.folder !== undefined ? { folder: resolve(change.folder) } : {}) };
    }).settings;
  }

  list(): BackupListing[] {
    return listBackups(this.settings().folder, this.state.read());
  }

  /** Resolves a reference to a path: a file name inside the backup folder, or a path (CLI only). */
  pathOf(ref: BackupRef): string {
    return 'fileName' in ref ? join(this.settings().folder, ref.fileName) : resolve(ref.path);
  }

  /** Backs up the open vault; `onStep` reports progress. Refuses to start while another operation runs. */
  async create(kind: BackupKind, onStep?: (step: BackupStep) => void): Promise<BackupListing> {
    return this.exclusive('backup', async () => {
      const { custody, keySlots, clock } = this.deps;
      const attemptAt = clock.now();
      this.state.update((s) => { s.lastAttemptAt = attemptAt; });
      try {
        const folder = this.settings().folder;
        ensureFolder(folder, folder === defaultBackupFolder(this.deps.dataDir));
        sweepTempFiles(folder);
        const dataKey = custody.copyDataKey();
        try {
          const written = await createBackupInWorker(this.workers, {
            databasePath: this.deps.databasePath, nativeBinding: this.deps.nativeBinding, folder, kind, createdAt: clock.now(),
            keySlots: keySlots.read(), appVersion: this.deps.appVersion,
          }, dataKey, onStep);
          this.state.update((s) => { s.lastSuccessAt = written.manifest.createdAt; s.lastError = null; });
          const state = this.state.read();
          return listBackups(folder, state).find((b) => b.fileName === written.fileName) ?? fail('The new backup is not listed');
        } finally {
          dataKey.fill(0);
        }
      } catch (error) {
        const wire = error instanceof VigilError ? error : new VigilError('INTERNAL', 'The backup failed');
        this.deps.logger.log('error', 'backup failed', { code: wire.code, message: wire.message });
        this.state.update((s) => { s.lastError = { at: attemptAt, code: wire.code, message: wire.message }; });
        throw wire;
      }
    });
  }

  /** Full verification; a failed check is a verdict (ok: false), not an exception. */
  async verify(ref: BackupRef): Promise<BackupVerification> {
    const path = this.pathOf(ref);
    const fileName = path.split(/[\\/]/).pop() ?? path;
    const dataKey = this.deps.custody.copyDataKey();
    try {
      const verified = await this.verifyFile({ path, expectedVaultId: this.deps.keySlots.identity().vaultId }, dataKey);
      this.recordVerdict(fileName, true);
      return {
        fileName, path, ok: true, problem: null, message: 'The backup is whole and every page opens with this vault\'s key',
        manifest: publicManifest(verified.manifest), checks: verified.checks, badPage: null,
      };
    } catch (error) {
      if (!(error instanceof VigilError) || error.code === 'NOT_FOUND' || error.code === 'UNAVAILABLE') throw error;
      this.recordVerdict(fileName, false);
      const problem = typeof error.details?.problem === 'string' ? error.details.problem : error.code;
      let manifest = null;
      try {
        manifest = publicManifest(readFooter(path).manifest);
      } catch {
        // No readable manifest: reported as null.
      }
      return { fileName, path, ok: false, problem, message: error.message, manifest, checks: checksOf(error.details), badPage: badPageOf(error.details) };
    } finally {
      dataKey.fill(0);
    }
  }

  prune(): PruneOutcome {
    if (this.busy) throw new VigilError('CONFLICT', 'A backup operation is running; prune when it has finished');
    const { folder, retention } = this.settings();
    const decision = applyRetention(this.list().map((b) => ({ fileName: b.fileName, createdAt: b.createdAt, verifiedOk: b.verifiedOk })), retention);
    for (const fileName of decision.remove) rmSync(join(folder, fileName), { force: true });
    this.state.update((s) => { for (const fileName of decision.remove) delete s.verifications[fileName]; });
    return { deleted: decision.remove, kept: decision.keep.map((k) => k.fileName) };
  }

  /** What a restore of this backup would bring back, after verifying it in full. */
  async previewRestore(ref: BackupRef): Promise<RestorePreview> {
    const path = this.pathOf(ref);
    const dataKey = this.deps.custody.copyDataKey();
    try {
      const verified = await this.verifyFile({ path, expectedVaultId: this.deps.keySlots.identity().vaultId }, dataKey);
      const fileName = path.split(/[\\/]/).pop() ?? path;
      const listing: BackupListing = {
        fileName, path, sizeBytes: verified.fileSize, createdAt: verified.manifest.createdAt, kind: verified.manifest.kind,
        schemaVersion: verified.manifest.schemaVersion, verifiedAt: this.deps.clock.now(), verifiedOk: true,
        manifest: publicManifest(verified.manifest),
      };
      return {
        backup: listing,
        verification: { fileName, path, ok: true, problem: null, message: 'The backup is whole', manifest: listing.manifest, checks: verified.checks, badPage: null },
        users: verified.contents.usernames,
        currentRowCounts: countRows(this.deps.custody.vault.db),
        vaultName: this.deps.keySlots.identity().vaultName,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Copies one investigation out of a verified backup into the live vault (investigation-restore.ts).
   * The backup's body is extracted beside it (ciphertext) for the length of the copy.
   */
  async restoreInvestigation(ref: BackupRef, key: string): Promise<InvestigationRestoreOutcome> {
    return this.exclusive('investigation restore', async () => {
      const path = this.pathOf(ref);
      const fileName = path.split(/[\\/]/).pop() ?? path;
      const bodyPath = tempNameBeside(path, 'investigation');
      const dataKey = this.deps.custody.copyDataKey();
      try {
        const { manifest, rows } = await readInvestigationInWorker(this.workers, {
          path, expectedVaultId: this.deps.keySlots.identity().vaultId, bodyPath, key: key.trim(), nativeBinding: this.deps.nativeBinding,
        }, dataKey);
        const { db, repositories } = this.deps.custody.vault;
        const copied = new InvestigationRestorer(db, repositories.row).restore(rows);
        return { investigationKey: key, restoredFrom: fileName, backupCreatedAt: manifest.createdAt, ...copied };
      } finally {
        removeDatabaseFiles(bodyPath);
        dataKey.fill(0);
      }
    });
  }

  /** Restore by an admin with an unlocked session: the open vault's key must be the backup's. */
  async restore(ref: BackupRef, confirmVaultName: string, actor: AuditActor): Promise<RestoreOutcome> {
    const identity = this.deps.keySlots.identity();
    if (confirmVaultName.trim() !== identity.vaultName) {
      throw new VigilError('VALIDATION', 'Type the vault name exactly to confirm the restore');
    }
    const dataKey = this.deps.custody.copyDataKey();
    try {
      return await this.restoreWithKey(this.pathOf(ref), dataKey, identity.vaultId, actor);
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Every password lost: the recovery key opens the backup's own recovery slot. Works on a data
   * directory with no vault at all (a new machine), or on this vault; never on another vault.
   */
  async restoreWithRecoveryKey(path: string, recoveryKeyText: string): Promise<RestoreOutcome> {
    const footer = readFooter(resolve(path));
    const current = readKeySlotFile(this.deps.keySlotPath);
    const dataKey = unwrapRecoverySlot(footer.manifest.keySlots, recoveryKeyText);
    try {
      return await this.restoreWithKey(resolve(path), dataKey, current?.vaultId ?? null, { id: null, name: 'recovery key' });
    } finally {
      dataKey.fill(0);
    }
  }

  private async restoreWithKey(path: string, dataKey: Buffer, expectedVaultId: string | null, actor: AuditActor): Promise<RestoreOutcome> {
    return this.exclusive('restore', async () => {
      const { dataDir, clock, custody, sessions } = this.deps;
      const incoming = prepareIncoming(dataDir);
      const incomingVault = join(incoming, 'vault.db');
      const fileName = path.split(/[\\/]/).pop() ?? path;
      const { verified, restored } = await prepareRestoreInWorker(this.workers, {
        path, nativeBinding: this.deps.nativeBinding, expectedVaultId, incomingVault, fileName, actor, now: clock.now(),
      }, dataKey);
      const { manifest } = verified;
      writeKeySlotFile(join(incoming, 'keyslots.json'), manifest.keySlots);

      // Everyone is logged out; the current vault is closed (its WAL checkpointed) before it moves.
      if (custody.isOpen) {
        custody.vault.repositories.audit.append({ actor, action: 'vault.restore_started', target: fileName, outcome: 'success', details: { backupCreatedAt: manifest.createdAt } });
      }
      sessions.endAll('ended_by_admin');
      custody.close();

      const journal = { phase: 'swap' as const, aside: asideFolderName(clock.now()), hadVault: existsSync(this.deps.databasePath), from: fileName };
      const aside = swapIntoPlace(dataDir, journal);
      try {
        // A few milliseconds (open, two small reads), so on this thread rather than a worker's start.
        assertRestoredInPlace(this.deps.databasePath, { dataKey, nativeBinding: this.deps.nativeBinding }, restored);
      } catch (error) {
        rollBack(dataDir, journal);
        throw error;
      }
      finishRestore(dataDir);
      return { restoredFrom: fileName, createdAt: manifest.createdAt, preRestorePath: aside, schemaMigratedFrom: restored.from, schemaVersion: restored.to };
    });
  }

  /**
   * Verification on demand and for a preview: the manifest, the body's hash, every page authenticated
   * under the data key (free pages too), rows counted. No structural check: a full restore checks
   * its copy's structure once, after migrating it and before the swap (prepareRestoreInWorker), and
   * the live vault's structure is checked nightly (VaultStructureCheck).
   */
  private verifyFile(request: Omit<VerifyBackupRequest, 'nativeBinding' | 'check'>, dataKey: Buffer) {
    return verifyBackupInWorker(this.workers, { ...request, nativeBinding: this.deps.nativeBinding, check: 'none' }, dataKey);
  }

  /**
   * SQLite's integrity_check of the live vault in a worker. It runs in the background and gives way:
   * refused (CONFLICT) while a backup operation runs, and cancelled (CANCELLED) when one starts,
   * so a backup or restore someone asked for never waits behind it or is refused because of it.
   */
  async checkLiveStructure(): Promise<StructureCheck> {
    if (this.busy) throw new VigilError('CONFLICT', `A ${this.busy} is already running`, { running: this.busy });
    const dataKey = this.deps.custody.copyDataKey();
    const structureCheck = new AbortController();
    this.structureCheck = structureCheck;
    try {
      return await checkStructureInWorker(this.workers, { databasePath: this.deps.databasePath, nativeBinding: this.deps.nativeBinding }, dataKey, structureCheck.signal);
    } finally {
      dataKey.fill(0);
      if (this.structureCheck === structureCheck) this.structureCheck = null;
    }
  }

  private recordVerdict(fileName: string, ok: boolean): void {
    this.state.update((s) => { s.verifications[fileName] = { at: this.deps.clock.now(), ok }; });
  }

  private async exclusive<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.busy) throw new VigilError('CONFLICT', `A ${this.busy} is already running`, { running: this.busy });
    // The background structure check reads the same file: it stops and is tried again later.
    this.structureCheck?.abort();
    this.busy = what;
    try {
      return await work();
    } finally {
      this.busy = null;
    }
  }
}

function unwrapRecoverySlot(slots: KeySlotFile, text: string): Buffer {
  const slot = recoverySlot(slots);
  const recovery = parseRecoveryKey(text);
  if (!slot || !recovery) throw new VigilError('INVALID_CREDENTIALS', 'That recovery key does not open this backup');
  const kek = recoveryKeyEncryptionKey(recovery, Buffer.from(slot.salt, 'base64'));
  recovery.fill(0);
  const dataKey = unwrapKey(slot.wrapped, kek, slotAdditionalData(slots, slot));
  kek.fill(0);
  if (!dataKey) throw new VigilError('INVALID_CREDENTIALS', 'That recovery key does not open this backup');
  return dataKey;
}

/** The checks a refused verification reached (the verifier puts them in its error's details). */
function checksOf(details: Record<string, unknown> | undefined): BackupCheck[] {
  const checks = details?.checks;
  return Array.isArray(checks) ? checks.filter((c): c is BackupCheck => (BACKUP_CHECKS as readonly unknown[]).includes(c)) : [];
}

function badPageOf(details: Record<string, unknown> | undefined): number | null {
  const page = details?.badPage;
  return typeof page === 'number' && Number.isInteger(page) && page > 0 ? page : null;
}

function isAbsolutePath(path: string): boolean {
  return resolve(path) === path.replace(/[\\/]+$/, '') || /^[A-Za-z]:[\\/]/.test(path);
}

function fail(message: string): never {
  throw new VigilError('INTERNAL', message);
}
