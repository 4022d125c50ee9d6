// The heavy parts of backups, run in a worker thread (entry: src-main/workers/backup-worker.ts) on
// the worker's own connection, so the main thread only awaits messages: making a backup (VACUUM
// INTO, integrity_check, counts, hashing), verifying one (extracting and hashing the body,
// integrity_check, counts), and a restore's database steps (restore-steps.ts). The same functions
// as before do the work; only the thread changed.
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
import { RESTORED_TABLES, type InvestigationRows } from './investigation-restore';
import { assertVaultOpens, prepareRestoredVault, readInvestigationFromBody } from './restore-steps';
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

const prepareRestoredRequestSchema = z.object({
  job: z.literal('prepareRestored'),
  path: z.string().min(1),
  nativeBinding,
  fileName: z.string(),
  backupCreatedAt: z.number(),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }).strict(),
  now: z.number(),
}).strict();

const checkVaultRequestSchema = z.object({ job: z.literal('checkVault'), path: z.string().min(1), nativeBinding }).strict();

const readInvestigationRequestSchema = z.object({
  job: z.literal('readInvestigation'),
  bodyPath: z.string().min(1),
  nativeBinding,
  key: z.string().min(1),
}).strict();

const backupJobRequestSchema = z.discriminatedUnion('job', [
  createRequestSchema, verifyRequestSchema, prepareRestoredRequestSchema, checkVaultRequestSchema, readInvestigationRequestSchema,
]);

export type CreateBackupRequest = Omit<z.infer<typeof createRequestSchema>, 'job'>;
export type VerifyBackupRequest = Omit<z.infer<typeof verifyRequestSchema>, 'job'>;
export type PrepareRestoredRequest = Omit<z.infer<typeof prepareRestoredRequestSchema>, 'job'>;

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

const migratedSchema = z.object({ from: z.number().int(), to: z.number().int() }).strict();

/** Rows as the worker sent them: BLOBs arrive as Uint8Array and go back to Buffer for SQLite. */
const rowSchema = z.record(z.string(), z.unknown()).transform((row) => {
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
});
const investigationRowsSchema = z.object({
  // An enum-keyed record: every table must be there.
  byTable: z.record(z.enum(RESTORED_TABLES), z.array(rowSchema)),
}).strict() satisfies z.ZodType<InvestigationRows>;

// ---- worker side ----

/** Runs one backup job inside the worker. The data key is the worker's copy; serveOneJob zeroes it. */
export async function runBackupJob(raw: unknown, job: JobContext): Promise<unknown> {
  const request = backupJobRequestSchema.parse(raw);
  const opening = { dataKey: job.dataKey, nativeBinding: request.nativeBinding };
  if (request.job === 'prepareRestored') return prepareRestoredVault(request.path, opening, request);
  if (request.job === 'checkVault') return assertVaultOpens(request.path, opening) ?? null;
  if (request.job === 'readInvestigation') return readInvestigationFromBody(request.bodyPath, opening, request.key);
  if (request.job === 'create') {
    // Read-only is enough for VACUUM INTO, and this connection must never write to the vault.
    const db = openDatabase(request.databasePath, { key: job.dataKey, readonly: true, nativeBinding: request.nativeBinding });
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

/** Migrates a restored copy forward, records the restore in its audit chain and checks it, in a worker. */
export function prepareRestoredInWorker(workers: WorkerLauncher, request: PrepareRestoredRequest, dataKey: Buffer): Promise<{ from: number; to: number }> {
  return workers.run('backup-worker', { request: { job: 'prepareRestored', ...request }, dataKey, result: migratedSchema });
}

/** The vault at `path` opens with the key and passes quick_check (checked in a worker). */
export async function checkVaultInWorker(workers: WorkerLauncher, path: string, nativeBinding: string | undefined, dataKey: Buffer): Promise<void> {
  await workers.run('backup-worker', { request: { job: 'checkVault', path, nativeBinding }, dataKey, result: z.null() });
}

/** Reads one investigation out of an extracted body, in a worker. */
export function readInvestigationInWorker(
  workers: WorkerLauncher, bodyPath: string, key: string, nativeBinding: string | undefined, dataKey: Buffer,
): Promise<InvestigationRows> {
  return workers.run('backup-worker', { request: { job: 'readInvestigation', bodyPath, key, nativeBinding }, dataKey, result: investigationRowsSchema });
}
