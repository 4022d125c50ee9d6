import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

describe('checkpointing the vault off the main thread', () => {
  it('copies pages a writer left in the WAL into the vault file, from a worker', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const { databasePath, custody, checkpoints } = vault.core.services;
    custody.vault.db.pragma('wal_checkpoint(TRUNCATE)');
    // A writer that holds back SQLite's own checkpoint, as an import's connection does.
    const writer = openDatabase(databasePath, { key: custody.copyDataKey() });
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE filler (body TEXT)');
    const insert = writer.prepare('INSERT INTO filler VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) insert.run(`${i}`.padEnd(2_000, 'x'));
    })();
    writer.close();
    const before = statSync(databasePath).size;
    expect(statSync(`${databasePath}-wal`).size).toBeGreaterThan(4_000_000);

    await checkpoints.run();

    expect(statSync(databasePath).size).toBeGreaterThan(before + 4_000_000);
    expect(custody.vault.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2_000 });
  });

  it('joins a checkpoint already running instead of starting a second one', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const { checkpoints } = vault.core.services;
    const first = checkpoints.run();
    expect(checkpoints.run()).toBe(first);
    await first;
  });
});
