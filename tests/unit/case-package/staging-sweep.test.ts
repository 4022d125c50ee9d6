// A package exported for a window that never fetches it (the window closed, the analyst walked away)
// does not sit on disk until the next case-package call: the app's sweep timer drops it after 30
// idle minutes.
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { PASSPHRASE } from './case-fixtures';

let vault: TestVault;
afterEach(() => vault?.dispose());

const staged = () => readdirSync(join(vault.dir, 'case-packages'));

describe('staged case packages', () => {
  it('are dropped by the sweep timer once idle, with no further call', async () => {
    vault = makeTestVault({ sweepIntervalMs: 10 });
    const { admin } = await setUpVault(vault);
    const detail = await admin.invoke('investigations.create', { title: 'Left behind' });
    const made = await admin.invoke('casePackage.export', { investigationId: detail.id, passphrase: PASSPHRASE });
    expect(made.downloadId).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(staged()).toHaveLength(1);

    vault.clock.advance(31 * 60 * 1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(staged()).toEqual([]);
  });
});
