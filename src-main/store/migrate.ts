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
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      migration.populate?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  return { from, to: latest };
}

function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.version) || (previous && m.version <= previous.version)) {
      throw new Error(`Migration versions must increase: ${m.name}`);
    }
  });
}
