// The analytics rollups (schemas v9 and v11) are kept by the writes themselves: after every kind of
// change an analyst or an import makes — alerts imported, judged, reopened, promoted, merged; cases
// created, moved, reopened, imported with their source's resolution time, restored from a backup;
// an alert's time, source or severity corrected, deleted and brought back, removed — the rows kept
// incrementally equal the rows rebuilt from scratch, and vaults migrated from v8 and v10 get them too.
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
    breakdown: db.prepare('SELECT quarter, source, severity, n FROM alert_quarter_breakdown WHERE n <> 0 ORDER BY 1, 2, 3').all(),
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
  const edr = join(vault.dir, 'edr.csv');
  writeFileSync(edr, [
    'id,time,title,severity,rule',
    ...Array.from({ length: 12 }, (_, i) => `e${i},2026-03-02T0${i % 4}:${i % 2 ? '05' : '40'}:00Z,EDR ${i},${['medium', 'critical', 'high'][i % 3]},proc`),
  ].join('\n'));
  await cli.invoke('alerts.importFile', { path: edr, source: 'edr' });
  const ids = (db.prepare('SELECT id FROM alerts ORDER BY occurred_at').all() as { id: string }[]).map((r) => r.id);
  const pick = (from: number, to: number) => ({ ids: ids.slice(from, to) });
  await admin.invoke('alerts.bulk', { selection: pick(0, 6), action: { kind: 'dismiss', reason: 'false_positive' } });
  await admin.invoke('alerts.bulk', { selection: pick(6, 9), action: { kind: 'dismiss', reason: 'duplicate' } });
  await admin.invoke('alerts.bulk', { selection: pick(9, 14), action: { kind: 'acknowledge' } });
  await admin.invoke('alerts.bulk', { selection: pick(2, 4), action: { kind: 'reopen' } });
  const promoted = await admin.invoke('alerts.promote', { selection: pick(14, 18), investigation: { title: 'Promoted', severity: 'high', templateId: 'blank' } });
  await admin.invoke('alerts.merge', { selection: pick(18, 21), investigationId: promoted.id });
  // Changes no channel makes today but a sync or a correction may: each moves a count between rows.
  const edrIds = (db.prepare("SELECT id FROM alerts WHERE source = 'edr' ORDER BY occurred_at, id").all() as { id: string }[]).map((r) => r.id);
  const set = (sql: string, id: string | undefined, ...values: unknown[]) => db.prepare(`UPDATE alerts SET ${sql} WHERE id = ?`).run(...values, id);
  set('severity = ?', edrIds[0], 'low');
  set('source = ?', edrIds[1], 'mail');
  set('occurred_at = occurred_at + ?', edrIds[2], 3 * 3_600_000);
  set('severity = ?, source = ?, occurred_at = occurred_at - ?', edrIds[3], 'critical', 'proxy', 86_400_000);
  set('deleted_at = ?', edrIds[4], DAY0);
  set('deleted_at = ?', edrIds[5], DAY0);
  set('deleted_at = NULL', edrIds[5]);
  set('severity = ?', edrIds[4], 'low'); // deleted: counted nowhere, before or after
  db.prepare('DELETE FROM alerts WHERE id = ?').run(edrIds[6]);

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

  it('count live alerts per quarter hour, source and severity as the alerts table does, summing to the quarter\'s count', () => {
    const direct = db.prepare(`SELECT occurred_at / 900000 AS quarter, source, severity, count(*) AS n FROM alerts WHERE deleted_at IS NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all();
    const kept = rollups(db);
    expect(kept.breakdown).toEqual(direct);
    // The corrections above reached a source and a severity no import wrote.
    expect(kept.breakdown).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: 'mail' }), expect.objectContaining({ source: 'proxy', severity: 'critical' }), expect.objectContaining({ source: 'edr', severity: 'low' }),
    ]));
    const sums = new Map<number, number>();
    for (const row of kept.breakdown as Array<{ quarter: number; n: number }>) sums.set(row.quarter, (sums.get(row.quarter) ?? 0) + row.n);
    expect([...sums].map(([quarter, n]) => ({ quarter, n }))).toEqual(kept.quarters);
  });

  it('take an imported case\'s own resolution time as its resolution and the end of its open stretch', () => {
    const row = db.prepare(
      `SELECT l.resolved_at, s.resolved_at AS stretch_end FROM investigation_lifecycle l
       JOIN investigations i ON i.id = l.investigation_id JOIN investigation_open_stretches s ON s.investigation_id = i.id
       WHERE i.external_ref = 'INC1'`,
    ).get();
    expect(row).toEqual({ resolved_at: Date.UTC(2026, 1, 21, 9), stretch_end: Date.UTC(2026, 1, 21, 9) });
  });

  /** A vault of an older schema holding this vault's rows of `tables`, migrated to now. */
  function migratedFrom(version: number, tables: readonly string[], check: (old: SqliteDatabase) => void): void {
    const old = openDatabase(join(vault.dir, `v${version}.db`), { key: null });
    try {
      migrate(old, MIGRATIONS.filter((m) => m.version <= version));
      const copy = (table: string) => {
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        const columns = new Set((old.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name));
        for (const row of rows) {
          const names = Object.keys(row).filter((n) => columns.has(n));
          old.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
        }
      };
      old.pragma('foreign_keys = OFF');
      for (const table of tables) copy(table);
      migrate(old, MIGRATIONS);
      check(old);
    } finally {
      old.close();
    }
  }

  it('are filled when a vault of schema v8 is migrated', () => {
    migratedFrom(8, ['investigations', 'investigation_status_log', 'alerts'], (old) => expect(rollups(old)).toEqual(rollups(db)));
  });

  it('fill the source and severity breakdown when a vault of schema v10 is migrated', () => {
    migratedFrom(10, ['alerts'], (old) => {
      const kept = rollups(db);
      expect(kept.breakdown.length).toBeGreaterThan(0);
      expect(rollups(old).breakdown).toEqual(kept.breakdown);
    });
  });
});
