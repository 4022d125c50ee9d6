import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { isSchemaDroppedMeanwhile, openServerDb } from '../../../src-server/db/open';
import { DIALECTS, POSTGRES_URL, freshServerDbConfig, openFreshServerDb } from './support/server-dbs';
import type { ServerDatabase } from '../../../src-server/db/open';

describe.each(DIALECTS)('the server database on %s', (dialect) => {
  let opened: ServerDatabase | null = null;
  afterEach(async () => {
    await opened?.close();
    opened = null;
  });

  it('creates every table, and a second open finds nothing left to migrate', async () => {
    const place = freshServerDbConfig(dialect);
    const first = await openServerDb(place.config);
    await first.db.insertInto('orgs').values({ id: 'o1', name: 'Org one', created_at: 1 }).execute();
    await first.close();
    const second = await openServerDb(place.config);
    const orgs = await second.db.selectFrom('orgs').selectAll().execute();
    expect(orgs).toEqual([{ id: 'o1', name: 'Org one', seq: 0, created_at: 1 }]);
    await second.close();
    await place.remove();
  });

  it('reads bigints as numbers beyond 2^31 (times in ms)', async () => {
    opened = await openFreshServerDb(dialect);
    const at = Date.UTC(2026, 11, 6);
    await opened.db.insertInto('orgs').values({ id: 'o1', name: 'Org', created_at: at }).execute();
    const row = await opened.db.selectFrom('orgs').select('created_at').executeTakeFirstOrThrow();
    expect(row.created_at).toBe(at);
  });
});

describe('opening on PostgreSQL while another schema is dropped', () => {
  // Kysely's introspection, run by every migration, lists the tables of all schemas and calls
  // pg_get_serial_sequence on each column; a schema dropped between the two (another test file, or
  // another instance, removing its own) fails the listing. These are the errors PostgreSQL gives
  // there, each one the open must read as "dropped meanwhile" and list again.
  async function errorOf(query: string): Promise<unknown> {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(query);
      return null;
    } catch (error) {
      return error;
    } finally {
      await client.end();
    }
  }

  it('reads a schema, table or column gone under pg_get_serial_sequence as dropped meanwhile, and nothing else', async () => {
    const schema = `t_gone_${process.pid}`;
    await errorOf(`CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE TABLE IF NOT EXISTS ${schema}.orgs (id text)`);
    try {
      expect(isSchemaDroppedMeanwhile(await errorOf(`SELECT pg_get_serial_sequence('${schema}.orgs', 'seq')`))).toBe(true);
      expect(isSchemaDroppedMeanwhile(await errorOf(`SELECT pg_get_serial_sequence('${schema}.records', 'seq')`))).toBe(true);
      expect(isSchemaDroppedMeanwhile(await errorOf(`SELECT pg_get_serial_sequence('${schema}_none.orgs', 'seq')`))).toBe(true);
      expect(isSchemaDroppedMeanwhile(await errorOf('SELECT 1 / 0'))).toBe(false);
    } finally {
      await errorOf(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });
});
