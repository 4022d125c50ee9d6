// The analytics rollups (schema v9) are kept by the writes themselves: after every kind of change an
// analyst or an import makes — alerts imported, judged, reopened, promoted, merged; cases created,
// moved, reopened, imported with their source's resolution time, restored from a backup — the rows
// kept incrementally equal the rows rebuilt from scratch, and a vault migrated from v8 gets them too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { cliClient } from '../case-package/case-fixtures';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { openDatabase } from '../../../src-main/store/database';
import { migrate } from '../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { rebuildAnalyticsRollups } from '../../../src-main/store/analytics-rollups';

const DAY0 = Date.UTC(2026, 2, 2);

/** Every rollup row that counts something (a count that went back to 0 is as good as no row). */
function rollups(db: SqliteDatabase) {
  return {
    quarters: db.prepare('SELECT quarter, n FROM alert_quarter_counts WHERE n <> 0 ORDER BY quarter').all(),
    outcomes: db.prepare('SELECT day, source, rule, outcome, n FROM alert_day_outcomes WHERE n <> 0 ORDER BY 1, 2, 3, 4').all(),
    lifecycles: db.prepare('SELECT * FROM investigation_lifecycle ORDER BY investigation_id').all(),
    stretches: db.prepare('SELECT * FROM investigation_open_stretches ORDER BY investigation_id, seq').all(),
  };
}

let vault: TestVault;
let admin: InProcessClient;
let db: SqliteDatabase;

beforeAll(async () => {
  vault = makeTestVault();
  vault.clock.set(DAY0);
  ({ admin } = await setUpVault(vault));
  db = vault.core.services.custody.vault.db;
  const cli = await cliClient(vault);

  const alerts = join(vault.dir, 'alerts.csv');
  writeFileSync(alerts, [
    'id,time,title,severity,rule',
    ...Array.from({ length: 40 }, (_, i) => `a${i},2026-03-0${1 + (i % 3)}T${String(i % 24).padStart(2, '0')}:${i % 2 ? '10' : '50'}:00Z,Alert ${i},${['low', 'high'][i % 2]},${['burst', 'spray', ''][i % 3]}`),
  ].join('\n'));
  await cli.invoke('alerts.importFile', { path: alerts, source: 'ids' });
  const ids = (db.prepare('SELECT id FROM alerts ORDER BY occurred_at').all() as { id: string }[]).map((r) => r.id);
  const pick = (from: number, to: number) => ({ ids: ids.slice(from, to) });
  await admin.invoke('alerts.bulk', { selection: pick(0, 6), action: { kind: 'dismiss', reason: 'false_positive' } });
  await admin.invoke('alerts.bulk', { selection: pick(6, 9), action: { kind: 'dismiss', reason: 'duplicate' } });
  await admin.invoke('alerts.bulk', { selection: pick(9, 14), action: { kind: 'acknowledge' } });
  await admin.invoke('alerts.bulk', { selection: pick(2, 4), action: { kind: 'reopen' } });
  const promoted = await admin.invoke('alerts.promote', { selection: pick(14, 18), investigation: { title: 'Promoted', severity: 'high', templateId: 'blank' } });
  await admin.invoke('alerts.merge', { selection: pick(18, 21), investigationId: promoted.id });

  const cases = join(vault.dir, 'cases.csv');
  writeFileSync(cases, [
    'number,short_description,state,priority,opened_at,resolved_at,closed_at',
    'INC1,Resolved before closing,Closed,1 - Critical,2026-02-20T08:00:00Z,2026-02-21T09:00:00Z,2026-02-24T09:00:00Z',
    'INC2,Still open,New,3 - Moderate,2026-02-25T08:00:00Z,,',
  ].join('\n'));
  await cli.invoke('investigations.importFile', { path: cases, source: 'servicenow' });

  const made = await admin.invoke('investigations.create', { title: 'By hand', severity: 'low', templateId: 'blank' });
  for (const [status, extra] of [['in_progress', {}], ['closed', { resolution: 'actioned' }], ['open', { reason: 'More came in' }], ['closed', { resolution: 'no_violation' }]] as const) {
    vault.clock.advance(60_000); // a minute apart: the session stays unlocked
    await admin.invoke('investigations.setStatus', { investigationId: made.id, status, ...extra });
  }
});
afterAll(() => vault.dispose());

describe('analytics rollups', () => {
  it('hold, after every kind of change, exactly what a rebuild from the rows gives', () => {
    const kept = rollups(db);
    // The fixture reached every case it is meant to test.
    expect(kept.outcomes.map((r) => (r as { outcome: string }).outcome)).toEqual(expect.arrayContaining(['new', 'promoted', 'false_positive', 'other']));
    expect(kept.lifecycles).toHaveLength(4);
    expect(kept.stretches.length).toBeGreaterThan(4);
    rebuildAnalyticsRollups(db);
    expect(rollups(db)).toEqual(kept);
  });

  it('count live alerts per quarter hour as the alerts table does', () => {
    const direct = db.prepare('SELECT occurred_at / 900000 AS quarter, count(*) AS n FROM alerts WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1').all();
    expect(rollups(db).quarters).toEqual(direct);
  });

  it('take an imported case\'s own resolution time as its resolution and the end of its open stretch', () => {
    const row = db.prepare(
      `SELECT l.resolved_at, s.resolved_at AS stretch_end FROM investigation_lifecycle l
       JOIN investigations i ON i.id = l.investigation_id JOIN investigation_open_stretches s ON s.investigation_id = i.id
       WHERE i.external_ref = 'INC1'`,
    ).get();
    expect(row).toEqual({ resolved_at: Date.UTC(2026, 1, 21, 9), stretch_end: Date.UTC(2026, 1, 21, 9) });
  });

  it('are filled when a vault of schema v8 is migrated', () => {
    const old = openDatabase(join(vault.dir, 'v8.db'), { key: null });
    try {
      migrate(old, MIGRATIONS.filter((m) => m.version <= 8));
      const copy = (table: string) => {
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        const columns = new Set((old.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name));
        for (const row of rows) {
          const names = Object.keys(row).filter((n) => columns.has(n));
          old.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
        }
      };
      old.pragma('foreign_keys = OFF');
      for (const table of ['investigations', 'investigation_status_log', 'alerts']) copy(table);
      migrate(old, MIGRATIONS);
      expect(rollups(old)).toEqual(rollups(db));
    } finally {
      old.close();
    }
  });
});
