// The migration benchmark's check (tests/perf/upgrade-snapshot.ts) at unit scale: a v18 vault upgraded
// to the latest schema reads the same rows, search results, pivots and analytics numbers as before, by
// v18's SQL and by the app's own reads; and the check is not blind: a link, a title or a rollup count
// changed after the upgrade is named as a difference.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { migrate, schemaVersion } from '../../../src-main/store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { ALERT_WORDS, ENTITY_WORDS, makeV18Vault } from '../../fixtures/v18-vault';
import type { StatsReport, TopEntities } from '../../../src-shared/analytics-model';
import { differences, pivotEntities, snapshotVault, tablesOf, type SnapshotPlan } from '../../perf/upgrade-snapshot';

let dir = '';
let db: SqliteDatabase | null = null;
afterEach(() => {
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const END = Date.UTC(2026, 10, 30);
const DAY = 86_400_000;

describe('the upgrade check of the migration benchmark', () => {
  it('finds a v18 vault and its upgrade the same, and names what a changed link, title or rollup breaks', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-upgrade-snapshot-'));
    const d = openDatabase(join(dir, 'v.db'), { key: randomBytes(32) });
    db = d;
    const made = makeV18Vault(d, { alerts: 800, from: END - 120 * DAY, to: END });
    const plan: SnapshotPlan = { alertWords: ALERT_WORDS, entityWords: ENTITY_WORDS, now: END, userId: made.analystIds[0] ?? '' };
    const v18 = tablesOf(d);
    const entities = pivotEntities(d);
    const before = snapshotVault(d, plan, v18, entities);
    // Not an empty comparison: every word finds alerts, the pivots hold alerts, the report counts them.
    expect(before.app).toBeNull();
    expect(Object.entries(before.snapshot.search).filter(([, hits]) => hits.length === 0)).toEqual([]);
    expect(Object.values(before.snapshot.pivots).filter((alerts) => alerts.length > 5).length).toBeGreaterThan(3);
    const report = before.snapshot.analytics['stats, 30 days, UTC'] as StatsReport;
    expect(report.volumes.reduce((sum, day) => sum + day.alerts, 0)).toBeGreaterThan(100);
    expect(report.volumes.reduce((sum, day) => sum + day.investigations, 0)).toBeGreaterThan(0);
    expect((before.snapshot.analytics['top entities, 30 days, UTC'] as TopEntities).entities.length).toBeGreaterThan(5);
    expect(before.snapshot.counts.alerts).toBe(made.written - made.deleted);

    expect(migrate(d, MIGRATIONS)).toEqual({ from: 18, to: SCHEMA_VERSION });
    expect(schemaVersion(d)).toBe(SCHEMA_VERSION);
    const after = snapshotVault(d, plan, v18, entities);
    expect(differences(before.snapshot, after.snapshot)).toEqual([]);
    expect(after.app).not.toBeNull();
    const queue = Object.fromEntries(Object.keys(after.app?.search ?? {}).map((k) => [k, before.snapshot.search[k] ?? []]));
    expect(after.app?.search).toEqual(queue);
    expect(after.app?.pivots).toEqual(before.snapshot.pivots);

    // Changed after the upgrade: one link of the heaviest entity, one alert's title, one day's rollup.
    const heaviest = entities[0] ?? '';
    d.prepare(`DELETE FROM alert_entities WHERE (alert_rid, entity_rid) =
      (SELECT l.alert_rid, l.entity_rid FROM alert_entities l JOIN entities e ON e.rid = l.entity_rid WHERE e.id = ? LIMIT 1)`).run(heaviest);
    d.prepare("UPDATE alerts SET title = 'renamed' WHERE rid = (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH 'phishing' LIMIT 1)").run();
    d.prepare('UPDATE alert_quarter_counts SET n = n + 1 WHERE quarter = (SELECT max(quarter) FROM alert_quarter_counts)').run();
    const broken = differences(before.snapshot, snapshotVault(d, plan, v18, entities).snapshot).map((line) => line.split(':')[0]);
    expect(broken).toEqual(expect.arrayContaining([
      'digests / alert_entities', 'digests / alerts', 'digests / alert_quarter_counts', 'counts / alert_entities',
      `pivots / ${heaviest}`, 'search / alerts ranked', 'analytics / stats, 30 days, UTC',
    ]));
  });
});
