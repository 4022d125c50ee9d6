// The heavy parts of backups, run in a worker thread (entry: src-main/workers/backup-worker.ts) on
// the worker's own connection, so the main thread only awaits messages: making a backup (raw copy
// of the pages or VACUUM INTO; hash and page authentication on child threads, counts), verifying one
// (the same on the body), a restore's database steps (restore-steps.ts), and the nightly structural
// check of the live vault (integrity_check).
// Requests are plain data plus the data key, which travels in the job message (see worker-launcher).
import { z } from 'zod';
import { BACKUP_CHECKS, BACKUP_KINDS, type BackupCheck } from '../../src-shared/backup-model';
import { openDatabase } from '../store/database';
import { keySlotFileSchema } from '../vault/key-slot-file';
import type { JobContext } from '../workers/worker-job';
import type { WorkerLauncher } from '../workers/worker-launcher';
import { storedManifestSchema, type StoredManifest } from './backup-file';
import type { BodyContents } from './backup-body';
import { verifyBackupFile } from './backup-verifier';
import { RESTORED_TABLES, type InvestigationRows } from '../investigations/investigation-restore';
import { prepareRestoredVault, readInvestigationFromBody, type RestoredVault } from './restore-steps';
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
  /** A structural check on top of hash, pages and rows: none (the default), quick_check or integrity_check. */
  check: z.enum(['quick', 'integrity', 'none']).optional(),
}).strict();

/** A restore's first half in one worker: verify in full, keep the body, migrate it, record the restore in it. */
const prepareRestoreRequestSchema = z.object({
  job: z.literal('prepareRestore'),
  path: z.string().min(1),
  nativeBinding,
  expectedVaultId: z.string().nullable(),
  incomingVault: z.string().min(1),
  fileName: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }).strict(),
  now: z.number(),
}).strict();

const restoredVaultSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  auditHeadHash: z.string().regex(/^[0-9a-f]{64}$/),
}).strict() satisfies z.ZodType<RestoredVault>;

/** Verify a backup (integrity_check), keep its body at `bodyPath` (a throwaway copy) and read one investigation out of it. */
const readInvestigationRequestSchema = z.object({
  job: z.literal('readInvestigation'),
  path: z.string().min(1),
  expectedVaultId: z.string().nullable(),
  bodyPath: z.string().min(1),
  nativeBinding,
  key: z.string().min(1),
}).strict();

/** SQLite's integrity_check of the live vault, read-only on a connection of the worker's own. */
const checkStructureRequestSchema = z.object({
  job: z.literal('checkStructure'),
  databasePath: z.string().min(1),
  nativeBinding,
}).strict();

const backupJobRequestSchema = z.discriminatedUnion('job', [
  createRequestSchema, verifyRequestSchema, prepareRestoreRequestSchema, readInvestigationRequestSchema, checkStructureRequestSchema,
]);

export type CreateBackupRequest = Omit<z.infer<typeof createRequestSchema>, 'job'>;
export type VerifyBackupRequest = Omit<z.infer<typeof verifyRequestSchema>, 'job'>;
export type PrepareRestoreRequest = Omit<z.infer<typeof prepareRestoreRequestSchema>, 'job'>;
export type CheckStructureRequest = Omit<z.infer<typeof checkStructureRequestSchema>, 'job'>;

const stepSchema = z.enum(['copy', 'check', 'seal', 'verify']) satisfies z.ZodType<BackupStep>;

const writtenBackupSchema: z.ZodType<WrittenBackup> = z.object({
  path: z.string(),
  fileName: z.string(),
  manifest: storedManifestSchema,
  sizeBytes: z.number().int().min(0),
  method: z.enum(['raw', 'vacuum']),
}).strict();

/** What a full verification found: the authenticated manifest, the file size, what the body holds and the checks that ran. */
export interface VerifiedBackupSummary {
  manifest: StoredManifest;
  fileSize: number;
  contents: BodyContents;
  checks: BackupCheck[];
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
  checks: z.array(z.enum(BACKUP_CHECKS)),
}).strict();

/** What SQLite's integrity_check said of the live vault: ['ok'] when whole, else its first problems. */
export interface StructureCheck {
  ok: boolean;
  /** Up to the first 10 lines integrity_check reported. */
  problems: string[];
}

const structureCheckSchema: z.ZodType<StructureCheck> = z.object({ ok: z.boolean(), problems: z.array(z.string()) }).strict();

/** The verified backup and the restored copy made from it, ready to be swapped into place. */
export interface PreparedRestore {
  verified: VerifiedBackupSummary;
  restored: RestoredVault;
}

const preparedRestoreSchema: z.ZodType<PreparedRestore> = z.object({ verified: verifiedSummarySchema, restored: restoredVaultSchema }).strict();

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

const investigationFromBackupSchema = z.object({ manifest: storedManifestSchema, rows: investigationRowsSchema }).strict();

// ---- worker side ----

/** Runs one backup job inside the worker. The data key is the worker's copy; serveOneJob zeroes it. */
export async function runBackupJob(raw: unknown, job: JobContext): Promise<unknown> {
  const request = backupJobRequestSchema.parse(raw);
  const opening = { dataKey: job.dataKey, nativeBinding: request.nativeBinding };
  if (request.job === 'prepareRestore') {
    // Hash, pages and rows here; the structure is checked once, after the migration and the audit
    // row (prepareRestoredVault's integrity_check), before the swap.
    const verified = await verifyBackupFile(request.path, {
      dataKey: job.dataKey, expectedVaultId: request.expectedVaultId, keepBodyAt: request.incomingVault, nativeBinding: request.nativeBinding, check: 'none',
    });
    const { manifest } = verified.footer;
    const restored = prepareRestoredVault(request.incomingVault, opening, { ...request, backupCreatedAt: manifest.createdAt });
    return { verified: { manifest, fileSize: verified.footer.fileSize, contents: verified.contents, checks: [...verified.checks, 'structure'] }, restored } satisfies PreparedRestore;
  }
  if (request.job === 'readInvestigation') {
    const verified = await verifyBackupFile(request.path, {
      dataKey: job.dataKey, expectedVaultId: request.expectedVaultId, keepBodyAt: request.bodyPath, syncBody: false,
      nativeBinding: request.nativeBinding, check: 'integrity',
    });
    return { manifest: verified.footer.manifest, rows: readInvestigationFromBody(request.bodyPath, opening, request.key) };
  }
  if (request.job === 'checkStructure') {
    return checkStructure(request.databasePath, opening);
  }
  if (request.job === 'create') {
    // Not read-only: the raw copy checkpoints the WAL first (backup-body.ts). It writes no rows.
    const db = openDatabase(request.databasePath, { key: job.dataKey, nativeBinding: request.nativeBinding });
    try {
      return await writeBackupFile(
        { db, databasePath: request.databasePath, dataKey: job.dataKey, keySlots: request.keySlots, appVersion: request.appVersion, nativeBinding: request.nativeBinding },
        request.folder,
        { kind: request.kind, createdAt: request.createdAt, onStep: (step) => job.progress(step) },
      );
    } finally {
      db.close();
    }
  }
  const verified = await verifyBackupFile(request.path, {
    dataKey: job.dataKey, expectedVaultId: request.expectedVaultId, keepBodyAt: request.keepBodyAt, nativeBinding: request.nativeBinding, check: request.check,
  });
  return { manifest: verified.footer.manifest, fileSize: verified.footer.fileSize, contents: verified.contents, checks: verified.checks };
}

/** Decrypted pages the structural check may keep (KiB), as a restore's check does. */
const STRUCTURE_CACHE_KIB = 256 * 1024;

/**
 * integrity_check on a read-only connection to the live vault: it reads a snapshot (WAL), so the app
 * keeps writing meanwhile. Reads the b-trees, not the free pages (page authentication covers those
 * in every backup).
 */
function checkStructure(databasePath: string, opening: { dataKey: Buffer; nativeBinding: string | undefined }): StructureCheck {
  const db = openDatabase(databasePath, { key: opening.dataKey, readonly: true, nativeBinding: opening.nativeBinding });
  try {
    db.pragma(`cache_size = -${STRUCTURE_CACHE_KIB}`);
    const lines = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check(10)').all().map((row) => String(row.integrity_check));
    const ok = lines.length === 1 && lines[0] === 'ok';
    return { ok, problems: ok ? [] : lines };
  } finally {
    db.close();
  }
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

/** SQLite's integrity_check of the live vault in a worker (the nightly structural check). */
export function checkStructureInWorker(workers: WorkerLauncher, request: CheckStructureRequest, dataKey: Buffer, signal?: AbortSignal): Promise<StructureCheck> {
  return workers.run('backup-worker', { request: { job: 'checkStructure', ...request }, dataKey, result: structureCheckSchema, signal });
}

/**
 * Verifies a backup (manifest, hash, pages, rows), keeps its body at `incomingVault`, migrates it forward,
 * records the restore in its own audit chain and integrity-checks it: one worker for all of it.
 */
export function prepareRestoreInWorker(workers: WorkerLauncher, request: PrepareRestoreRequest, dataKey: Buffer): Promise<PreparedRestore> {
  return workers.run('backup-worker', { request: { job: 'prepareRestore', ...request }, dataKey, result: preparedRestoreSchema });
}

/**
 * Verifies a backup in full (integrity_check) and reads one investigation out of its body, in one worker.
 * The body is extracted to `bodyPath` (ciphertext, a throwaway copy: an older schema is migrated in
 * it); the caller removes it.
 */
export function readInvestigationInWorker(
  workers: WorkerLauncher,
  request: { path: string; expectedVaultId: string | null; bodyPath: string; key: string; nativeBinding: string | undefined },
  dataKey: Buffer,
): Promise<{ manifest: StoredManifest; rows: InvestigationRows }> {
  return workers.run('backup-worker', { request: { job: 'readInvestigation', ...request }, dataKey, result: investigationFromBackupSchema });
}
