// The database work of a restore, run in the backup worker (backup-jobs.ts) so the main thread stays
// free: preparing the restored copy (migrate forward, record the restore in its own audit chain,
// quick_check), checking the vault once it is in place, and reading one investigation out of a body.
import { VigilError } from '../../src-shared/errors';
import { AuditLog, type AuditActor } from '../audit/audit-log';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { migrate, schemaVersion } from '../store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../store/migrations';
import { createRowContext } from '../store/row-context';
import { readInvestigation, type InvestigationRows } from './investigation-restore';

interface Opening {
  /** Only read (openDatabase never keeps it), so no copies are made that would outlive the job's zeroing. */
  dataKey: Buffer;
  nativeBinding?: string | undefined;
}

function quickCheck(db: SqliteDatabase): void {
  const check = db.prepare<[], { quick_check: string }>('PRAGMA quick_check').all();
  if (check.length !== 1 || check[0]?.quick_check !== 'ok') throw new VigilError('VAULT_CORRUPT', 'The restored vault fails its check');
}

/** Migrates the restored copy forward and records the restore in its own audit chain. */
export function prepareRestoredVault(
  path: string, opening: Opening, what: { fileName: string; backupCreatedAt: number; actor: AuditActor; now: number },
): { from: number; to: number } {
  const db = openDatabase(path, { key: opening.dataKey, nativeBinding: opening.nativeBinding });
  try {
    const from = schemaVersion(db);
    migrate(db, MIGRATIONS);
    const audit = new AuditLog(db, createRowContext(db, () => what.now));
    audit.append({
      actor: what.actor, action: 'vault.restored', target: what.fileName, outcome: 'success',
      details: { backupCreatedAt: what.backupCreatedAt, schemaFrom: from, schemaTo: schemaVersion(db) },
    });
    quickCheck(db);
    return { from, to: schemaVersion(db) };
  } finally {
    db.close();
  }
}

/** The vault now in place opens with the key and passes quick_check. */
export function assertVaultOpens(path: string, opening: Opening): void {
  const db = openDatabase(path, { key: opening.dataKey, nativeBinding: opening.nativeBinding });
  try {
    quickCheck(db);
  } finally {
    db.close();
  }
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
