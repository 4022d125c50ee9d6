// The database work of a restore: preparing the restored copy (migrate forward, record the restore
// in its own audit chain, integrity_check) and reading one investigation out of a body run in the backup
// worker (backup-jobs.ts) so the main thread stays free; recognising the vault once it is in place
// (it opens, at its schema, with the audit head just written) takes milliseconds and runs where it is called.
import { dirname, join } from 'node:path';
import { VigilError } from '../../src-shared/errors';
import { anchorPathFor, AuditAnchor, deriveAnchorKey, type AuditHead } from '../audit/audit-anchor';
import { AuditLog, type AuditActor } from '../audit/audit-log';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { migrate, schemaVersion } from '../store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../store/migrations';
import { createRowContext } from '../store/row-context';
import { readInvestigation, type InvestigationRows } from '../investigations/investigation-restore';
import { backupProblem } from './backup-file';
import { readJournal } from './restore-swap';

export interface Opening {
  /** Only read (openDatabase never keeps it), so no copies are made that would outlive the job's zeroing. */
  dataKey: Buffer;
  nativeBinding?: string | undefined;
}

/** Decrypted pages the check may keep (KiB): the check reads tables more than once; a second read from cache is free. */
const CHECK_CACHE_KIB = 256 * 1024;

/** What the restored copy is, so the file swapped into place can be recognised as that copy. */
export interface RestoredVault {
  from: number;
  to: number;
  auditHeadHash: string;
}

function auditHead(db: SqliteDatabase): string | null {
  return headRow(db)?.hash ?? null;
}

function headRow(db: SqliteDatabase): AuditHead | null {
  return db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? null;
}

function integrityCheck(db: SqliteDatabase): void {
  db.pragma(`cache_size = -${CHECK_CACHE_KIB}`);
  const check = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
  if (check.length !== 1 || check[0]?.integrity_check !== 'ok') {
    throw backupProblem('integrity', 'The restored copy fails SQLite integrity_check', { firstProblem: check[0]?.integrity_check });
  }
}

/** Migrates the restored copy forward and records the restore in its own audit chain. */
export function prepareRestoredVault(
  path: string, opening: Opening, what: { fileName: string; backupCreatedAt: number; actor: AuditActor; now: number },
): RestoredVault {
  const db = openDatabase(path, { key: opening.dataKey, nativeBinding: opening.nativeBinding });
  try {
    const from = schemaVersion(db);
    migrate(db, MIGRATIONS);
    const audit = new AuditLog(db, createRowContext(db, () => what.now));
    audit.append({
      actor: what.actor, action: 'vault.restored', target: what.fileName, outcome: 'success',
      details: { backupCreatedAt: what.backupCreatedAt, schemaFrom: from, schemaTo: schemaVersion(db) },
    });
    integrityCheck(db);
    const head = auditHead(db);
    if (!head) throw new VigilError('VAULT_CORRUPT', 'The restored vault has no audit chain');
    return { from, to: schemaVersion(db), auditHeadHash: head };
  } finally {
    db.close();
  }
}

/**
 * The vault now in place is the copy prepared (and integrity-checked) before the swap: it opens with the
 * key, is at that schema, and its audit chain ends with the `vault.restored` row written into it. A
 * rename does not change bytes, so a second full check would only repeat the first; what can go
 * wrong here is the wrong file, or a copy missing its last write (a WAL left behind), and this finds both.
 */
export function assertRestoredInPlace(path: string, opening: Opening, expected: RestoredVault): void {
  const db = openDatabase(path, { key: opening.dataKey, nativeBinding: opening.nativeBinding });
  let restoredHead: AuditHead | null;
  try {
    restoredHead = headRow(db);
    if (schemaVersion(db) !== expected.to || restoredHead?.hash !== expected.auditHeadHash) {
      throw new VigilError('VAULT_CORRUPT', 'The vault in place is not the restored copy that was checked');
    }
  } finally {
    db.close();
  }
  moveAnchorToRestored(path, opening, restoredHead);
}

/**
 * A restore rolls the vault back on purpose, so its anchor moves with it: to the restored head, carrying
 * the head of the history set aside (read from the set-aside vault itself, or from its anchor), which the
 * first open writes into the audit log (AuditLog.attachAnchor). Until then the anchor file is the record.
 */
function moveAnchorToRestored(path: string, opening: Opening, restoredHead: AuditHead): void {
  const anchor = new AuditAnchor(anchorPathFor(path), deriveAnchorKey(opening.dataKey));
  try {
    const replaced = discardedHead(path, opening) ?? previousAnchorHead(anchor);
    anchor.write({ head: restoredHead, replaced }, path);
  } finally {
    anchor.dispose();
  }
}

/** The audit head of the vault the swap set aside (null when there was none, or it does not open). */
function discardedHead(path: string, opening: Opening): AuditHead | null {
  const dataDir = dirname(path);
  const journal = readJournal(dataDir);
  if (!journal?.hadVault) return null;
  try {
    const old = openDatabase(join(dataDir, journal.aside, 'vault.db'), { key: opening.dataKey, readonly: true, nativeBinding: opening.nativeBinding });
    try {
      return headRow(old);
    } finally {
      old.close();
    }
  } catch {
    return null;
  }
}

function previousAnchorHead(anchor: AuditAnchor): AuditHead | null {
  const read = anchor.read();
  return read.state === 'valid' && read.head.seq > 0 ? read.head : null;
}

/** Reads one investigation out of an extracted body; an older body (a throwaway copy) is migrated forward first. */
export function readInvestigationFromBody(bodyPath: string, opening: Opening, key: string): InvestigationRows {
  const probe = openDatabase(bodyPath, { key: opening.dataKey, readonly: true, nativeBinding: opening.nativeBinding });
  const older = schemaVersion(probe) < SCHEMA_VERSION;
  probe.close();
  const db = openDatabase(bodyPath, { key: opening.dataKey, readonly: !older, nativeBinding: opening.nativeBinding });
  try {
    if (older) migrate(db, MIGRATIONS);
    return readInvestigation(db, key);
  } finally {
    db.close();
  }
}
