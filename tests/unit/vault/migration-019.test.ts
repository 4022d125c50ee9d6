import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { migrate, schemaVersion } from '../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { createRowContext } from '../../../src-main/store/row-context';
import { AlertQueries } from '../../../src-main/alerts/alert-queries';
import { AlertWriter } from '../../../src-main/alerts/alert-writer';
import { FULL_VIEW } from '../../../src-main/pii/pii-lens';
import { workspaceChannels } from '../../../src-shared/workspace-contract';
import { ALERT_WORDS, makeV18Vault } from '../../fixtures/v18-vault';

let dir = '';
let db: SqliteDatabase | null = null;
afterEach(() => {
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Up to this migration: later ones are tested on their own. */
const V19 = MIGRATIONS.filter((m) => m.version <= 19);
const T0 = Date.UTC(2026, 3, 1, 8, 0);
const WORDS = ALERT_WORDS;

/** An id the vault does not hold, UUID-shaped (the API checks the shape). */
const ABSENT_ALERT = '00000006-0000-4000-8000-000000000001';

/**
 * A v18 vault written with v18's SQL (tests/fixtures/v18-vault.ts, which the migration benchmark
 * fills with 200k): alerts whose id order is not their write order, entities, links of both origins,
 * folded alerts, rows deleted in between (gaps in the rowids), investigations with alerts, a removal
 * and an action, and the undo journal of an import that has not finished.
 */
function v18Vault(): SqliteDatabase {
  dir = mkdtempSync(join(tmpdir(), 'vigil-migrate-019-'));
  db = openDatabase(join(dir, 'v.db'), { key: randomBytes(32) });
  makeV18Vault(db, { alerts: 600, from: T0 - 30 * 86_400_000, to: T0 });
  return db;
}

type Row = Record<string, unknown>;
const all = (d: SqliteDatabase, sql: string, ...params: unknown[]) => d.prepare(sql).all(...params) as Row[];

/** Every row of a table in rowid order, with its rowid, without the v19 rid column. */
function rowsOf(d: SqliteDatabase, table: 'alerts' | 'entities'): Row[] {
  return all(d, `SELECT rowid AS row_key, * FROM ${table} ORDER BY rowid`).map(({ rid: _rid, ...rest }) => rest);
}

function ftsHits(d: SqliteDatabase, table: 'alerts' | 'entities', word: string): string[] {
  return all(d, `SELECT t.id FROM ${table}_fts f JOIN ${table} t ON t.rowid = f.rowid WHERE ${table}_fts MATCH ? ORDER BY t.id`, word).map((r) => String(r.id));
}

describe('schema v19: integer row keys for alerts, entities and their links', () => {
  it('keeps every alert, entity and link, the same search and pivot results, with rids equal to the old rowids', () => {
    const d = v18Vault();
    const v18Links = all(d, 'SELECT alert_id, entity_id, origin FROM alert_entities ORDER BY alert_id, entity_id');
    expect(new Set(v18Links.map((l) => l.origin))).toEqual(new Set(['mapped', 'extracted']));
    const before = {
      alerts: rowsOf(d, 'alerts'),
      entities: rowsOf(d, 'entities'),
      alertFts: WORDS.map((w) => ftsHits(d, 'alerts', w)),
      entityFts: WORDS.map((w) => ftsHits(d, 'entities', w)),
      sightings: all(d, 'SELECT * FROM alert_sightings ORDER BY source, external_id'),
      journal: all(d, 'SELECT * FROM import_fold_links'),
      rollups: all(d, 'SELECT * FROM alert_day_outcomes ORDER BY day, source, rule, outcome'),
    };
    const entityIds = before.entities.map((e) => String(e.id));
    // The pivot as v18 answered it: an entity's live alerts.
    const pivotBefore = entityIds.map((id) => all(d,
      'SELECT a.id FROM alert_entities l JOIN alerts a ON a.id = l.alert_id WHERE l.entity_id = ? AND a.deleted_at IS NULL ORDER BY a.id', id).map((r) => r.id));
    expect(before.alerts.some((a) => Number(a.occurrences) > 1)).toBe(true);
    expect(pivotBefore.filter((alerts) => alerts.length > 5).length).toBeGreaterThan(5);
    expect(before.alertFts.every((hits) => hits.length > 0)).toBe(true);

    // The sign-in screen's bar moves through the rebuild's steps, not from nothing to done.
    const progress: number[] = [];
    expect(migrate(d, V19, (p) => progress.push(p.done / p.total))).toEqual({ from: 18, to: 19 });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(schemaVersion(d)).toBe(19);
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(all(d, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');

    expect(rowsOf(d, 'alerts')).toEqual(before.alerts);
    expect(rowsOf(d, 'entities')).toEqual(before.entities);
    expect(all(d, 'SELECT count(*) AS n FROM alerts WHERE rid IS NOT rowid')).toEqual([{ n: 0 }]);
    const links = all(d, `SELECT a.id AS alert_id, e.id AS entity_id, CASE l.origin WHEN 0 THEN 'mapped' ELSE 'extracted' END AS origin
      FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid ORDER BY a.id, e.id`);
    expect(links).toEqual(v18Links);
    expect(WORDS.map((w) => ftsHits(d, 'alerts', w))).toEqual(before.alertFts);
    expect(WORDS.map((w) => ftsHits(d, 'entities', w))).toEqual(before.entityFts);
    expect(all(d, 'SELECT * FROM alert_sightings ORDER BY source, external_id')).toEqual(before.sightings);
    expect(all(d, 'SELECT * FROM import_fold_links')).toEqual(before.journal);
    expect(all(d, 'SELECT * FROM alert_day_outcomes ORDER BY day, source, rule, outcome')).toEqual(before.rollups);

    // The app's own reads: the entity pivot and word search of the triage queue.
    const queries = new AlertQueries(d);
    const list = (input: Row) => queries.page(workspaceChannels['alerts.list'].input.parse({ limit: 500, ...input }), FULL_VIEW).rows.map((r) => r.id).sort();
    entityIds.forEach((entityId, i) => expect(list({ entityId })).toEqual(pivotBefore[i]));
    const live = new Set(before.alerts.filter((a) => a.deleted_at === null).map((a) => a.id));
    WORDS.forEach((word, i) => expect(list({ text: word })).toEqual(before.alertFts[i]?.filter((id) => live.has(id))));
  });

  it('leaves a vault the writer and the search triggers keep working on', () => {
    const d = v18Vault();
    // The writer of today, so the migrations after v19 too.
    migrate(d, MIGRATIONS);
    const maxRid = (d.prepare('SELECT max(rid) AS n FROM alerts').get() as { n: number }).n;
    const context = createRowContext(d, () => T0 + 86_400_000);
    const writer = new AlertWriter(d, context);
    const folded = rowsOf(d, 'alerts')[0] as Row;
    d.transaction(() => {
      writer.writeBatch([
        { source: 'edr', externalId: 'new-1', rule: 'rule-9', title: 'zebrafish payout', description: '', severity: 'high', occurredAt: T0 + 86_400_000,
          entities: [{ kind: 'account', value: 'fresh-account', origin: 'mapped' }, { kind: 'ip', value: 'ip-value-2 payout', origin: 'extracted' }],
          primaryEntity: { kind: 'account', value: 'fresh-account', origin: 'mapped' }, importId: null, raw: null },
      ]);
      writer.flush();
    })();
    const written = d.prepare("SELECT rid, id FROM alerts WHERE external_id = 'new-1'").get() as { rid: number; id: string };
    expect(written.rid).toBe(maxRid + 1);
    expect(all(d, `SELECT e.value, l.origin FROM alert_entities l JOIN entities e ON e.rid = l.entity_rid WHERE l.alert_rid = ? ORDER BY e.value`, written.rid))
      .toEqual([{ value: 'fresh-account', origin: 0 }, { value: 'ip-value-2 payout', origin: 1 }]);
    expect(ftsHits(d, 'alerts', 'zebrafish')).toEqual([written.id]);
    expect(ftsHits(d, 'entities', 'fresh')).toHaveLength(1);
    d.prepare('UPDATE alerts SET title = ? WHERE id = ?').run('renamed quokka', folded.id);
    expect(ftsHits(d, 'alerts', 'quokka')).toEqual([folded.id]);
    expect(all(d, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('runs with foreign keys off, and rolls back with them back on when a row would be left without its parent', () => {
    const d = v18Vault();
    // A sighting of an alert that is not there (written with the keys off, as only damage could).
    d.pragma('foreign_keys = OFF');
    d.prepare("INSERT INTO alert_sightings (source, external_id, alert_id, occurred_at) VALUES ('edr', 'orphan', ?, 1)").run(ABSENT_ALERT);
    d.pragma('foreign_keys = ON');
    expect(() => migrate(d, V19)).toThrow(/foreign key/);
    expect(schemaVersion(d)).toBe(18);
    expect(d.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(all(d, "SELECT name FROM pragma_table_info('alert_entities') ORDER BY cid").map((c) => c.name)).toEqual(['alert_id', 'entity_id', 'origin']);
  });

  it('shrinks a link to two integers: the links and their index hold no text', () => {
    const d = v18Vault();
    migrate(d, V19);
    const columns = all(d, "SELECT name, type FROM pragma_table_info('alert_entities') ORDER BY cid");
    expect(columns).toEqual([{ name: 'alert_rid', type: 'INTEGER' }, { name: 'entity_rid', type: 'INTEGER' }, { name: 'origin', type: 'INTEGER' }]);
    expect(all(d, "SELECT name FROM pragma_index_info('alert_entities_entity')")).toEqual([{ name: 'entity_rid' }, { name: 'alert_rid' }]);
    expect(() => d.prepare('INSERT INTO alert_entities (alert_rid, entity_rid, origin) VALUES (1, 1, 2)').run()).toThrow(/CHECK/);
  });
});
