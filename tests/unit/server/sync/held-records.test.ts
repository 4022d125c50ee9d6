// The push reads the records a batch touches while it holds the organisation's lock, so that read
// must cost what the batch is, not what the organisation holds. On PostgreSQL it used to depend on
// the planner's statistics: with none yet (a new server, or a new organisation on a big one until
// the next ANALYZE) the planner kept the ids out of the index condition and filtered every record of
// the organisation, 40–100 ms a push at 100k records, all of it under the lock.
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { openServerDb, type ServerDatabase } from '../../../../src-server/db/open';
import type { ServerDb } from '../../../../src-server/db/schema';
import { loadHeldRecords } from '../../../../src-server/sync/held-records';
import { DIALECTS, POSTGRES_URL, freshServerDbConfig } from '../support/server-dbs';

const HELD = 5_000;
const ASKED = 500;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows of `records` the plan looked at (returned or filtered away), over all its nodes on that table. */
function recordsRowsExamined(node: PlanNode): number {
  const own = node['Relation Name'] === 'records'
    ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1)
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + recordsRowsExamined(child), 0);
}

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

async function seededDb(dialect: (typeof DIALECTS)[number], queries: CompiledQuery[]): Promise<{ database: ServerDatabase; logged: Kysely<ServerDb> | null; ids: string[] }> {
  const place = freshServerDbConfig(dialect);
  const database = await openServerDb(place.config);
  opened.push(async () => {
    await database.close();
    await place.remove();
  });
  await database.db.insertInto('orgs').values({ id: 'org-a', name: 'A', seq: 0, created_at: 0 }).execute();
  if (dialect === 'postgres') {
    // Statistics stay as a fresh table has them: none (the autovacuum daemon would otherwise analyze it at its own time).
    await sql`ALTER TABLE records SET (autovacuum_enabled = false)`.execute(database.db);
  }
  const ids = Array.from({ length: HELD }, (_, i) => `alert-${String(i).padStart(5, '0')}`);
  for (let start = 0; start < HELD; start += 500) {
    await database.db.insertInto('records').values(ids.slice(start, start + 500).map((id, i) => ({
      org_id: 'org-a', tbl: 'alerts', id, seq: start + i + 1, scope: null, prev_scope: null, scope_changed_seq: null,
      fields: '{"title":{"value":"x","hlc":"h","device":"d"}}', deleted_hlc: null, deleted_device: null,
    }))).execute();
  }
  if (place.config.kind !== 'postgres') return { database, logged: null, ids };
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 1, options: `-c search_path=${place.config.schema}` });
  const logged = new Kysely<ServerDb>({ dialect: new PostgresDialect({ pool }), log: (event) => { if (event.level === 'query') queries.push(event.query); } });
  opened.push(() => logged.destroy());
  return { database, logged, ids };
}

describe.each(DIALECTS)('the records a push touches, on %s', (dialect) => {
  it('come back by id, held ones only, whatever else the organisation holds', async () => {
    const { database, ids } = await seededDb(dialect, []);
    const asked = [...ids.slice(1000, 1000 + ASKED / 2).map((id) => ({ table: 'alerts' as const, id })), ...Array.from({ length: ASKED / 2 }, (_, i) => ({ table: 'alerts' as const, id: `new-${i}` }))];
    const held = await loadHeldRecords(database.db, 'org-a', asked);
    expect([...held.keys()].sort()).toEqual(ids.slice(1000, 1000 + ASKED / 2).map((id) => `alerts/${id}`));
    expect(held.get('alerts/alert-01000')).toMatchObject({ seq: 1001, record: { fields: { title: { value: 'x' } }, deleted: null } });
  });
});

describe('the same read on PostgreSQL, with no statistics yet', () => {
  it('looks at the asked records only, not every record of the organisation', async () => {
    const queries: CompiledQuery[] = [];
    const { logged, ids } = await seededDb('postgres', queries);
    const asked = ids.slice(2000, 2000 + ASKED).map((id) => ({ table: 'alerts' as const, id }));
    const held = await loadHeldRecords(logged!, 'org-a', asked);
    expect(held.size).toBe(ASKED);

    expect(queries).toHaveLength(1);
    const [query] = queries as [CompiledQuery];
    const { rows } = await logged!.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>({ ...query, sql: `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}` });
    const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
    expect(recordsRowsExamined(plan)).toBeLessThanOrEqual(ASKED);
  });
});
