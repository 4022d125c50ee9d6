// Full verification of a backup file: manifest authenticated (vault, key, HMAC, length), then at the
// same time, from disk: the body's SHA-256 on another thread, and on this one the body opened with
// the key to count its rows per table (count(*) walks each table's narrowest b-tree: a fraction of
// the file; SQLCipher authenticates each page it reads). A hash that differs from the manifest's wins
// over whatever else was found; rows per table must equal the manifest.
//
// Every page of the body is authenticated under the data key (free pages included) when the backup
// is made, from the copy's file, before the manifest records the body's SHA-256 and is sealed with an
// HMAC under that key (backup-writer.ts). So a body whose SHA-256 equals the authenticated manifest's
// is byte for byte the body whose pages were authenticated, and authenticating them again (a second
// HMAC pass, ~0.5 GB/s a thread: most of a verification's time) could only give the same answer.
// The pages are authenticated again only when the hash differs, to name the first damaged page
// (`badPage`), and for a backup made before backups authenticated their pages (schema below 18).
// The `pages` check is listed because it holds: through the hash. SQLite's structural check (integrity_check) is not run here unless asked for: it runs on
// a restore's copy before the swap and nightly on the live vault (docs/BACKUP.md, "Verification").
// SQLite never parses a page it has not authenticated (SQLCipher checks each page's HMAC before
// using it), so counting while hashing opens nothing an attacker could shape. SQLite opens the body
// under a fresh temp name beside the backup: a hard link when it is only checked (no copy: SQLite
// reads the pages its header counts, never the footer after them), a copy when a restore keeps it.
import { linkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { VigilError } from '../../src-shared/errors';
import { removeDatabaseFiles } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrations';
import { authenticateFooter, backupProblem, readFooter, type BackupFooter } from './backup-file';
import type { BackupCheck } from '../../src-shared/backup-model';
import { sha256OfPrefixOffThread } from '../workers/file-hash';
import { extractBody, inspectBody, type BodyCheck, type BodyContents } from './backup-body';
import { authenticatePages } from './page-authenticator';

/**
 * The schema of the first builds whose backups authenticated every page when made (schema 17 spans
 * the change, so its backups count as unchecked): an older backup's pages are authenticated on verify.
 */
const PAGES_AUTHENTICATED_WHEN_MADE_FROM = 18;

export interface VerifiedBackup {
  footer: BackupFooter;
  contents: BodyContents;
  /** The checks that ran, in order (a refusal carries the same list in its details, as `checks`). */
  checks: BackupCheck[];
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
   * SQLite's structural check on top of hash, pages and rows: `none` (default: backup.verify, and a
   * restore, which checks its copy once migrated), `quick` (b-trees, constraints) or `integrity`
   * (every index against its table too).
   */
  check?: BodyCheck | undefined;
}

/** Temp names start with a dot and never match the backup file pattern, so they are never listed. */
export function tempNameBeside(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${randomBytes(6).toString('hex')}.tmp`);
}

export async function verifyBackupFile(path: string, options: VerifyOptions): Promise<VerifiedBackup> {
  const checks: BackupCheck[] = [];
  const refuse = (error: unknown): never => {
    if (error instanceof VigilError) throw new VigilError(error.code, error.message, { ...error.details, checks });
    throw error;
  };
  checks.push('manifest');
  const footer = readFooter(path);
  try {
    authenticateFooter(footer, options.dataKey, options.expectedVaultId);
  } catch (error) {
    refuse(error);
  }
  const { manifest } = footer;
  if (manifest.schemaVersion > SCHEMA_VERSION) {
    refuse(backupProblem('newer_schema', 'This backup was made by a newer version of Vigil; update Vigil to use it', {
      backupSchema: manifest.schemaVersion, supportedSchema: SCHEMA_VERSION,
    }));
  }
  const bodyPath = options.keepBodyAt ?? tempNameBeside(path, 'verify');
  const check = options.check ?? 'none';
  let keep = false;
  try {
    openableBody(path, manifest.bodyLength, bodyPath, options.keepBodyAt === undefined ? 'link' : options.syncBody === false ? 'copy' : 'durable copy');
    checks.push('body_hash', 'pages', 'row_counts');
    if (check !== 'none') checks.push('structure');
    const hashing = sha256OfPrefixOffThread(bodyPath, manifest.bodyLength);
    // A backup made before every write authenticated its pages holds a hash of pages nobody checked.
    const authenticating = manifest.schemaVersion < PAGES_AUTHENTICATED_WHEN_MADE_FROM
      ? authenticatePages(bodyPath, manifest.bodyLength, options.dataKey)
      : null;
    let opened: BodyContents | null = null;
    try {
      // Virtual tables a manifest lists (older backups counted them) are counted too.
      opened = inspectBody(bodyPath, options.dataKey, options.nativeBinding, check, Object.keys(manifest.rowCounts));
    } catch {
      // Reported below, after the hash: a body that is not the one recorded is a body_hash problem.
    }
    // The thread settles before anything is reported, so no read of the body outlives this call.
    const [hashed, authenticated] = await Promise.allSettled([hashing, authenticating]);
    if (hashed.status === 'rejected') throw hashed.reason;
    if (authenticated.status === 'rejected') throw authenticated.reason;
    if (hashed.value !== manifest.bodySha256) {
      // Only now are the pages authenticated: to name the first damaged one.
      const { firstBadPage: badPage } = await authenticatePages(bodyPath, manifest.bodyLength, options.dataKey);
      const pageText = badPage === null ? '' : `: page ${badPage} fails authentication under the data key`;
      throw backupProblem('body_hash', `The backup body does not match its recorded hash${pageText}`, { badPage });
    }
    const badPage = authenticated.value?.firstBadPage ?? null;
    if (badPage !== null) throw backupProblem('pages', `The backup body's page ${badPage} fails authentication under the data key`, { badPage });
    if (!opened) throw backupProblem('integrity', 'The backup body cannot be opened with the data key');
    const contents = opened;
    if (check !== 'none' && (contents.integrity.length !== 1 || contents.integrity[0] !== 'ok')) {
      throw backupProblem('integrity', `The backup body fails SQLite ${check === 'quick' ? 'quick_check' : 'integrity_check'}`, { firstProblem: contents.integrity[0] });
    }
    const mismatched = Object.keys({ ...manifest.rowCounts, ...contents.rowCounts })
      .filter((table) => manifest.rowCounts[table] !== contents.rowCounts[table]);
    if (mismatched.length > 0) throw backupProblem('row_counts', 'The backup body does not hold the rows its manifest records', { tables: mismatched });
    keep = options.keepBodyAt !== undefined;
    return { footer, contents, checks };
  } catch (error) {
    return refuse(error);
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
