// The checks the monitor runs, built from what they read: the vault's files, the backup folder and
// its state file, the audit log, this process.
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';
import type { Clock } from '../platform/clock';
import type { AuditLog } from '../audit/audit-log';
import type { BackupService } from '../backup/backup-service';
import { defaultBackupFolder } from '../backup/backup-state';
import type { HealthCheckId } from '../../src-shared/health-model';
import type { FailingJob } from '../jobs/scheduled-jobs';
import type { HealthCheck } from './health-check';
import { walSizeCheck } from './checks/wal-size';
import { freeDiskCheck } from './checks/free-disk';
import { backupAgeCheck } from './checks/backup-age';
import { vaultStructureCheck } from './checks/vault-structure';
import { auditChainCheck } from './checks/audit-chain';
import { memoryCheck } from './checks/memory';
import { eventLoopLagCheck } from './checks/event-loop-lag';
import { failedJobsCheck } from './checks/failed-jobs';

export interface HealthCheckSources {
  dataDir: string;
  databasePath: string;
  clock: Clock;
  backups: Pick<BackupService, 'state' | 'list'>;
  /** When the nightly integrity check next runs. */
  structureCheckNextAt: () => number | null;
  /** When the vault was set up (keyslots.json), null before. */
  vaultCreatedAt: () => number | null;
  audit: () => Pick<AuditLog, 'verify'> | null;
  failedChecks: () => readonly HealthCheckId[];
  /** Scheduled jobs failing now (jobs/scheduled-jobs.ts). */
  failingJobs: () => readonly FailingJob[];
}

export interface HealthCheckSet {
  checks: readonly HealthCheck[];
  /** The vault closed: checks that remember what they verified start again. */
  forget(): void;
  /** Stops the event-loop sampling. */
  close(): void;
}

export function buildHealthChecks(sources: HealthCheckSources): HealthCheckSet {
  const { clock, backups } = sources;
  const state = () => backups.state.read();
  const lag = eventLoopLagCheck();
  const audit = auditChainCheck({ audit: sources.audit, clock });
  const checks: HealthCheck[] = [
    backupAgeCheck({ list: () => backups.list(), state, vaultCreatedAt: sources.vaultCreatedAt, clock }),
    freeDiskCheck('free-disk-vault', () => ({ path: dirname(sources.databasePath), what: 'the vault' })),
    freeDiskCheck('free-disk-backups', () => {
      const folder = state().settings.folder;
      if (existsSync(folder)) return { path: folder, what: 'the backup folder' };
      // The default folder is made at the first backup, on the vault's disk; another one is a drive not connected.
      if (folder === defaultBackupFolder(sources.dataDir)) return { path: sources.dataDir, what: 'the backup folder (not made yet; on the vault\'s disk)' };
      return { path: null, reason: `The backup folder ${folder} is not available (is the drive connected?).` };
    }),
    vaultStructureCheck({ state, nextRunAt: sources.structureCheckNextAt, clock }),
    audit,
    walSizeCheck(sources.databasePath),
    memoryCheck(),
    lag,
    failedJobsCheck({ state, failingJobs: sources.failingJobs, failedChecks: sources.failedChecks }),
  ];
  return { checks, forget: () => audit.forget(), close: () => lag.close() };
}
