// The composition root: builds every service from a data directory, a clock and a logger.
// No module-level singletons, so each test builds a fresh core in a temp directory.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../package.json';
import { systemClock, type Clock } from './platform/clock';
import { silentLogger, type Logger } from './platform/logger';
import { PRODUCTION_KDF_POLICY, type KdfPolicy } from './vault/kdf';
import { KeySlotStore } from './vault/key-slot-store';
import { VaultCustody } from './vault/custody';
import type { MigrationSource } from './store/migrations/migration-source';
import { lockDataDir, type DataDirLock, type LockHolder } from './vault/data-dir-lock';
import { removeStaleTempFiles } from './vault/atomic-file';
import { buildRepositories, type Repositories } from './repositories';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from './vault/lockout';
import { SessionService } from './auth/session-service';
import { LoginService } from './auth/login-service';
import { UserAdministration } from './auth/user-admin';
import { TwoFactorService } from './auth/two-factor';
import { ApiTokenService } from './auth/api-token-service';
import { Router } from './ipc/router';
import { EventHub } from './ipc/event-hub';
import { DataChangeAnnouncer } from './ipc/data-change-announcer';
import { changesOf } from './ipc/announced-writes';
import { Notifier } from './notifications/notifier';
import { CallMetrics } from './ipc/call-metrics';
import { createHandlers } from './ipc/handlers';
import type { Services } from './ipc/handlers/services';
import { RevealRegistry } from './pii/reveal-registry';
import { UploadStore } from './uploads/upload-store';
import { JobRegistry } from './jobs/job-registry';
import { BackupService } from './backup/backup-service';
import { BackgroundCheckpoint } from './vault/background-checkpoint';
import { undoUnfinishedImports } from './import/alerts/import-undo';
import { removeStagedImports } from './import/alerts/staged-import';
import { AlertImportWorkers } from './import/alerts/alert-import-workers';
import { createWriteTurnMemory, mainWriteTurn } from './store/write-turn';
import { takeMainTurnsForTransactions } from './store/turn-taking-transactions';
import { BackupScheduler } from './backup/backup-scheduler';
import { VaultStructureCheck } from './backup/vault-structure-check';
import { settlePendingRestore } from './backup/restore-swap';
import { CasePackageExchange } from './case-package/case-package-exchange';
import { ReportService } from './reports/report-files';
import { AnalyticsService } from './analytics/analytics-service';
import { VolumeAnomalyAlerts } from './analytics/volume-anomaly-alerts';
import { HealthMonitor } from './health/health-monitor';
import { SyncService } from './sync/sync-service';
import { SyncWorkerStore } from './sync/sync-worker-store';
import { MainCheckpointHold } from './store/wal-checkpoints';
import { buildHealthChecks } from './health/health-checks';
import { readHealthPolicy } from './health/health-settings';
import { isUrgent } from '../src-shared/health-model';
import { SecurityMonitor } from './security/security-monitor';
import { RetentionJob } from './retention/retention-job';
import { ComplianceService } from './compliance/compliance-service';
import { ScheduledJobs } from './jobs/scheduled-jobs';

export const VAULT_FILE = 'vault.db';
export const KEY_SLOT_FILE = 'keyslots.json';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  kdf?: KdfPolicy;
  lockout?: LockoutPolicy;
  /** How often idle lock and expiry are checked; null for tests that sweep by hand. */
  sweepIntervalMs?: number | null;
  /** Take the data-directory lock (off for tests that open two cores on purpose). */
  exclusive?: boolean;
  /** What this process is, written in the lock so a refused one can name it (a command when absent). */
  holder?: LockHolder;
  /** better-sqlite3 addon built for Electron's ABI (native/electron/, built by scripts/build-electron-sqlite.js); the Node build is used otherwise. */
  nativeBinding?: string;
  /** The migrations the vault is brought up to (tests: a list with a slow or failing one); the shipped list when absent. */
  migrations?: MigrationSource;
  /** The zone the scheduled anomaly check counts days in; the system's when absent. */
  timeZone?: string;
  /** The vault's write turn's shared memory (store/write-turn.ts); a test passes its own to play a worker's part. */
  writeTurnMemory?: SharedArrayBuffer;
}

export interface Core {
  dataDir: string;
  router: Router;
  events: EventHub;
  services: Services;
  metrics: CallMetrics;
  /**
   * Stops every timer and closes the vault at once; settles when the workers have stopped and the last
   * background file write has finished, so nothing in the data directory changes after that (a command
   * exits, a test removes the directory).
   */
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const lock: DataDirLock | null = options.exclusive === false ? null : lockDataDir(options.dataDir, options.holder);

  const databasePath = join(options.dataDir, VAULT_FILE);
  // Only after taking the lock: another live process could be mid-write.
  removeStaleTempFiles(join(options.dataDir, KEY_SLOT_FILE));
  // A restore interrupted by a crash is completed or undone before anything opens the vault.
  const settledRestore = settlePendingRestore(options.dataDir);
  if (settledRestore !== 'none') logger.log('warn', 'an interrupted restore was settled at start', { outcome: settledRestore });
  const keySlots = new KeySlotStore(join(options.dataDir, KEY_SLOT_FILE), options.kdf ?? PRODUCTION_KDF_POLICY, clock, options.lockout ?? DEFAULT_LOCKOUT);
  // The vault's write turn (store/write-turn.ts): every router call's synchronous part, every
  // transaction of the main connection (a scheduled job's too) and of an import worker. One vault per
  // core, so one turn; free while no worker writes.
  const writeTurn = options.writeTurnMemory ?? createWriteTurnMemory();
  const mainTurn = mainWriteTurn(writeTurn);
  const custody = new VaultCustody<Repositories>(databasePath, (db) => {
    takeMainTurnsForTransactions(db, mainTurn, () => logger.log('warn', 'a main-thread transaction outside the write turn waited on a worker'));
    return buildRepositories(db, clock);
  }, options.nativeBinding, options.migrations);
  // An import cut off by a crash committed some batches: undo it, so an import stays all or nothing.
  // A first import cut off before it moved in left only its staging file: remove it. Not while an
  // import still runs in this process (the vault locked and unlocked meanwhile): it was not cut off.
  custody.onOpen((vault) => {
    if (alertImports.busy) return;
    removeStagedImports(databasePath);
    void undoUnfinishedImports(vault.db, vault.repositories.row, logger, vault.repositories.audit);
  });
  const sessions = new SessionService(custody, clock);
  const events = new EventHub();
  // The sign-in screens of every window show how far an upgrade of the vault has got.
  custody.upgrade.onProgress((progress) => events.emit('every-window', 'vault.upgrading', progress));
  custody.upgrade.onFailure((error) => logger.log('error', 'the vault upgrade failed; the vault is unchanged', { code: error.code, ...error.details }));
  const announcer = new DataChangeAnnouncer((change) => events.emit('all', 'data.changed', change));
  const backups = new BackupService({
    dataDir: options.dataDir, databasePath, keySlotPath: join(options.dataDir, KEY_SLOT_FILE), custody, keySlots, sessions, clock, logger,
    appVersion: packageJson.version, nativeBinding: options.nativeBinding,
  });
  // What each scheduled job did last, read by the failed-jobs health check.
  const scheduledJobs = new ScheduledJobs();
  const checkpoints = new BackgroundCheckpoint(databasePath, () => custody.copyDataKey(), logger, options.nativeBinding);
  const backupScheduler = new BackupScheduler({
    backups, clock, logger, vaultOpen: () => custody.isOpen, announce: (notification) => events.emit('all', 'notification', notification),
  });
  const structureCheck = new VaultStructureCheck({
    backups, clock, logger, announce: (notification) => events.emit('all', 'notification', notification),
    audit: () => (custody.isOpen ? custody.vault.repositories.audit : null), writeTurn: mainTurn, scheduledJobs,
  });
  const analytics = new AnalyticsService(databasePath, () => custody.copyDataKey(), () => clock.now(), options.nativeBinding);
  // Its worker keeps a connection (and the key) only while the vault is open: a restore replaces the file.
  custody.onClose(() => void analytics.release());
  // Workers that write a lot checkpoint the WAL themselves, the main thread's own checkpoint held meanwhile.
  const mainCheckpoints = new MainCheckpointHold(() => (custody.isOpen ? custody.vault.db : null));
  const alertImports = new AlertImportWorkers({
    databasePath, writeTurn, clock, nativeBinding: options.nativeBinding, mainCheckpoints,
  });
  const uploads = new UploadStore(join(options.dataDir, 'uploads'), () => clock.now());
  const healthChecks = buildHealthChecks({
    dataDir: options.dataDir, databasePath, clock, backups, structureCheckNextAt: () => structureCheck.nextRunAt(),
    vaultCreatedAt: () => { try { return keySlots.read().createdAt; } catch { return null; } },
    audit: () => (custody.isOpen ? custody.vault.repositories.audit : null), failedChecks: () => health.failedChecks(),
    failingJobs: () => scheduledJobs.failing(),
  });
  const health: HealthMonitor = new HealthMonitor({
    checks: healthChecks.checks, clock, logger, writeTurn: mainTurn,
    vault: () => (custody.isOpen ? { health: custody.vault.repositories.health, policy: readHealthPolicy(custody.vault.repositories.settings) } : null),
    // Error and critical reach every window (the banner rereads; the Electron shell shows a desktop notification).
    notify: (notice) => { if (isUrgent(notice.level)) events.emit('all', 'notification', { level: 'error', message: notice.message }); },
    changed: () => announcer.announce({ topic: 'health' }),
  });
  custody.onClose(() => { health.forget(); healthChecks.forget(); });
  const services: Services = {
    appVersion: packageJson.version,
    logPath: logger.filePath ?? null,
    clock,
    keySlots,
    custody,
    sessions,
    login: new LoginService({ keySlots, custody, sessions, clock, databasePath }),
    users: new UserAdministration(keySlots, custody, sessions, clock),
    twoFactor: new TwoFactorService(keySlots, custody, clock),
    apiTokens: new ApiTokenService({ keySlots, custody, sessions, clock }),
    events,
    databasePath,
    reveals: new RevealRegistry(() => clock.now()),
    uploads,
    jobs: new JobRegistry(),
    alertImports,
    backups,
    backupScheduler,
    structureCheck,
    checkpoints,
    casePackages: new CasePackageExchange({
      dataDir: options.dataDir, custody, identity: () => keySlots.identity(), clock, appVersion: packageJson.version, uploads,
      derive: (passphrase, salt, kdf) => keySlots.deriveInTurn(passphrase, salt, kdf), nativeBinding: options.nativeBinding,
    }),
    reports: new ReportService(),
    analytics,
    volumeAnomalies: new VolumeAnomalyAlerts({
      analytics, clock, logger, repositories: () => (custody.isOpen ? custody.vault.repositories : null),
      timeZone: () => options.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
      raised: () => announcer.announce({ topic: 'alerts' }), writeTurn: mainTurn, scheduledJobs,
    }),
    notifier: new Notifier({
      custody, sessions, clock, logger, writeTurn: mainTurn, scheduledJobs, push: (sessionId, unread) => events.emit({ sessionId }, 'notifications.changed', { unread }),
    }),
    health,
    securityMonitor: new SecurityMonitor({
      repositories: () => (custody.isOpen ? custody.vault.repositories : null), clock, logger, writeTurn: mainTurn,
      timeZone: () => options.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
      raised: () => announcer.announce({ topic: 'alerts' }), scheduledJobs,
    }),
    retention: new RetentionJob({
      repositories: () => (custody.isOpen ? custody.vault.repositories : null), clock, logger, writeTurn: mainTurn, scheduledJobs,
      applied: () => { announcer.announce({ topic: 'alerts' }); announcer.announce({ topic: 'investigations' }); announcer.announce({ topic: 'approvals' }); },
    }),
    compliance: new ComplianceService({
      repositories: () => custody.vault.repositories, keySlots, kdfFloor: (options.kdf ?? PRODUCTION_KDF_POLICY).floor, backups, clock,
    }),
    sync: new SyncService({
      repositories: () => (custody.isOpen ? custody.vault.repositories : null), now: () => clock.now(), appVersion: packageJson.version,
      openStore: (repos) => new SyncWorkerStore({
        databasePath, nativeBinding: options.nativeBinding, copyDataKey: () => custody.copyDataKey(), writeTurn, hlc: repos.row.hlcMemory, clock, mainCheckpoints,
      }),
      // Rounds on a timer only where the app runs its timers (tests drive rounds through sync.syncNow).
      autoStart: options.sweepIntervalMs !== null,
      onStatus: (status) => events.emit('all', 'sync.status', status),
      onDataChanged: (change) => announcer.announce(change),
    }),
  };
  sessions.onChange((sessionId, view) => events.emit({ sessionId }, 'session.changed', view));
  const metrics = new CallMetrics();
  const router = new Router(createHandlers(services), {
    sessions, metrics, logger, writeTurn: mainTurn, audit: () => (custody.isOpen ? custody.vault.repositories.audit : null),
    succeeded: (call) => {
      for (const change of changesOf(call)) announcer.announce(change);
      services.notifier.afterCall(call);
    },
  });

  // A sweep ends sessions (their history and audit rows): a write like any other, in the turn.
  const interval = options.sweepIntervalMs === null ? null : setInterval(() => {
    mainTurn.run(() => {
      sessions.sweep();
      services.casePackages.sweep();
    }).catch((error: unknown) => logger.log('error', 'the session sweep failed', { error: error instanceof Error ? error.message : String(error) }));
  }, options.sweepIntervalMs ?? 1000);
  interval?.unref();
  if (options.sweepIntervalMs !== null) backupScheduler.start();
  if (options.sweepIntervalMs !== null) structureCheck.start();
  // Idle uploads are dropped on a timer, not only when someone begins another.
  if (options.sweepIntervalMs !== null) services.uploads.start();
  if (options.sweepIntervalMs !== null) services.volumeAnomalies.start();
  if (options.sweepIntervalMs !== null) services.notifier.start();
  if (options.sweepIntervalMs !== null) health.start();
  if (options.sweepIntervalMs !== null) services.retention.start();
  custody.onOpen(() => services.volumeAnomalies.soon());
  custody.onOpen(() => services.notifier.vaultOpened());
  if (options.sweepIntervalMs !== null) services.securityMonitor.start();
  custody.onOpen(() => services.securityMonitor.vaultOpened());
  custody.onOpen(() => services.sync.vaultOpened());
  custody.onClose(() => services.sync.vaultClosed());

  return {
    dataDir: options.dataDir,
    router,
    events,
    services,
    metrics,
    close() {
      if (interval) clearInterval(interval);
      announcer.dispose();
      services.notifier.stop();
      backupScheduler.stop();
      structureCheck.stop();
      services.uploads.stop();
      services.volumeAnomalies.stop();
      health.stop();
      healthChecks.close();
      services.securityMonitor.stop();
      services.retention.stop();
      services.sync.vaultClosed();
      const stopping = [custody.upgrade.close(), backups.close(), checkpoints.close(), alertImports.close(), services.reports.close(), services.analytics.close()];
      sessions.endAll('shutdown');
      custody.close();
      lock?.release();
      return Promise.all([...stopping, custody.settled()]).then(() => undefined);
    },
  };
}
