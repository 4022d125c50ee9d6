// Makes one backup file: VACUUM INTO a temp name in the backup folder, look inside the copy with
// the key (integrity, counts: the verification after writing), append the footer, fsync, rename.
// Only the final name matches the listing pattern, so a crash at any point leaves nothing listed.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BackupKind } from '../../src-shared/backup-model';
import { fsyncDirectory } from '../vault/atomic-file';
import type { KeySlotFile } from '../vault/key-slot-file';
import type { SqliteDatabase } from '../store/database';
import { backupProblem, dataKeyIdOf, encodeFooter, readFooter, authenticateFooter, sha256OfPrefix, type StoredManifest } from './backup-file';
import { inspectBody, removeBody, writeBody } from './backup-body';

export interface BackupSource {
  db: SqliteDatabase;
  dataKey: Buffer;
  keySlots: KeySlotFile;
  appVersion: string;
  /** The better-sqlite3 addon to open the fresh copy with (Electron's own build), when not the default. */
  nativeBinding?: string | undefined;
}

export interface WrittenBackup {
  path: string;
  fileName: string;
  manifest: StoredManifest;
  sizeBytes: number;
}

/** `vigil-backup-20260101T060000Z-3f9a1c.vigilbk`: sorts by time, unique within a second. */
export function backupFileName(createdAt: number): string {
  const stamp = new Date(createdAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `vigil-backup-${stamp}-${randomBytes(3).toString('hex')}.vigilbk`;
}

export type BackupStep = 'copy' | 'check' | 'seal' | 'verify';

export async function writeBackupFile(
  source: BackupSource,
  folder: string,
  options: { kind: BackupKind; createdAt: number; onStep?: (step: BackupStep) => void },
): Promise<WrittenBackup> {
  const fileName = backupFileName(options.createdAt);
  const finalPath = join(folder, fileName);
  const temp = join(folder, `.${fileName}.partial-${randomBytes(6).toString('hex')}.tmp`);
  try {
    options.onStep?.('copy');
    // Synchronous and the slowest step (seconds on a big vault): it runs in a worker (backup-jobs.ts).
    writeBody(source.db, temp);
    options.onStep?.('check');
    const contents = inspectBody(temp, source.dataKey, source.nativeBinding);
    if (contents.integrity.length !== 1 || contents.integrity[0] !== 'ok') {
      throw backupProblem('integrity', 'The fresh copy fails SQLite integrity_check', { firstProblem: contents.integrity[0] });
    }
    const bodyLength = statSync(temp).size;
    const bodySha256 = await sha256OfPrefix(temp, bodyLength);
    options.onStep?.('seal');
    const manifest: StoredManifest = {
      format: 1,
      appVersion: source.appVersion,
      schemaVersion: contents.schemaVersion,
      createdAt: options.createdAt,
      kind: options.kind,
      vaultId: source.keySlots.vaultId,
      vaultName: source.keySlots.vaultName,
      dataKeyId: dataKeyIdOf(source.dataKey),
      rowCounts: contents.rowCounts,
      auditHeadHash: contents.auditHeadHash,
      bodySha256,
      bodyLength,
      keySlots: source.keySlots,
    };
    appendAndSync(temp, encodeFooter(manifest, source.dataKey));
    renameSync(temp, finalPath);
    fsyncDirectory(folder);
    options.onStep?.('verify');
    try {
      // Read back what is on disk under its final name: footer authentic, body bytes as hashed.
      const footer = readFooter(finalPath);
      authenticateFooter(footer, source.dataKey, manifest.vaultId);
      if ((await sha256OfPrefix(finalPath, footer.manifest.bodyLength)) !== bodySha256) {
        throw backupProblem('body_hash', 'The backup read back does not match what was written');
      }
      return { path: finalPath, fileName, manifest, sizeBytes: footer.fileSize };
    } catch (error) {
      // A backup that does not read back is worse than none: it would be trusted later.
      rmSync(finalPath, { force: true });
      throw error;
    }
  } finally {
    removeBody(temp);
  }
}

function appendAndSync(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'a');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
