// The heavy parts of backups, run in a worker thread (entry: src-main/workers/backup-worker.ts) on
// the worker's own connection, so the main thread only awaits messages: making a backup (VACUUM
// INTO, integrity_check, counts, hashing) and verifying one (extracting and hashing the body,
// integrity_check, counts). The same functions as before do the work; only the thread changed.
// Requests are plain data plus the data key, which travels in the job message (see worker-launcher).
import { z } from 'zod';
import { BACKUP_KINDS } from '../../src-shared/backup-model';
import { openDatabase } from '../store/database';
import { keySlotFileSchema } from '../vault/key-slot-file';
import type { JobContext } from '../workers/worker-job';
import type { WorkerLauncher } from '../workers/worker-launcher';
import { storedManifestSchema, type StoredManifest } from './backup-file';
import type { BodyContents } from './backup-body';
import { verifyBackupFile } from './backup-verifier';
import { writeBackupFile, type BackupStep, type WrittenBackup } from './backup-writer';

const nativeBinding = z.string().min(1).optional();

const createRequestSchema = z.object({
  job: z.literal('create'),
  databasePath: z.string().min(1),
  nativeBinding,
  folder: z.string().min(1),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.number(),
  keySlots: keySlotFileSchema,
  appVersion: z.string(),
}).strict();

const verifyRequestSchema = z.object({
  job: z.literal('verify'),
  path: z.string().min(1),
  nativeBinding,
  expectedVaultId: z.string().nullable(),
  /** Keep the extracted body here (a restore swaps it into place) instead of deleting it. */
  keepBodyAt: z.string().min(1).optional(),
}).strict();

const backupJobRequestSchema = z.discriminatedUnion('job', [createRequestSchema, verifyRequestSchema]);

export type CreateBackupRequest = Omit<z.infer<typeof createRequestSchema>, 'job'>;
export type VerifyBackupRequest = Omit<z.infer<typeof verifyRequestSchema>, 'job'>;

const stepSchema = z.enum(['copy', 'check', 'seal', 'verify']) satisfies z.ZodType<BackupStep>;

const writtenBackupSchema: z.ZodType<WrittenBackup> = z.object({
  path: z.string(),
  fileName: z.string(),
  manifest: storedManifestSchema,
  sizeBytes: z.number().int().min(0),
}).strict();

/** What a full verification found: the authenticated manifest, the file size and what the body holds. */
export interface VerifiedBackupSummary {
  manifest: StoredManifest;
  fileSize: number;
  contents: BodyContents;
}

const verifiedSummarySchema: z.ZodType<VerifiedBackupSummary> = z.object({
  manifest: storedManifestSchema,
  fileSize: z.number().int().min(0),
  contents: z.object({
    integrity: z.array(z.string()),
    rowCounts: z.record(z.string(), z.number().int().min(0)),
    schemaVersion: z.number().int().min(0),
    auditHeadHash: z.string().nullable(),
    usernames: z.array(z.string()),
  }).strict(),
}).strict();

// ---- worker side ----

/** Runs one backup job inside the worker. The data key is the worker's copy; serveOneJob zeroes it. */
export async function runBackupJob(raw: unknown, job: JobContext): Promise<WrittenBackup | VerifiedBackupSummary> {
  const request = backupJobRequestSchema.parse(raw);
  if (request.job === 'create') {
    // Read-only is enough for VACUUM INTO, and this connection must never write to the vault.
    const db = openDatabase(request.databasePath, { key: Buffer.from(job.dataKey), readonly: true, nativeBinding: request.nativeBinding });
    try {
      return await writeBackupFile(
        { db, dataKey: job.dataKey, keySlots: request.keySlots, appVersion: request.appVersion, nativeBinding: request.nativeBinding },
        request.folder,
        { kind: request.kind, createdAt: request.createdAt, onStep: (step) => job.progress(step) },
      );
    } finally {
      db.close();
    }
  }
  const verified = await verifyBackupFile(request.path, {
    dataKey: job.dataKey, expectedVaultId: request.expectedVaultId, keepBodyAt: request.keepBodyAt, nativeBinding: request.nativeBinding,
  });
  return { manifest: verified.footer.manifest, fileSize: verified.footer.fileSize, contents: verified.contents };
}

// ---- main-thread side ----

/** Makes a backup in a worker; `onStep` hears each step as the worker reaches it. */
export function createBackupInWorker(
  workers: WorkerLauncher, request: CreateBackupRequest, dataKey: Buffer, onStep?: (step: BackupStep) => void,
): Promise<WrittenBackup> {
  return workers.run('backup-worker', {
    request: { job: 'create', ...request }, dataKey, result: writtenBackupSchema, progress: stepSchema, onProgress: onStep,
  });
}

/** Verifies a backup in full in a worker; a failed check rejects with the verifier's VigilError (problem code kept). */
export function verifyBackupInWorker(workers: WorkerLauncher, request: VerifyBackupRequest, dataKey: Buffer): Promise<VerifiedBackupSummary> {
  return workers.run('backup-worker', { request: { job: 'verify', ...request }, dataKey, result: verifiedSummarySchema });
}
