import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { filesContaining, filesUnder } from '../support/vault-files';
import { openDatabase } from '../../../src-main/store/database';

let vault: TestVault;
afterEach(() => vault?.dispose());

const CANARY = 'CANARY-7f3a9c-zebra-quokka';

describe('data at rest', () => {
  it('never writes a canary to any file under the data directory, open or closed', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    // Through the app: a user's display name and username, and the audit details that record them.
    await admin.invoke('users.create', { username: 'canary-7f3a9c', displayName: CANARY, role: 'analyst' });
    for (let i = 0; i < 50; i += 1) await admin.invoke('users.create', { username: `u${i}-canary-7f3a9c`, displayName: `${CANARY} ${i}`, role: 'viewer' });
    // While the vault is open the WAL holds the newest pages.
    expect(existsSync(join(vault.dir, 'vault.db-wal'))).toBe(true);
    expect(filesContaining(vault.dir, CANARY)).toEqual([]);
    expect(filesContaining(vault.dir, 'canary-7f3a9c')).toEqual([]);
    expect(filesContaining(vault.dir, 'SQLite format 3')).toEqual([]);
    vault.core.close();
    expect(filesUnder(vault.dir).length).toBeGreaterThan(0);
    expect(filesContaining(vault.dir, CANARY)).toEqual([]);
    expect(filesContaining(vault.dir, 'canary-7f3a9c')).toEqual([]);
  });

  it('cannot be opened without the data key', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    vault.core.close();
    expect(() => openDatabase(join(vault.dir, 'vault.db'), { key: null })).toThrow(/cannot be opened/);
    expect(() => openDatabase(join(vault.dir, 'vault.db'), { key: Buffer.alloc(32, 7) })).toThrow(/cannot be opened/);
  });
});
