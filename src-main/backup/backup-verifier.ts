// Full verification of a backup file: manifest authenticated (vault, key, HMAC), body cut out to a
// temp file beside the backup (it is ciphertext), its SHA-256 compared, then opened with the key:
// PRAGMA integrity_check and rows per table equal to the manifest.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { SCHEMA_VERSION } from '../store/migrations';
import { authenticateFooter, backupProblem, readFooter, type BackupFooter } from './backup-file';
import { extractBody, inspectBody, removeBody, type BodyContents } from './backup-body';

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
  /** The better-sqlite3 addon to open the body with (Electron's own build), when not the default. */
  nativeBinding?: string | undefined;
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
    const sha256 = await extractBody(path, manifest.bodyLength, bodyPath);
    if (sha256 !== manifest.bodySha256) throw backupProblem('body_hash', 'The backup body does not match its recorded hash');
    let contents: BodyContents;
    try {
      contents = inspectBody(bodyPath, options.dataKey, options.nativeBinding);
    } catch {
      throw backupProblem('integrity', 'The backup body cannot be opened with the data key');
    }
    if (contents.integrity.length !== 1 || contents.integrity[0] !== 'ok') {
      throw backupProblem('integrity', 'The backup body fails SQLite integrity_check', { firstProblem: contents.integrity[0] });
    }
    const mismatched = Object.keys({ ...manifest.rowCounts, ...contents.rowCounts })
      .filter((table) => manifest.rowCounts[table] !== contents.rowCounts[table]);
    if (mismatched.length > 0) throw backupProblem('row_counts', 'The backup body does not hold the rows its manifest records', { tables: mismatched });
    keep = options.keepBodyAt !== undefined;
    return { footer, contents };
  } finally {
    if (!keep) removeBody(bodyPath);
  }
}
