// Full verification of a backup file: manifest authenticated (vault, key, HMAC), then at the same
// time the body's SHA-256 taken from disk on a second thread and the body opened with the key on
// this one (PRAGMA quick_check or integrity_check, rows per table). A hash that differs from the
// manifest's wins over whatever the check found; rows per table must equal the manifest. SQLite
// never parses a page it has not authenticated (SQLCipher checks each page's HMAC under the data key
// before using it), so checking while hashing opens nothing an attacker could shape. SQLite opens
// the body under a fresh temp name beside the backup: a hard link when it is only checked (no copy:
// SQLite reads the pages its header counts, never the footer after them), a copy when a restore keeps it.
import { linkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { removeDatabaseFiles } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrations';
import { authenticateFooter, backupProblem, readFooter, type BackupFooter } from './backup-file';
import { sha256OfPrefixOffThread } from '../workers/file-hash';
import { extractBody, inspectBody, type BodyCheck, type BodyContents } from './backup-body';

export interface VerifiedBackup {
  footer: BackupFooter;
  contents: BodyContents;
}

export interface VerifyOptions {
  dataKey: Buffer;
  /** The vault this backup must belong to; null when restoring into an empty data directory. */
  expectedVaultId: string | null;
  /** Keep the extracted body here instead of deleting it (a restore swaps it into place). */
  keepBodyAt?: string | undefined;
  /** fsync the kept body (default): a restore swaps it into place; a throwaway copy need not reach the disk. */
  syncBody?: boolean | undefined;
  /** The better-sqlite3 addon to open the body with (Electron's own build), when not the default. */
  nativeBinding?: string | undefined;
  /**
   * `integrity` (default): every index checked against its table too; `quick`: pages, b-trees,
   * constraints; `none`: hash and rows only, for a restore that quick_checks its copy once migrated.
   */
  check?: BodyCheck | undefined;
}

/** Temp names start with a dot and never match the backup file pattern, so they are never listed. */
export function tempNameBeside(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${randomBytes(6).toString('hex')}.tmp`);
}

export async function verifyBackupFile(path: string, options: VerifyOptions): Promise<VerifiedBackup> {
  const footer = readFooter(path);
  authenticateFooter(footer, options.dataKey, options.expectedVaultId);
  const { manifest } = footer;
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    throw backupProblem('newer_schema', 'This backup was made by a newer version of Vigil; update Vigil to use it', {
      backupSchema: manifest.schemaVersion, supportedSchema: SCHEMA_VERSION,
    });
  }
  const bodyPath = options.keepBodyAt ?? tempNameBeside(path, 'verify');
  let keep = false;
  try {
    openableBody(path, manifest.bodyLength, bodyPath, options.keepBodyAt === undefined ? 'link' : options.syncBody === false ? 'copy' : 'durable copy');
    const hashing = sha256OfPrefixOffThread(bodyPath, manifest.bodyLength);
    const check = options.check ?? 'integrity';
    let opened: BodyContents | null = null;
    try {
      opened = inspectBody(bodyPath, options.dataKey, options.nativeBinding, check);
    } catch {
      // Reported below, after the hash: a body that is not the one recorded is a body_hash problem.
    }
    if ((await hashing) !== manifest.bodySha256) throw backupProblem('body_hash', 'The backup body does not match its recorded hash');
    if (!opened) throw backupProblem('integrity', 'The backup body cannot be opened with the data key');
    const contents = opened;
    if (check !== 'none' && (contents.integrity.length !== 1 || contents.integrity[0] !== 'ok')) {
      throw backupProblem('integrity', `The backup body fails SQLite ${check === 'quick' ? 'quick_check' : 'integrity_check'}`, { firstProblem: contents.integrity[0] });
    }
    const mismatched = Object.keys({ ...manifest.rowCounts, ...contents.rowCounts })
      .filter((table) => manifest.rowCounts[table] !== contents.rowCounts[table]);
    if (mismatched.length > 0) throw backupProblem('row_counts', 'The backup body does not hold the rows its manifest records', { tables: mismatched });
    keep = options.keepBodyAt !== undefined;
    return { footer, contents };
  } finally {
    if (!keep) removeDatabaseFiles(bodyPath);
  }
}

/**
 * Puts the body where SQLite can open it under a name nothing else uses (so no stray -wal beside it
 * is ever read). A body to keep is copied (and fsynced when a restore will swap it in: `durable
 * copy`); a body only checked is hard-linked, and copied only where the filesystem has no hard
 * links (FAT, exFAT). SQLite opens a link read-only, so the backup's bytes cannot change through it.
 */
function openableBody(path: string, bodyLength: number, bodyPath: string, how: 'link' | 'copy' | 'durable copy'): void {
  if (how === 'link') {
    try {
      linkSync(path, bodyPath);
      return;
    } catch {
      // No hard links here: copy instead.
    }
  }
  extractBody(path, bodyLength, bodyPath, { sync: how === 'durable copy' });
}
