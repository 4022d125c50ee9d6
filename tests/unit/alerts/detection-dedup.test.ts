// Dedup folds only rows of the same detection, and a fold never lowers a severity: the bug this
// guards against is a critical "payout-change" row folded into a high "login-burst" alert (same
// source, account and hour, no rule column mapped) and the alert kept at high.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlertWriter, type NewAlert } from '../../../src-main/alerts/alert-writer';
import { importAlerts } from '../../../src-main/import/alerts/alert-import';
import type { ImportRecord } from '../../../src-main/import/file-reader';
import type { AlertProfile } from '../../../src-main/import/alerts/alert-row-mapper';
import { mappingProfileSchema } from '../../../src-main/import/column-mapping';
import { createChangeRecorder } from '../../../src-main/store/change-log';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { Severity } from '../../../src-shared/model';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
const connections: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of connections.splice(0)) if (db.open) db.close();
  vault?.dispose();
});

const T0 = Date.UTC(2026, 4, 1, 9, 0);

/** `cli` imports files by path (the command line); `admin` is a window (uploads and the preview). */
async function start(): Promise<{ admin: InProcessClient; cli: InProcessClient; db: SqliteDatabase }> {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
  return { admin, cli, db: vault.core.services.custody.vault.db };
}

function csvFile(name: string, lines: string[]): string {
  const file = join(vault.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const alertsOf = (db: SqliteDatabase) =>
  db.prepare('SELECT title, rule, severity, occurrences FROM alerts ORDER BY title').all() as { title: string; rule: string | null; severity: Severity; occurrences: number }[];

describe('folding only rows of one detection', () => {
  it('keeps a critical payout-change beside a high login-burst of the same source, account and hour when no rule is mapped', async () => {
    const { cli, db } = await start();
    const file = csvFile('no-rule.csv', [
      'alert_id,timestamp,title,severity,user',
      'x-1,2026-05-01T09:05:00Z,login-burst,high,u-7',
      'x-2,2026-05-01T09:20:00Z,payout-change,critical,u-7',
    ]);
    const summary = await cli.invoke('alerts.importFile', { path: file, source: 'bank' });
    expect(summary).toMatchObject({ committed: true, imported: 2, deduplicated: 0 });
    expect(alertsOf(db)).toEqual([
      { title: 'login-burst', rule: null, severity: 'high', occurrences: 1 },
      { title: 'payout-change', rule: null, severity: 'critical', occurrences: 1 },
    ]);
  });

  it('folds rule-less rows whose titles differ only in spacing and case, and no others', async () => {
    const { cli, db } = await start();
    const file = csvFile('titles.csv', [
      'alert_id,timestamp,title,severity,user',
      'x-1,2026-05-01T09:05:00Z,Payout change,medium,u-7',
      'x-2,2026-05-01T09:10:00Z,"  payout   CHANGE ",medium,u-7',
      'x-3,2026-05-01T09:15:00Z,payout-change,medium,u-7',
    ]);
    const summary = await cli.invoke('alerts.importFile', { path: file, source: 'bank' });
    expect(summary).toMatchObject({ imported: 2, deduplicated: 1 });
    expect(alertsOf(db).map((a) => [a.title, a.occurrences])).toEqual([['Payout change', 2], ['payout-change', 1]]);
  });

  it('folds rows of one rule whatever their titles', async () => {
    const { cli, db } = await start();
    const file = csvFile('rule.csv', [
      'alert_id,timestamp,rule,title,severity,user',
      'x-1,2026-05-01T09:05:00Z,login-burst,12 failed logins,high,u-7',
      'x-2,2026-05-01T09:20:00Z,login-burst,40 failed logins,high,u-7',
    ]);
    expect(await cli.invoke('alerts.importFile', { path: file, source: 'bank' })).toMatchObject({ imported: 1, deduplicated: 1 });
    expect(alertsOf(db)).toEqual([{ title: '12 failed logins', rule: 'login-burst', severity: 'high', occurrences: 2 }]);
  });
});

describe('a fold keeps the highest severity', () => {
  const row = (overrides: Partial<NewAlert>): NewAlert => {
    const account = { kind: 'account' as const, value: 'u-7', origin: 'mapped' as const };
    return {
      source: 'bank', externalId: randomUUID(), rule: 'payout-change', title: 'Payout details changed', description: '', severity: 'medium',
      occurredAt: T0 + 5 * 60_000, entities: [account], primaryEntity: account, importId: null, raw: null, ...overrides,
    };
  };

  for (const order of [['high', 'critical', 'low'], ['critical', 'low', 'high'], ['low', 'high', 'critical']] as Severity[][]) {
    it(`in one batch, rows met in the order ${order.join(', ')}`, async () => {
      const { db } = await start();
      const repos = vault.core.services.custody.vault.repositories;
      const writer = new AlertWriter(db, repos.row);
      expect(writer.writeBatch(order.map((severity) => row({ severity })))).toEqual(['inserted', 'deduplicated', 'deduplicated']);
      writer.flush();
      expect(alertsOf(db)).toEqual([{ title: 'Payout details changed', rule: 'payout-change', severity: 'critical', occurrences: 3 }]);
    });
  }

  it('across two imports: a later critical row raises the alert, a later low row leaves it critical', async () => {
    const { cli, db } = await start();
    const header = 'alert_id,timestamp,rule,title,severity,user';
    await cli.invoke('alerts.importFile', { path: csvFile('1.csv', [header, 'x-1,2026-05-01T09:05:00Z,payout-change,Payout details changed,high,u-7']), source: 'bank' });
    const raise = await cli.invoke('alerts.importFile', { path: csvFile('2.csv', [header, 'x-2,2026-05-01T09:40:00Z,payout-change,Payout details changed,critical,u-7']), source: 'bank' });
    expect(raise).toMatchObject({ imported: 0, deduplicated: 1 });
    expect(alertsOf(db)).toEqual([{ title: 'Payout details changed', rule: 'payout-change', severity: 'critical', occurrences: 2 }]);
    // The raise travels with the alert's change record.
    const logged = db.prepare("SELECT fields FROM change_log WHERE table_name = 'alerts' ORDER BY rowid DESC LIMIT 1").get() as { fields: string };
    expect(JSON.parse(logged.fields)).toContain('severity');

    await cli.invoke('alerts.importFile', { path: csvFile('3.csv', [header, 'x-3,2026-05-01T09:50:00Z,payout-change,Payout details changed,low,u-7']), source: 'bank' });
    expect(alertsOf(db)).toEqual([{ title: 'Payout details changed', rule: 'payout-change', severity: 'critical', occurrences: 3 }]);
  });

  it('an import that is undone gives the alert it raised its severity back', async () => {
    const { cli, db } = await start();
    await cli.invoke('alerts.importFile', {
      path: csvFile('1.csv', ['alert_id,timestamp,rule,title,severity,user', 'x-1,2026-05-01T09:05:00Z,payout-change,Payout details changed,high,u-7']), source: 'bank',
    });
    const profile = mappingProfileSchema.parse({
      name: 'test', kind: 'alerts', columns: { externalId: 'id', occurredAt: 'time', rule: 'rule', title: 'title', severity: 'severity', account: 'user' },
      timestamp: { format: 'iso', timeZone: 'UTC' },
    }) as AlertProfile;
    // More rows than the first batch, so a batch that raises the alert commits before the bad row refuses the import.
    const rows: ImportRecord[] = Array.from({ length: 400 }, (_, i) => ({
      line: i + 2, values: { id: `y-${i}`, time: new Date(T0 + 10 * 60_000 + i * 1_000).toISOString(), rule: 'payout-change', title: 'Payout details changed', severity: 'critical', user: 'u-7' },
    }));
    rows.push({ line: 402, values: { id: 'bad', time: 'not a time', rule: 'payout-change', title: 'x', severity: 'low', user: 'u-7' } });
    const importDb = openDatabase(vault.core.services.databasePath, { key: vault.core.services.custody.copyDataKey() });
    connections.push(importDb);
    const shared = vault.core.services.custody.vault.repositories.row;
    let raisedMidway: unknown = null;
    async function* records(): AsyncGenerator<ImportRecord> {
      for (const [i, record] of rows.entries()) {
        if (i === 399) raisedMidway = db.prepare('SELECT severity FROM alerts').get();
        yield record;
      }
    }
    const summary = await importAlerts(importDb, { ...shared, changes: createChangeRecorder(importDb, shared.deviceId, shared.now) }, records(), {
      profile, source: 'bank', mode: 'all_or_nothing', fileName: 'f.csv', userId: null,
    });
    expect(summary).toMatchObject({ committed: false, rejected: 1 });
    expect(raisedMidway).toEqual({ severity: 'critical' });
    expect(alertsOf(db)).toEqual([{ title: 'Payout details changed', rule: 'payout-change', severity: 'high', occurrences: 1 }]);
  });
});

describe('the import preview counts folds as the import makes them', () => {
  const HEADER = 'alert_id,timestamp,title,severity,user';
  const upload = async (admin: InProcessClient, name: string, lines: string[]) => {
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const { uploadId } = await admin.invoke('uploads.begin', { fileName: name, size: bytes.length });
    await admin.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
    return uploadId;
  };

  it('within the file and into alerts already in the vault', async () => {
    const { admin, cli } = await start();
    await cli.invoke('alerts.importFile', {
      path: csvFile('base.csv', [HEADER, 'b-1,2026-05-01T09:01:00Z,login-burst,high,u-7', 'b-2,2026-05-01T09:02:00Z,payout-change,critical,u-8']), source: 'bank',
    });
    const lines = [
      HEADER,
      'b-1,2026-05-01T09:01:00Z,login-burst,high,u-7', // imported before: skipped
      'n-1,2026-05-01T09:30:00Z,Login-Burst,medium,u-7', // folds into the vault's login-burst
      'n-2,2026-05-01T09:31:00Z,payout-change,critical,u-7', // new (another account than the vault's)
      'n-3,2026-05-01T09:32:00Z,payout  change,critical,u-7', // new: another title
      'n-4,2026-05-01T09:33:00Z,Payout-Change,low,u-7', // folds into n-2
      'n-5,2026-05-01T10:05:00Z,payout-change,low,u-7', // new: next hour
      'n-6,bad time,payout-change,low,u-7', // rejected
      'n-2,2026-05-01T09:31:00Z,payout-change,critical,u-7', // repeated in the file: skipped
    ];
    const uploadId = await upload(admin, 'next.csv', lines);
    const preview = await admin.invoke('imports.preview', { uploadId, kind: 'alerts', source: 'bank' });
    expect(preview.folding).toEqual({
      read: 8, wholeFile: true, rows: 5, alerts: 4, vaultAlerts: 1, alreadyImported: 2, basis: 'same detection, entity and hour',
    });
    const blind = await admin.invoke('imports.preview', { uploadId, kind: 'alerts' });
    // Without the source name only the file is compared: b-1 is not known to be imported, and n-1 folds into it.
    expect(blind.folding).toMatchObject({ vaultAlerts: null, alreadyImported: 1, rows: 6, alerts: 4 });

    const folding = preview.folding!;
    const summary = await admin.invoke('alerts.importUpload', {
      uploadId, jobId: randomUUID(), source: 'bank', mode: 'good_rows', mapping: { ...preview.mapping, name: 'p' },
    });
    const newAlerts = folding.alerts - (folding.vaultAlerts ?? 0);
    expect(summary).toMatchObject({ imported: newAlerts, deduplicated: folding.rows - newAlerts, duplicates: folding.alreadyImported, rejected: 1 });
  });

  it('of a file longer than it reads, counts the first rows and says so', async () => {
    const { admin } = await start();
    const lines = [HEADER, ...Array.from({ length: 500 }, (_, i) => `r-${i},2026-05-01T09:${String(i % 60).padStart(2, '0')}:00Z,detection ${i % 10},high,u-${i % 4}`)];
    const uploadId = await upload(admin, 'long.csv', lines);
    const preview = await admin.invoke('imports.preview', { uploadId, kind: 'alerts', source: 'bank' });
    // 200 rows, 10 detections × 4 accounts, all within one hour.
    expect(preview.folding).toMatchObject({ read: 200, wholeFile: false, rows: 200, alerts: 20, vaultAlerts: 0 });
  });
});
