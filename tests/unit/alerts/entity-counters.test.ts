// An import's entity counters (alert_count, first and last seen), summed in memory and written
// afterwards: the bounded map (imports into the vault) and the arrays by row key (a staged import's
// file) must leave the same counts, however the writes are sliced.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { DenseEntityCounters, SummedEntityCounters, type EntityCounters } from '../../../src-main/alerts/entity-counters';
import type { SqliteDatabase } from '../../../src-main/store/database';

const ENTITIES = 70_000;

function entitiesTable(): SqliteDatabase {
  const db = new Database(':memory:') as SqliteDatabase;
  db.exec(`CREATE TABLE entities (rid INTEGER PRIMARY KEY, alert_count INTEGER NOT NULL DEFAULT 0,
    first_seen_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);`);
  // As the writer inserts them: seen at the time of the row that brought each.
  db.prepare(`WITH RECURSIVE n(rid) AS (SELECT 1 UNION ALL SELECT rid + 1 FROM n WHERE rid < ?)
    INSERT INTO entities (rid, first_seen_at, last_seen_at) SELECT rid, 5000, 5000 FROM n`).run(ENTITIES);
  return db;
}

/** Links to entities in a scattered order, rows seen at times around 5000, some entities linked often. */
function links(): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < 200_000; i += 1) out.push([1 + ((i * 7919) % ENTITIES), 5000 + ((i * 31) % 2001) - 1000]);
  return out;
}

function countsAfter(make: (db: SqliteDatabase) => EntityCounters, flushLimit: number): unknown[] {
  const db = entitiesTable();
  const counters = make(db);
  for (const [rid, seenAt] of links()) counters.count(rid, seenAt);
  while (counters.flush(flushLimit) > 0);
  return db.prepare('SELECT rid, alert_count, first_seen_at, last_seen_at FROM entities ORDER BY rid').all();
}

function expectedCounts(): unknown[] {
  const byRid = new Map<number, { alert_count: number; first_seen_at: number; last_seen_at: number }>();
  for (let rid = 1; rid <= ENTITIES; rid += 1) byRid.set(rid, { alert_count: 0, first_seen_at: 5000, last_seen_at: 5000 });
  for (const [rid, seenAt] of links()) {
    const row = byRid.get(rid)!;
    row.alert_count += 1;
    row.first_seen_at = Math.min(row.first_seen_at, seenAt);
    row.last_seen_at = Math.max(row.last_seen_at, seenAt);
  }
  return [...byRid].map(([rid, row]) => ({ rid, ...row }));
}

describe('entity counters', () => {
  const expected = expectedCounts();

  it('summed in a bounded map, written in slices, leave every entity its links and first and last sighting', () => {
    expect(countsAfter((db) => new SummedEntityCounters(db), 5_000)).toEqual(expected);
  });

  it('kept by row key (past their first array size) leave the same counts, whole or in slices', () => {
    expect(countsAfter((db) => new DenseEntityCounters(db), Number.POSITIVE_INFINITY)).toEqual(expected);
    expect(countsAfter((db) => new DenseEntityCounters(db), 7_000)).toEqual(expected);
  });

  it('kept by row key, refuse a link counted after its entity was written instead of losing it', () => {
    const db = entitiesTable();
    const counters = new DenseEntityCounters(db);
    counters.count(10, 4000);
    counters.count(20, 4000);
    counters.flush(1);
    expect(() => counters.count(5, 4000)).toThrow(/after its counts were written/);
  });
});
