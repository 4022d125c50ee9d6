// Alert imports run in a worker (workers/import-worker.ts), taking turns with the main thread at the
// vault's write lock (store/write-turn.ts): the same rows as the main-thread import, verdicts that
// go between its batches while the event loop keeps running, and a cancelled or killed import that
// leaves nothing behind. Workers run from sources here (tsx), so each import starts a little slowly.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { InProcessClient } from '../../../../src-main/ipc/in-process-client';
import { importAlertFile } from '../../../../src-main/import/alerts/alert-import-service';
import { fileSource } from '../../../../src-main/import/file-reader';
import { importTargetOf } from '../../../../src-main/ipc/handlers/import-sources';
import type { SqliteDatabase } from '../../../../src-main/store/database';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../../support/test-core';
import { errorCodeOf } from '../../support/errors';
import { insertAlert } from '../../actions/workspace-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.dispose();
});

const HEADER = 'alert_id,timestamp,rule,title,severity,user,src_ip';

/** Rows that insert, fold onto each other (same id twice) and one that is rejected. */
function writeCsv(dir: string, name: string, rows: number, { repeatEvery = 0, badLine = -1 } = {}): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i += 1) {
    const id = repeatEvery > 0 && i % repeatEvery === repeatEvery - 1 ? i - 1 : i;
    const time = i === badLine ? 'not a time' : new Date(Date.UTC(2026, 4, 1) + i * 60_000).toISOString();
    lines.push(`a-${id},${time},rule-${i % 3},alert ${id},${['low', 'high', 'critical'][i % 3]},u-${i % 50},198.51.100.${i % 200}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function openVault(): Promise<{ vault: TestVault; admin: InProcessClient; cli: InProcessClient; db: () => SqliteDatabase }> {
  const vault = makeTestVault();
  vaults.push(vault);
  const { admin } = await setUpVault(vault);
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { vault, admin, cli, db: () => vault.core.services.custody.vault.db };
}

/** Starts importing a 20,000-row CSV through the import workers, as the vault's first user, as the app does. */
function importBigFile(vault: TestVault, options: { signal?: AbortSignal; onStart?: (worker: Worker) => void } = {}) {
  const s = vault.core.services;
  const userId = s.custody.vault.db.prepare('SELECT id FROM users').pluck().get() as string;
  return s.alertImports.importFile(
    { source: fileSource(writeCsv(vault.dir, 'big.csv', 20_000)), sourceName: 'big', mode: 'good_rows', timeZone: 'UTC', userId, ...(options.signal ? { signal: options.signal } : {}) },
    importTargetOf(s), () => undefined, options.onStart,
  );
}

const count = (db: SqliteDatabase, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

/** Rows of `table` that no change-feed entry names (neither by key range nor by id). */
const unfed = (table: 'alerts' | 'entities') => `SELECT count(*) AS n FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM change_log c
  WHERE c.table_name = '${table}' AND (t.rid BETWEEN c.first_rid AND c.last_rid OR c.row_id = t.id))`;

/** What an import leaves in the vault, without what differs between two runs (ids, times, HLCs). */
function importedState(db: SqliteDatabase): unknown {
  return {
    alerts: db.prepare(`SELECT source, external_id, rule, title, severity, status, occurred_at, last_seen_at, occurrences, raw,
      (SELECT group_concat(link, ' ') FROM (SELECT e.kind || ':' || e.value AS link FROM alert_entities l JOIN entities e ON e.rid = l.entity_rid
        WHERE l.alert_rid = alerts.rid ORDER BY link)) AS linked
      FROM alerts ORDER BY external_id, occurred_at`).all(),
    entities: db.prepare('SELECT kind, value, alert_count, first_seen_at, last_seen_at FROM entities ORDER BY kind, value').all(),
    sightings: count(db, 'SELECT count(*) AS n FROM alert_sightings'),
    // What the triggers keep: the analytics rollups, the full-text indexes (searched, and checked whole).
    rollups: ['alert_quarter_counts', 'alert_day_outcomes', 'alert_quarter_breakdown'].map((table) => db.prepare(`SELECT * FROM ${table} WHERE n > 0`).all().map((row) => JSON.stringify(row)).sort()),
    searched: db.prepare("SELECT a.external_id FROM alerts_fts f JOIN alerts a ON a.rid = f.rowid WHERE alerts_fts MATCH '12 OR 1299' ORDER BY 1").pluck().all(),
    entitySearch: db.prepare("SELECT e.value FROM entities_fts f JOIN entities e ON e.rid = f.rowid WHERE entities_fts MATCH '\"u-1\"' ORDER BY 1").pluck().all(),
    fullTextWhole: ['alerts_fts', 'entities_fts'].map((fts) => db.prepare(`INSERT INTO ${fts}(${fts}) VALUES ('integrity-check')`).run().changes >= 0),
    triggers: db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all(),
    // Batch entries follow the batch sizes, which follow measured times: what must match is that every
    // row is in the feed, not how many entries name them.
    unfed: {
      alerts: count(db, unfed('alerts')),
      entities: count(db, unfed('entities')),
    },
  };
}

/** Staging files of first imports beside the vault (staged-import.ts). */
const stagingFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('.staged-import-'));
/**
 * Whether a staging file has grown past its first pages. Its rollback journal comes and goes between
 * the listing and the stat, so a file gone meanwhile counts as not grown instead of failing the test.
 */
const stagingGrown = (dir: string) => stagingFiles(dir).some((name) => (statSync(join(dir, name), { throwIfNoEntry: false })?.size ?? 0) > 64 * 1024);

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('an alert import in a worker', () => {
  it('leaves exactly the rows and summary of the same import on the main thread', async () => {
    const inWorker = await openVault();
    const onMain = await openVault();
    const path = writeCsv(inWorker.vault.dir, 'alerts.csv', 3000, { repeatEvery: 7, badLine: 1234 });

    const viaRouter = await inWorker.cli.invoke('alerts.importFile', { path, source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
    const s = onMain.vault.core.services;
    const direct = await importAlertFile(
      { source: fileSource(path), sourceName: 'siem', mode: 'good_rows', timeZone: 'UTC', userId: s.custody.vault.db.prepare('SELECT id FROM users').pluck().get() as string },
      importTargetOf(s), () => undefined,
    );

    const comparable = ({ importId: _id, ms: _ms, ...rest }: typeof direct) => rest;
    expect(viaRouter.rejected).toBe(1);
    expect(viaRouter.duplicates + viaRouter.deduplicated).toBeGreaterThan(0);
    expect(comparable(viaRouter)).toEqual(comparable(direct));
    // The worker's import was a first one, staged and moved in (staged-import.ts); the main thread's wrote its batches into the vault.
    const staged = importedState(inWorker.db()) as { searched: string[]; entitySearch: string[]; rollups: string[][] };
    expect(staged.searched.length).toBeGreaterThan(0);
    expect(staged.entitySearch.length).toBeGreaterThan(0);
    expect(staged.rollups.every((rows) => rows.length > 0)).toBe(true);
    expect(staged).toEqual(importedState(onMain.db()));
    expect(count(inWorker.db(), 'SELECT count(*) AS n FROM imports WHERE finished_at IS NOT NULL')).toBe(1);
  }, 120_000);

  it('lets verdicts write between its batches while the event loop keeps running', async () => {
    const { vault, admin, cli, db } = await openVault();
    await cli.invoke('alerts.importFile', { path: writeCsv(vault.dir, 'first.csv', 5), source: 'first', mode: 'good_rows', timeZone: 'UTC' });
    const alertId = db().prepare("SELECT id FROM alerts WHERE source = 'first' LIMIT 1").pluck().get() as string;
    // A main-thread write that met the worker's open transaction would fail at once, not wait.
    db().pragma('busy_timeout = 0');

    const rows = 6000;
    let done = false;
    const importing = cli.invoke('alerts.importFile', { path: writeCsv(vault.dir, 'big.csv', rows), source: 'big', mode: 'good_rows', timeZone: 'UTC' })
      .finally(() => { done = true; });
    let ticks = 0;
    const ticker = setInterval(() => { ticks += 1; }, 1);
    const seenMidImport = new Set<number>();
    let verdicts = 0;
    while (!done) {
      const action = verdicts % 2 === 0 ? { kind: 'acknowledge' as const } : { kind: 'reopen' as const };
      await admin.invoke('alerts.bulk', { selection: { ids: [alertId] }, action });
      verdicts += 1;
      const imported = count(db(), "SELECT count(*) AS n FROM alerts WHERE source = 'big'");
      if (imported > 0 && imported < rows) seenMidImport.add(imported);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    clearInterval(ticker);
    const summary = await importing;

    expect(summary).toMatchObject({ committed: true, imported: rows });
    // Verdicts landed between batches: the import was seen part-written more than once.
    expect(seenMidImport.size).toBeGreaterThan(1);
    expect(verdicts).toBeGreaterThan(seenMidImport.size);
    expect(ticks).toBeGreaterThan(10);
    const audited = count(db(), "SELECT count(*) AS n FROM audit_log WHERE action = 'alerts.bulk' AND outcome = 'success'");
    expect(audited).toBe(verdicts);
    // Both threads drew HLCs from one clock: none issued twice.
    expect(count(db(), 'SELECT count(*) - count(DISTINCT hlc) AS n FROM change_log')).toBe(0);
  }, 120_000);

  it('refuses a staged first import, moving nothing in, when alerts reached the vault meanwhile', async () => {
    const { vault, db } = await openVault();
    const importing = importBigFile(vault);
    await until(() => stagingFiles(vault.dir).length > 0, 'the import is staged');
    const meanwhile = insertAlert(db(), { title: 'Written while the import was staged' });

    expect(await errorCodeOf(importing)).toBe('CONFLICT');
    expect(db().prepare('SELECT id FROM alerts').pluck().all()).toEqual([meanwhile]);
    expect(count(db(), 'SELECT count(*) AS n FROM entities')).toBe(0);
    expect(count(db(), 'SELECT count(*) AS n FROM imports WHERE undone_at IS NOT NULL')).toBe(1);
    expect(stagingFiles(vault.dir)).toEqual([]);
  }, 120_000);

  it('leaves a running import alone when the vault is locked and unlocked meanwhile: it was not cut off by a crash', async () => {
    const { vault, db } = await openVault();
    const importing = importBigFile(vault);
    await until(() => stagingGrown(vault.dir), 'the import is staged');
    vault.core.services.custody.close();
    await vault.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });

    expect(await importing).toMatchObject({ committed: true, imported: 20_000 });
    expect(count(db(), 'SELECT count(*) AS n FROM alerts')).toBe(20_000);
    expect(count(db(), 'SELECT count(*) AS n FROM imports WHERE undone_at IS NOT NULL')).toBe(0);
    expect(count(db(), "SELECT count(*) AS n FROM audit_log WHERE action = 'alerts.import_undone'")).toBe(0);
  }, 120_000);

  // A first import is staged beside the vault and moves in at the end (staged-import.ts); an import
  // into a vault that holds alerts commits batch by batch and is undone. Both must leave nothing.
  const paths = [
    { path: 'a first import (staged)', seeded: false },
    { path: 'an import into a vault with alerts (batches committed)', seeded: true },
  ];

  for (const { path: label, seeded } of paths) {
    /** The vault, with one alert imported first when `seeded`; a check that the big import is under way on its path. */
    const prepared = async () => {
      const opened = await openVault();
      if (seeded) await opened.cli.invoke('alerts.importFile', { path: writeCsv(opened.vault.dir, 'seed.csv', 1), source: 'seed', mode: 'good_rows', timeZone: 'UTC' });
      const before = { alerts: count(opened.db(), 'SELECT count(*) AS n FROM alerts'), entities: count(opened.db(), 'SELECT count(*) AS n FROM entities') };
      const underWay = seeded
        ? () => count(opened.db(), 'SELECT count(*) AS n FROM alerts') > before.alerts
        : () => stagingGrown(opened.vault.dir);
      return { ...opened, before, underWay };
    };

    it(`${label}: undoes everything it wrote when cancelled mid-import`, async () => {
      const { vault, db, before, underWay } = await prepared();
      const cancel = new AbortController();
      const importing = importBigFile(vault, { signal: cancel.signal });
      await until(underWay, 'the import is under way');
      if (!seeded) {
        // The staging file is this user's alone, like the vault, and written without a WAL (it is thrown away on failure).
        const [staging = ''] = stagingFiles(vault.dir).filter((name) => !/-(journal|wal|shm)$/.test(name));
        expect(statSync(join(vault.dir, staging)).mode & 0o777).toBe(0o600);
        expect(stagingFiles(vault.dir).filter((name) => name.endsWith('-wal'))).toEqual([]);
      }
      cancel.abort();

      expect(await errorCodeOf(importing)).toBe('CANCELLED');
      expect(count(db(), 'SELECT count(*) AS n FROM alerts')).toBe(before.alerts);
      expect(count(db(), 'SELECT count(*) AS n FROM entities')).toBe(before.entities);
      expect(count(db(), 'SELECT count(*) AS n FROM imports WHERE undone_at IS NOT NULL')).toBe(1);
      expect(stagingFiles(vault.dir)).toEqual([]);
    }, 120_000);

    it(`${label}: fails clearly when the worker dies mid-import, and the next unlock undoes what it wrote`, async () => {
      const { vault, admin, db, before, underWay } = await prepared();
      let worker: Worker | null = null;
      const importing = importBigFile(vault, { onStart: (started) => { worker = started; } });
      await until(underWay, 'the import is under way');
      await (worker as Worker | null)?.terminate();

      const failure = await importing.then(() => null, (error: unknown) => error);
      expect(failure).toMatchObject({ code: 'INTERNAL', message: 'A background worker stopped before it finished' });
      // The turn and the write lock are free again: a write goes through.
      const users = await admin.invoke('users.create', { username: 'after', displayName: 'After', role: 'analyst' });
      expect(users.oneTimePassword).toBeTruthy();
      if (seeded) expect(count(db(), 'SELECT count(*) AS n FROM alerts')).toBeGreaterThan(before.alerts);
      else expect(stagingFiles(vault.dir)).not.toEqual([]);

      vault.restart();
      await vault.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
      await until(() => count(db(), 'SELECT count(*) AS n FROM imports WHERE undone_at IS NOT NULL') === 1, 'the unfinished import is undone');
      expect(count(db(), 'SELECT count(*) AS n FROM alerts')).toBe(before.alerts);
      expect(count(db(), 'SELECT count(*) AS n FROM entities')).toBe(before.entities);
      expect(count(db(), "SELECT count(*) AS n FROM audit_log WHERE action = 'alerts.import_undone'")).toBe(1);
      expect(stagingFiles(vault.dir)).toEqual([]);
    }, 120_000);
  }
});
