// Upgrades the vault before it opens, off the main thread (issue 13): when the vault's schema is behind,
// the first unlock runs the pending migrations in a worker with its own connection, while this thread
// keeps serving every window and passes the worker's progress on. Unlocks that arrive meanwhile (a
// second window signing in) wait for the same upgrade instead of starting another. Interrupted (a crash,
// kill -9, the app closing), the upgrade's single transaction never commits: the vault is still at its
// old version, and the next unlock runs the whole upgrade again.
import { performance } from 'node:perf_hooks';
import type { VaultUpgradeProgress } from '../../src-shared/events';
import { VigilError } from '../../src-shared/errors';
import { openDatabase } from '../store/database';
import { latestVersion, schemaVersion, UPGRADE_PROGRESS_TOTAL } from '../store/migrate';
import type { MigrationSource } from '../store/migrations/migration-source';
import { WorkerLauncher } from '../workers/worker-launcher';
import { upgradeFailed, upgradeProgressSchema, upgradeResultSchema, type UpgradeRequest } from './vault-upgrade-job';

export interface CompletedUpgrade {
  fromVersion: number;
  toVersion: number;
  durationMs: number;
}

export class VaultUpgrade {
  private readonly workers = new WorkerLauncher();
  private readonly progressListeners: ((progress: VaultUpgradeProgress) => void)[] = [];
  private readonly failureListeners: ((error: VigilError) => void)[] = [];
  private running: Promise<CompletedUpgrade> | null = null;
  private started = 0;

  constructor(
    private readonly databasePath: string,
    private readonly migrations: MigrationSource,
    private readonly nativeBinding?: string | undefined,
  ) {}

  /** How many upgrades have been started (in a worker) since this was built. */
  get upgradesStarted(): number {
    return this.started;
  }

  onProgress(listener: (progress: VaultUpgradeProgress) => void): void {
    this.progressListeners.push(listener);
  }

  /** Runs once for each upgrade that failed (the caller that waited gets the same error). */
  onFailure(listener: (error: VigilError) => void): void {
    this.failureListeners.push(listener);
  }

  /**
   * Settles once the vault is at the latest schema: at once when it already is (or is from a newer
   * Vigil, which the open refuses), else when the upgrade, this caller's or one already running, has
   * committed. The key is only read; the caller keeps and zeroes it.
   */
  async ensureCurrent(dataKey: Buffer): Promise<CompletedUpgrade | null> {
    if (this.running) return this.running;
    const from = this.versionOnDisk(dataKey);
    if (from >= latestVersion(this.migrations.list)) return null;
    this.running = this.upgrade(dataKey, from).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops a running upgrade (its transaction rolls back; callers get CANCELLED). */
  async close(): Promise<void> {
    await this.workers.terminateAll();
  }

  /** Reading the header's user_version decrypts one page: milliseconds, so it runs here. A wrong key fails here, as at open. */
  private versionOnDisk(dataKey: Buffer): number {
    const db = openDatabase(this.databasePath, { key: dataKey, nativeBinding: this.nativeBinding });
    try {
      return schemaVersion(db);
    } finally {
      db.close();
    }
  }

  private async upgrade(dataKey: Buffer, from: number): Promise<CompletedUpgrade> {
    this.started += 1;
    const startedAt = performance.now();
    const request: UpgradeRequest = {
      databasePath: this.databasePath,
      migrations: this.migrations.module,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    };
    const tell = (progress: VaultUpgradeProgress) => {
      for (const listener of this.progressListeners) listener(progress);
    };
    let last: VaultUpgradeProgress = { fromVersion: from, toVersion: latestVersion(this.migrations.list), done: 0, total: UPGRADE_PROGRESS_TOTAL };
    const result = await this.workers.run('vault-upgrade-worker', {
      request, dataKey, result: upgradeResultSchema, progress: upgradeProgressSchema,
      onProgress: (progress) => {
        last = progress;
        tell(progress);
      },
    }).catch((error: unknown) => {
      // Windows showing the bar stop: the vault is as it was, and the sign-in that waited says why.
      tell({ ...last, failed: true });
      // A worker that died (out of memory, killed) rolled back like any other failure: say so in the same words.
      const failure = error instanceof VigilError && error.code !== 'INTERNAL' ? error
        : upgradeFailed(from, last.toVersion, error instanceof VigilError ? String(error.details?.['reason'] ?? error.message) : String(error));
      for (const listener of this.failureListeners) listener(failure);
      throw failure;
    });
    return { ...result, durationMs: Math.round(performance.now() - startedAt) };
  }
}
