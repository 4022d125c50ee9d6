// Opens a fresh server database for the platform tests. SQLite goes through openServerDb as the server
// does. PostgreSQL is opened the same way but migrated with Kysely's migration tables pinned to the
// test's own schema: src-server/db/open.ts does not pin them, so Kysely's "does the migration table
// exist?" check matches ANY schema of the shared test database, and a fresh schema opened while
// another test's schema exists skips creating its own and fails ("relation kysely_migration_lock
// does not exist"). Reported to the integrator with the one-line fix for open.ts; until then these
// tests do not depend on which other tests run at the same time. The same check lists the tables of
// every schema, so another test dropping its schema at that moment fails it ("schema t_… does not
// exist", not ours): that is retried.
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openServerDb, type ServerDatabase } from '../../../../src-server/db/open';
import { serverMigrations } from '../../../../src-server/db/migrations';
import type { ServerDb } from '../../../../src-server/db/schema';
import { POSTGRES_URL, freshServerDbConfig, type DialectName } from '../support/server-dbs';

export interface PlatformDb {
  database: ServerDatabase;
  /** Closes the database and removes its folder or schema. */
  dispose(): Promise<void>;
}

/** A migrated PostgreSQL database in `schema` (which must exist), as a second server instance opens it. */
export async function openPostgresInSchema(schema: string): Promise<ServerDatabase> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await migratedInSchema(schema);
    } catch (error) {
      const otherSchemaGone = error instanceof Error && /schema "t_[0-9a-f]+" does not exist/.test(error.message) && !error.message.includes(schema);
      if (!otherSchemaGone || attempt === 5) throw error;
    }
  }
}

async function migratedInSchema(schema: string): Promise<ServerDatabase> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 4, options: `-c search_path=${schema}` });
  const db = new Kysely<ServerDb>({ dialect: new PostgresDialect({ pool }) });
  const { error } = await new Migrator({ db, provider: serverMigrations, migrationTableSchema: schema }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export async function createSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`).finally(() => client.end());
}

export async function openPlatformDb(dialect: DialectName): Promise<PlatformDb> {
  const place = freshServerDbConfig(dialect);
  try {
    let database: ServerDatabase;
    if (place.config.kind === 'postgres' && place.config.schema !== undefined) {
      await createSchema(place.config.schema);
      database = await openPostgresInSchema(place.config.schema);
    } else {
      database = await openServerDb(place.config);
    }
    return {
      database,
      dispose: async () => {
        await database.close();
        await place.remove();
      },
    };
  } catch (error) {
    await place.remove();
    throw error;
  }
}
