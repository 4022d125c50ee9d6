// Channels of backups and restore. Gathered into the one contract by contract.ts.
// A window names a backup by its file name inside the configured folder, never by a path: a path
// could name any file on the machine. Paths are accepted from the command line only.
import { z } from 'zod';
import { channel, needs } from './channel';
import type {
  BackupListing, BackupStatus, BackupVerification, InvestigationRestoreOutcome, PruneOutcome, RestoreOutcome, RestorePreview,
} from './backup-model';

const empty = z.object({}).strict();
/** Names the backup writer produces; anything else (a path, `..`) is refused before a handler runs. */
export const BACKUP_FILE_NAME = /^vigil-backup-[0-9A-Za-z-]{1,80}\.vigilbk$/;
const fileNameSchema = z.string().regex(BACKUP_FILE_NAME, 'Not a backup file name');
const pathSchema = z.string().min(1).max(4096);
const backupRef = z.union([z.object({ fileName: fileNameSchema }).strict(), z.object({ path: pathSchema }).strict()]);
const confirmVaultName = z.string().min(1).max(80);
const investigationKey = z.string().trim().min(1).max(64);

const retentionSchema = z.object({
  keepLast: z.number().int().min(1).max(1000),
  daily: z.number().int().min(0).max(1000),
  weekly: z.number().int().min(0).max(1000),
  monthly: z.number().int().min(0).max(1000),
}).strict();

export const backupChannels = {
  'backup.status': channel<BackupStatus>()({ input: empty, access: needs('admin_access') }),
  'backup.list': channel<BackupListing[]>()({ input: empty, access: needs('admin_access') }),
  'backup.create': channel<BackupListing>()({
    input: z.object({ jobId: z.string().uuid().optional() }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'backup.verify': channel<BackupVerification>()({ input: backupRef, access: needs('admin_access'), audited: true }),
  'backup.previewRestore': channel<RestorePreview>()({ input: backupRef, access: needs('admin_access') }),
  // Not audited by the router: the vault it would write to is closed and replaced by the restore;
  // the restore writes its own rows (before, into the old vault; after, into the restored one).
  'backup.restore': channel<RestoreOutcome>()({
    input: z.union([
      z.object({ fileName: fileNameSchema, confirmVaultName }).strict(),
      z.object({ path: pathSchema, confirmVaultName }).strict(),
    ]),
    access: needs('admin_access'),
  }),
  // Copies one investigation (alerts, entities, evidence, notes, actions…) out of a backup into the
  // live vault, leaving everything else as it is; idempotent.
  'backup.restoreInvestigation': channel<InvestigationRestoreOutcome>()({
    input: z.union([
      z.object({ fileName: fileNameSchema, investigationKey }).strict(),
      z.object({ path: pathSchema, investigationKey }).strict(),
    ]),
    access: needs('admin_access'),
    audited: true,
  }),
  'backup.prune': channel<PruneOutcome>()({ input: empty, access: needs('admin_access'), audited: true }),
  'backup.updateSettings': channel<BackupStatus>()({
    input: z.object({
      folder: z.string().trim().min(1).max(4096).optional(),
      schedule: z.string().trim().min(9).max(120).optional(),
      enabled: z.boolean().optional(),
      retention: retentionSchema.optional(),
    }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
} as const;
