// Forward-only migrations, all pending ones in one transaction, versions tracked in user_version.
import { VigilError } from '../../src-shared/errors';
import type { SqliteDatabase } from './database';
import type { Migration } from './migrations/migration';

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): { from: number; to: number } {
  assertIncreasing(migrations);
  const from = schemaVersion(db);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (from > latest) {
    throw new VigilError('VAULT_FROM_FUTURE', 'This vault was written by a newer version of Vigil; update Vigil to open it', {
      vaultSchema: from,
      supportedSchema: latest,
    });
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched off around it; the
  // check before commit is what the keys would have enforced (a violation rolls everything back).
  const keysOff = pending.some((m) => m.rebuildsTables) && db.pragma('foreign_keys', { simple: true }) === 1;
  if (keysOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        db.exec(migration.sql);
        migration.populate?.(db);
        db.pragma(`user_version = ${migration.version}`);
      }
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

function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.version) || (previous && m.version <= previous.version)) {
      throw new Error(`Migration versions must increase: ${m.name}`);
    }
  });
}
