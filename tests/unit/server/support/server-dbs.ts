// The server's tests run on both databases it supports: embedded SQLite in a temporary folder, and
// PostgreSQL on 127.0.0.1:5432 (trust auth, database `test`) in a schema of its own per database
// opened, dropped when the test closes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openServerDb, type ServerDatabase, type ServerDbConfig } from '../../../../src-server/db/open';

export const POSTGRES_URL = process.env.VIGIL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** A fresh place for a server database of `dialect`: its config, and how to remove it afterwards. */
export function freshServerDbConfig(dialect: DialectName): { config: ServerDbConfig; remove(): Promise<void> } {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-server-'));
    return { config: { kind: 'sqlite', dataDir }, remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    config: { kind: 'postgres', url: POSTGRES_URL, schema, poolSize: 4 },
    remove: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Opens a fresh, migrated server database; `close` closes and removes it. */
export async function openFreshServerDb(dialect: DialectName): Promise<ServerDatabase> {
  const place = freshServerDbConfig(dialect);
  const opened = await openServerDb(place.config);
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await place.remove();
    },
  };
}
