// Forward-only migrations, all pending ones in one transaction, versions tracked in user_version.
// One transaction is what makes an interrupted upgrade safe: a crash or kill -9 part way leaves no
// commit, so the vault is still at its old version and the next unlock runs the whole upgrade again.
import { VigilError } from '../../src-shared/errors';
import type { VaultUpgradeProgress } from '../../src-shared/events';
import type { SqliteDatabase } from './database';
import type { Migration } from './migrations/migration';
import { FINGERPRINT_DEFERRAL_SINCE, restoreFingerprintIndex } from './fingerprint-index';

/** The scale of an upgrade's progress (`done` of this): each pending migration has an equal share. */
export const UPGRADE_PROGRESS_TOTAL = 1000;

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations[migrations.length - 1]?.version ?? 0;
}

export function migrate(
  db: SqliteDatabase, migrations: readonly Migration[], onProgress?: (progress: VaultUpgradeProgress) => void,
): { from: number; to: number } {
  assertIncreasing(migrations);
  const from = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (from > latest) {
    throw new VigilError('VAULT_FROM_FUTURE', 'This vault was written by a newer version of Vigil; update Vigil to open it', {
      vaultSchema: from,
      supportedSchema: latest,
    });
  }
  // A vault closed while a first sync had its fingerprint index set aside gets it back before anything else.
  if (from >= FINGERPRINT_DEFERRAL_SINCE) restoreFingerprintIndex(db);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  const report = progressReporter(from, latest, pending.length, onProgress);
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched off around it; the
  // check before commit is what the keys would have enforced (a violation rolls everything back).
  const keysOff = pending.some((m) => m.rebuildsTables) && db.pragma('foreign_keys', { simple: true }) === 1;
  if (keysOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      report(0, 0);
      pending.forEach((migration, index) => {
        db.exec(migration.sql);
        migration.populate?.(db, (done, total) => report(index, total > 0 ? Math.min(1, Math.max(0, done / total)) : 0));
        db.pragma(`user_version = ${migration.version}`);
        report(index, 1);
      });
      if (keysOff) assertForeignKeys(db);
    })();
  } finally {
    if (keysOff) db.pragma('foreign_keys = ON');
  }
  return { from, to: latest };
}

function assertForeignKeys(db: SqliteDatabase): void {
  const violations = db.prepare<[], { table: string; parent: string }>('PRAGMA foreign_key_check').all();
  if (violations.length > 0) {
    const first = violations[0];
    throw new Error(`Migration left ${violations.length} row(s) whose foreign key has no parent (first: ${first?.table} → ${first?.parent})`);
  }
}

/**
 * Turns (migration index, fraction of it done) into the upgrade's progress, sent only when the
 * whole number of thousandths moves forward: a populate may report every row, the screen needs 1000 steps at most.
 */
function progressReporter(
  fromVersion: number, toVersion: number, count: number, onProgress: ((progress: VaultUpgradeProgress) => void) | undefined,
): (index: number, fraction: number) => void {
  let sent = -1;
  return (index, fraction) => {
    if (!onProgress) return;
    const done = Math.floor(((index + fraction) / count) * UPGRADE_PROGRESS_TOTAL);
    if (done <= sent) return;
    sent = done;
    onProgress({ fromVersion, toVersion, done, total: UPGRADE_PROGRESS_TOTAL });
  };
}

function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.version) || (previous && m.version <= previous.version)) {
      throw new Error(`Migration versions must increase: ${m.name}`);
    }
  });
}
