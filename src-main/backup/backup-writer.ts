// Makes one backup file: copy the vault's pages to a temp name in the backup folder and, in the same
// pass (the verification after writing), read each chunk back from the copy, hash it on the copying
// thread and authenticate every page of it under the data key on two more (checked-copy.ts,
// page-authenticator.ts, free pages included), while this thread counts the rows per table under the
// snapshot the copy is taken from; then append the footer, fsync, rename, read the footer back. Only the final name matches the listing pattern, so a crash at any point leaves
// nothing listed. SQLite's structural check is not run on the copy: it is the vault's pages byte for
// byte, and the vault's structure is checked nightly (vault-structure-check.ts) and a restore's copy
// before the swap.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BackupKind } from '../../src-shared/backup-model';
import { fsyncDirectory } from '../vault/atomic-file';
import type { KeySlotFile } from '../vault/key-slot-file';
import { removeDatabaseFiles, type SqliteDatabase } from '../store/database';
import { backupProblem, dataKeyIdOf, encodeFooter, readFooter, authenticateFooter, type StoredManifest } from './backup-file';
import { writeBody, type WrittenBody } from './backup-body';

export interface BackupSource {
  /** A connection of the backup's own to the vault (it checkpoints and holds a read snapshot). */
  db: SqliteDatabase;
  databasePath: string;
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
  /** How the body was copied (raw pages under a snapshot, or VACUUM INTO when the WAL could not be emptied). */
  method: WrittenBody['method'];
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
    // Copied, read back, hashed and authenticated in one pass on other threads while this one counts
    // the rows under the snapshot the copy is taken from (backup-body.ts, checked-copy.ts): the
    // manifest records the hash of the bytes that were written and checked. Seconds long on a big
    // vault: it runs in a job worker (backup-jobs.ts).
    const body = await writeBody(source.db, source.databasePath, temp, source.dataKey, { nativeBinding: source.nativeBinding });
    options.onStep?.('check');
    if (body.firstBadPage !== null) {
      throw backupProblem('pages', `The fresh copy's page ${body.firstBadPage} fails authentication under the data key: the vault file is damaged there`, { badPage: body.firstBadPage });
    }
    const { contents, sha256: bodySha256, length: bodyLength } = body;
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
      // Read back what is on disk under its final name: the footer authentic and the file exactly
      // body + footer long (appending cannot change the body, re-hashed from disk above).
      const footer = readFooter(finalPath);
      authenticateFooter(footer, source.dataKey, manifest.vaultId);
      if (footer.manifest.bodyLength !== bodyLength || footer.manifest.bodySha256 !== bodySha256) {
        throw backupProblem('body_hash', 'The backup read back does not match what was written');
      }
      return { path: finalPath, fileName, manifest, sizeBytes: footer.fileSize, method: body.method };
    } catch (error) {
      // A backup that does not read back is worse than none: it would be trusted later.
      rmSync(finalPath, { force: true });
      throw error;
    }
  } finally {
    removeDatabaseFiles(temp);
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
