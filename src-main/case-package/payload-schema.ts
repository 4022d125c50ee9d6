// A package's payload is a database someone else wrote (anyone who knows the passphrase can seal
// one). It is opened with SQLite's defensive settings, and its triggers and views must each be one
// that Vigil's own migrations write: SQL of a stranger's choosing never runs while it is read or
// migrated forward.
import { VigilError } from '../../src-shared/errors';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { migrate } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations';

interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

const EXECUTABLE = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')";

function identify(object: SchemaObject): string {
  return `${object.type}\u0000${object.name}\u0000${(object.sql ?? '').replace(/\s+/g, ' ').trim()}`;
}

/**
 * Schema functions that are not innocuous are refused (trusted_schema=OFF), the connection is
 * defensive (no writable schema, no shadow-table tricks), and damaged b-tree cells are caught.
 */
export function hardenPackageConnection(db: SqliteDatabase): void {
  db.unsafeMode(false);
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
}

/** Every trigger and view any version of this Vigil's schema has, built in memory from the migrations. */
function vigilExecutableObjects(): Set<string> {
  const db = openDatabase(':memory:', { key: null });
  try {
    const known = new Set<string>();
    for (const migration of MIGRATIONS) {
      migrate(db, MIGRATIONS.filter((m) => m.version <= migration.version));
      for (const object of db.prepare<[], SchemaObject>(EXECUTABLE).all()) known.add(identify(object));
    }
    return known;
  } finally {
    db.close();
  }
}

/** Refuses a payload holding a trigger or view that Vigil did not write. Run before anything else reads it. */
export function assertVigilSchema(db: SqliteDatabase): void {
  const known = vigilExecutableObjects();
  const foreign = db.prepare<[], SchemaObject>(EXECUTABLE).all().filter((object) => !known.has(identify(object)));
  if (foreign.length > 0) {
    throw new VigilError('VAULT_CORRUPT', 'The case package holds database code Vigil did not write; nothing was imported', {
      problem: 'foreign_schema', objects: foreign.slice(0, 10).map((o) => `${o.type} ${o.name}`),
    });
  }
}
