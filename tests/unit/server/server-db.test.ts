import { afterEach, describe, expect, it } from 'vitest';
import { openServerDb } from '../../../src-server/db/open';
import { DIALECTS, freshServerDbConfig, openFreshServerDb } from './support/server-dbs';
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
