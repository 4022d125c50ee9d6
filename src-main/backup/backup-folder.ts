// The backup folder: what is listed (only finished files, by name pattern), where a named backup
// is, and the sweep of temp files a crash left. Folders on external drives come and go, so a
// missing folder is UNAVAILABLE (retry later), never created on the wrong disk.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../src-shared/errors';
import { BACKUP_FILE_NAME } from '../../src-shared/backup-contract';
import type { BackupListing, BackupManifest } from '../../src-shared/backup-model';
import { readFooter, type StoredManifest } from './backup-file';
import type { BackupState } from './backup-state';

/** Partial backups and verification copies: dot-names ending in .tmp (see backup-writer, backup-verifier). */
const TEMP_NAME = /^\.vigil-backup-.*\.tmp(-wal|-shm|-journal)?$/;

export function publicManifest(stored: StoredManifest): BackupManifest {
  const { keySlots: _keySlots, ...manifest } = stored;
  return manifest;
}

/** Makes sure the folder is there; only the default folder (inside the data directory) is created. */
export function ensureFolder(folder: string, isDefault: boolean): void {
  if (existsSync(folder) && statSync(folder).isDirectory()) return;
  if (isDefault) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    return;
  }
  throw new VigilError('UNAVAILABLE', 'The backup folder is not available (is the drive connected?)', { folder });
}

export function listBackups(folder: string, state: BackupState): BackupListing[] {
  if (!existsSync(folder)) return [];
  const listings: BackupListing[] = [];
  for (const fileName of readdirSync(folder)) {
    if (!BACKUP_FILE_NAME.test(fileName)) continue;
    const path = join(folder, fileName);
    try {
      const footer = readFooter(path);
      const verdict = state.verifications[fileName];
      listings.push({
        fileName, path, sizeBytes: footer.fileSize, createdAt: footer.manifest.createdAt, kind: footer.manifest.kind,
        schemaVersion: footer.manifest.schemaVersion,
        // Every listed backup was checked before it got its name; later verifications override that.
        verifiedAt: verdict?.at ?? footer.manifest.createdAt, verifiedOk: verdict?.ok ?? true,
        manifest: publicManifest(footer.manifest),
      });
    } catch {
      // Not a backup we can read (damaged, or someone else's file with a similar name): not listed.
    }
  }
  return listings.sort((a, b) => b.createdAt - a.createdAt);
}

/** Removes what a crash during a backup or a verification left; only call when none is running. */
export function sweepTempFiles(folder: string): number {
  if (!existsSync(folder)) return 0;
  let removed = 0;
  for (const name of readdirSync(folder)) {
    if (!TEMP_NAME.test(name)) continue;
    rmSync(join(folder, name), { force: true });
    removed += 1;
  }
  return removed;
}
