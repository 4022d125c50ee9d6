import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { openDatabase } from '../../../src-main/store/database';
import { countRows, writeBody, type WrittenBody } from '../../../src-main/backup/backup-body';

let vault: TestVault;
afterEach(() => vault?.dispose());

async function vaultWithAlerts() {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  await admin.invoke('demo.generate', { alerts: 300, seed: 5, days: 3 });
  const { databasePath, custody } = vault.core.services;
  return { admin, databasePath, dataKey: custody.copyDataKey(), app: custody.vault.db };
}

describe('the backup body', () => {
  it('is the vault file page for page, copied under a read snapshot, and opens only with the data key', async () => {
    const { databasePath, dataKey, app } = await vaultWithAlerts();
    const alerts = app.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number };
    expect(alerts.n).toBeGreaterThan(250);
    const own = openDatabase(databasePath, { key: Buffer.from(dataKey) });
    const target = join(vault.dir, 'body.db');
    let written: WrittenBody;
    try {
      written = await writeBody(own, databasePath, target, dataKey);
    } finally {
      own.close();
    }
    expect(written).toMatchObject({ method: 'raw', firstBadPage: null, length: readFileSync(target).length });
    // The hash is the copy's; the counts, taken under the snapshot the copy was made from, are the copy's.
    expect(written.sha256).toBe(createHash('sha256').update(readFileSync(target)).digest('hex'));
    const counted = openDatabase(target, { key: dataKey, readonly: true });
    expect(written.contents.rowCounts).toEqual(countRows(counted));
    expect(written.contents.rowCounts.alerts).toBe(alerts.n);
    counted.close();
    // Nothing wrote since the checkpoint the copy began with: same bytes, still SQLCipher pages.
    expect(readFileSync(target).equals(readFileSync(databasePath))).toBe(true);
    expect(readFileSync(target).includes('SQLite format 3')).toBe(false);
    expect(() => openDatabase(target, { key: null, readonly: true })).toThrow(/cannot be opened/);
    const copy = openDatabase(target, { key: dataKey, readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual(alerts);
    copy.close();
  });

  it('falls back to VACUUM INTO when a reader keeps the WAL from being emptied, and still holds every committed row', async () => {
    const { admin, databasePath, dataKey } = await vaultWithAlerts();
    const reader = openDatabase(databasePath, { key: Buffer.from(dataKey), readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) AS n FROM alerts').get();
    // Committed after the reader's snapshot: in the WAL, which cannot be checkpointed past the reader.
    await admin.invoke('users.create', { username: 'late-comer', displayName: 'Late', role: 'viewer' });
    const own = openDatabase(databasePath, { key: Buffer.from(dataKey) });
    const target = join(vault.dir, 'body.db');
    try {
      expect(await writeBody(own, databasePath, target, dataKey, { checkpointWaitMs: 20 })).toMatchObject({ method: 'vacuum', firstBadPage: null });
    } finally {
      own.close();
      reader.prepare('COMMIT').run();
      reader.close();
    }
    const copy = openDatabase(target, { key: dataKey, readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM users WHERE username = ?').get('late-comer')).toEqual({ n: 1 });
    expect(copy.prepare('PRAGMA quick_check').all()).toEqual([{ quick_check: 'ok' }]);
    copy.close();
  });

  it('never makes the app\'s writer wait while it tries to empty the WAL past a reader, and still backs up', async () => {
    const { admin, databasePath, dataKey, app } = await vaultWithAlerts();
    app.exec('CREATE TABLE write_probe (n INTEGER)');
    // A write may wait for a lock the backup holds for a moment (its TRUNCATE checkpoint takes the
    // write lock while it moves the last frames, without waiting for anyone), but never for the
    // 2 s the backup spends waiting on the reader: a write that would wait 1 s fails with
    // SQLITE_BUSY instead. A busy timeout of 0 failed here whenever a loaded machine paused the
    // backup's thread inside that moment. (Timing each write measured the machine's load.)
    const busyTimeout = app.pragma('busy_timeout', { simple: true }) as number;
    app.pragma('busy_timeout = 1000');
    const reader = openDatabase(databasePath, { key: Buffer.from(dataKey), readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) AS n FROM alerts').get();
    const insert = app.prepare('INSERT INTO write_probe VALUES (?)');
    insert.run(0);
    let done = false;
    const backup = admin.invoke('backup.create', {}).finally(() => { done = true; });
    let writes = 0;
    try {
      // The backup spends up to 2 s trying to empty the WAL (the reader prevents it), then uses VACUUM INTO.
      for (let i = 1; !done; i += 1) {
        insert.run(i);
        writes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      reader.prepare('COMMIT').run();
      reader.close();
      app.pragma(`busy_timeout = ${busyTimeout}`);
      // Settled before the vault is disposed, even when a write failed above.
      await Promise.allSettled([backup]);
    }
    const listing = await backup;
    expect(writes).toBeGreaterThan(20);
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName })).toMatchObject({ ok: true });
  });

  it('lets the app keep writing while the snapshot is held, and a backup made then verifies', async () => {
    const { admin } = await vaultWithAlerts();
    const [listing] = await Promise.all([
      admin.invoke('backup.create', {}),
      admin.invoke('users.create', { username: 'during-backup', displayName: 'During', role: 'viewer' }),
    ]);
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName })).toMatchObject({ ok: true });
    expect((await admin.invoke('users.list', {})).map((u) => u.username)).toContain('during-backup');
  });
});
