// The services the channel handlers call, built by the composition root.
import type { Clock } from '../../platform/clock';
import type { LoginService } from '../../auth/login-service';
import type { SessionService } from '../../auth/session-service';
import type { TwoFactorService } from '../../auth/two-factor';
import type { UserAdministration } from '../../auth/user-admin';
import type { VaultCustody } from '../../vault/custody';
import type { KeySlotStore } from '../../vault/key-slot-store';
import type { Repositories } from '../../repositories';
import type { LiveSession } from '../../auth/session-registry';
import { VigilError } from '../../../src-shared/errors';
import type { EventHub } from '../event-hub';
import type { RevealRegistry } from '../../pii/reveal-registry';
import type { PiiLens } from '../../pii/pii-lens';
import type { UploadStore } from '../../uploads/upload-store';
import type { JobRegistry } from '../../jobs/job-registry';
import type { BackupService } from '../../backup/backup-service';
import type { BackgroundCheckpoint } from '../../vault/background-checkpoint';
import type { BackupScheduler } from '../../backup/backup-scheduler';
import type { VaultStructureCheck } from '../../backup/vault-structure-check';
import type { CasePackageExchange } from '../../case-package/case-package-exchange';
import type { ReportService } from '../../reports/report-files';
import type { AnalyticsService } from '../../analytics/analytics-service';
import type { VolumeAnomalyAlerts } from '../../analytics/volume-anomaly-alerts';
import type { Notifier } from '../../notifications/notifier';
import type { SecurityMonitor } from '../../security/security-monitor';
import type { ApiTokenService } from '../../auth/api-token-service';
import type { AlertImportWorkers } from '../../import/alerts/alert-import-workers';
import type { HealthMonitor } from '../../health/health-monitor';
import type { RetentionJob } from '../../retention/retention-job';
import type { ComplianceService } from '../../compliance/compliance-service';
import type { SyncService } from '../../sync/sync-service';

export interface Services {
  appVersion: string;
  /** The log file, when the logger keeps one (app.status shows it to users). */
  logPath: string | null;
  clock: Clock;
  keySlots: KeySlotStore;
  custody: VaultCustody<Repositories>;
  sessions: SessionService;
  login: LoginService;
  users: UserAdministration;
  twoFactor: TwoFactorService;
  events: EventHub;
  databasePath: string;
  /** Live PII reveals (memory only). */
  reveals: RevealRegistry;
  /** Files arriving from a window in chunks, held encrypted until an import or evidence call takes them. */
  uploads: UploadStore;
  /** Running long jobs (imports), so a window can cancel one. */
  jobs: JobRegistry;
  /** Backups of the open vault and restores. */
  backups: BackupService;
  /** Alert file imports, each in a worker that takes turns with the main thread at the write lock. */
  alertImports: AlertImportWorkers;
  /** WAL checkpoints off the main thread, after imports. */
  checkpoints: BackgroundCheckpoint;
  /** Scheduled backups while the app is open. */
  backupScheduler: BackupScheduler;
  /** The nightly integrity_check of the live vault. */
  structureCheck: VaultStructureCheck;
  /** Case packages in and out: exports, staged uploads, imports. */
  casePackages: CasePackageExchange;
  /** Investigation reports (PDFs laid out in a worker). */
  reports: ReportService;
  /** Stats reports (computed in a worker). */
  analytics: AnalyticsService;
  /** Raises anomalous days of alert volume into the triage queue, hourly while the app is open. */
  volumeAnomalies: VolumeAnomalyAlerts;
  /** Tells people what concerns them (assignments, approvals, decisions, due times). */
  notifier: Notifier;
  /** API tokens for scripts (vigil token, VIGIL_TOKEN). */
  apiTokens: ApiTokenService;
  /** The installation's health checks, alerts and their history (docs/HEALTH.md). */
  health: HealthMonitor;
  /** Watches the audit log for misuse of Vigil itself and opens security incidents. */
  securityMonitor: SecurityMonitor;
  /** The daily retention run, while the policy is enabled. */
  retention: RetentionJob;
  /** The compliance controls, evaluated from the vault's real state. */
  compliance: ComplianceService;
  /** The sync client: the open vault's runner while it is enrolled with a server (docs/SYNC.md). */
  sync: SyncService;
}

/** The router has already checked access; this narrows the type for handlers that need a session. */
export function requireSession(session: LiveSession | null): LiveSession {
  if (!session) throw new VigilError('AUTH_REQUIRED', 'Sign in first');
  return session;
}

/** How this session sees PII: everything with access_pii, else masked except its live reveals. */
export function lensFor(s: Services, session: LiveSession | null): PiiLens {
  const live = requireSession(session);
  return s.reveals.lensFor(live.userId, s.sessions.view(live).permissions.includes('access_pii'));
}
