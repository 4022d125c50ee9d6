// Opens the server's database: embedded SQLite in a data folder (zero configuration) or PostgreSQL
// from a URL, and brings its schema up to date before anything reads it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { ServerDb } from './schema';
import { serverMigrations } from './migrations';

export type ServerDbConfig =
  | { kind: 'sqlite'; dataDir: string }
  /** `schema`: a PostgreSQL schema to work in (tests give each run its own); created if missing. */
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface ServerDatabase {
  db: Kysely<ServerDb>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** The file `--data DIR` keeps everything in. */
export const SQLITE_FILE = 'vigil-server.sqlite';

// PostgreSQL's bigint (times in ms, sequences) arrives as text by default; every value the server
// keeps is far below 2^53, so it is read as a number.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

export async function openServerDb(config: ServerDbConfig): Promise<ServerDatabase> {
  const opened = config.kind === 'sqlite' ? openSqlite(config.dataDir) : await openPostgres(config);
  try {
    await migrate(opened.db, config.kind === 'postgres' ? config.schema : undefined);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

function openSqlite(dataDir: string): ServerDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = new Database(join(dataDir, SQLITE_FILE));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<ServerDb>({ dialect: new SqliteDialect({ database: file }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

async function openPostgres(config: Extract<ServerDbConfig, { kind: 'postgres' }>): Promise<ServerDatabase> {
  if (config.schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) throw new Error(`Not a schema name: ${config.schema}`);
    const setup = new pg.Client({ connectionString: config.url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${config.schema}`);
    } catch (error) {
      // Two instances creating the same new schema at once: IF NOT EXISTS still lets the second fail
      // on the catalogue's unique index (23505) or as a duplicate (42P06); the schema is there either way.
      const code = (error as { code?: unknown }).code;
      if (code !== '23505' && code !== '42P06') throw error;
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    ...(config.schema === undefined ? {} : { options: `-c search_path=${config.schema}` }),
  });
  const db = new Kysely<ServerDb>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

// Kysely looks for its migration tables in every schema unless told which one: with a schema of our
// own, another schema's half-made migration tables (two test runs starting at once) would otherwise
// pass for ours and the migration fail on a lock table that is not there.
async function migrate(db: Kysely<ServerDb>, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({ db, provider: serverMigrations, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  for (let attempt = 1; ; attempt += 1) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    // Kysely's introspection lists the tables of every schema; one dropped while it reads (another
    // instance or test run removing its own schema) fails the listing before anything was migrated,
    // and PostgreSQL migrations run in a transaction anyway: reading again is safe.
    if (isSchemaDroppedMeanwhile(error) && attempt < 5) continue;
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`The server database could not be brought up to date (migration ${failed}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The errors a catalogue read gives when a schema goes away under it: the schema itself (3F000), or,
 * from `pg_get_serial_sequence` (which the introspection calls per column, on the live catalogue while
 * its row list is a snapshot), a table (42P01) or column (42703) of it. Seen in CI as "column seq of
 * relation orgs does not exist" while another test file dropped its schema.
 */
const SCHEMA_GONE_CODES = new Set(['3F000', '42P01', '42703']);

export function isSchemaDroppedMeanwhile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && SCHEMA_GONE_CODES.has(String((error as { code?: unknown }).code));
}
