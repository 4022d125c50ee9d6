// What the backup channels send across the boundary: backups in the folder, their
// manifests, verification verdicts, restore previews and outcomes, schedule and retention settings.

/** Why a backup was made: by the schedule, by a person, or as the copy kept aside before a restore. */
export const BACKUP_KINDS = ['scheduled', 'manual', 'pre_restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** The self-describing part of a backup file (authenticated by an HMAC under the data key). */
export interface BackupManifest {
  format: 1;
  appVersion: string;
  schemaVersion: number;
  createdAt: number;
  kind: BackupKind;
  vaultId: string;
  vaultName: string;
  /** HMAC of a constant under the data key: names the key without revealing it. */
  dataKeyId: string;
  /** Rows per table in the body, as counted from the body itself after it was written. */
  rowCounts: Record<string, number>;
  auditHeadHash: string | null;
  bodySha256: string;
  bodyLength: number;
}

export interface BackupListing {
  fileName: string;
  path: string;
  sizeBytes: number;
  createdAt: number;
  kind: BackupKind;
  schemaVersion: number;
  /** When it was last verified in full (every listed backup was verified before it was named), null if never. */
  verifiedAt: number | null;
  /** The last verification's verdict; false means it failed and should not be trusted. */
  verifiedOk: boolean | null;
  manifest: BackupManifest;
}

/**
 * The checks a verification runs (docs/BACKUP.md, "Verification"): `manifest` (vault, data key,
 * manifest HMAC, length), `body_hash` (SHA-256 against the manifest), `pages` (every page's SQLCipher
 * HMAC under the data key, free pages included), `row_counts` (rows per table against the manifest),
 * `structure` (SQLite integrity_check: b-trees, constraints, indexes; on restore and nightly on the
 * live vault, not on backup.verify).
 */
export const BACKUP_CHECKS = ['manifest', 'body_hash', 'pages', 'row_counts', 'structure'] as const;
export type BackupCheck = (typeof BACKUP_CHECKS)[number];

export interface BackupVerification {
  fileName: string;
  path: string;
  ok: boolean;
  /** What failed, as a stable code: null when ok. */
  problem: string | null;
  message: string;
  manifest: BackupManifest | null;
  /** The checks that ran, in order; a failed verification lists those it reached. */
  checks: BackupCheck[];
  /** The first page of the body that fails authentication under the data key, when one does. */
  badPage: number | null;
}

export interface RetentionPolicy {
  keepLast: number;
  daily: number;
  weekly: number;
  monthly: number;
}

export interface BackupSettings {
  /** Absolute path of the backup folder. */
  folder: string;
  /** Cron expression (croner syntax, local time). */
  schedule: string;
  enabled: boolean;
  retention: RetentionPolicy;
}

export interface BackupStatus {
  settings: BackupSettings;
  running: boolean;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: { at: number; code: string; message: string } | null;
  nextRunAt: number | null;
}

export interface RestorePreview {
  backup: BackupListing;
  verification: BackupVerification;
  /** Usernames with accounts in the backup. */
  users: string[];
  /** Rows per table now, to show what the restore will take away or bring back. */
  currentRowCounts: Record<string, number>;
  /** The vault name a person must type to confirm. */
  vaultName: string;
}

export interface RestoreOutcome {
  restoredFrom: string;
  createdAt: number;
  /** Where the vault as it was just before the restore is kept (a folder in the data directory). */
  preRestorePath: string;
  schemaMigratedFrom: number;
  schemaVersion: number;
}

/** What `backup.restoreInvestigation` brought back. Counts are rows per table. */
export interface InvestigationRestoreOutcome {
  investigationKey: string;
  investigationId: string;
  restoredFrom: string;
  backupCreatedAt: number;
  /** Rows written back per table; all zero when the vault already had everything (a second run). */
  restored: Record<string, number>;
  /** Rows the vault still had, left exactly as they are (the vault's newer state wins). */
  alreadyPresent: Record<string, number>;
  /** Alerts left out because the vault holds the same alert (same fingerprint) under another id. */
  alertsHeldElsewhere: number;
  /** Entities of the backup matched to the vault's own entity of the same kind and value. */
  entitiesMerged: number;
}

export interface PruneOutcome {
  deleted: string[];
  kept: string[];
}
