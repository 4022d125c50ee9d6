// A fresh vault set up by its admin and signed in through the CLI's in-process client: what the
// change-feed and sync tests write with. The vault goes into `vaults`, which the test's afterEach closes.
import { ADMIN, makeTestVault, setUpVault, type TestVault } from './test-core';
import type { SqliteDatabase } from '../../../src-main/store/database';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

export interface SignedInVault {
  vault: TestVault;
  cli: InProcessClient;
  db: () => SqliteDatabase;
}

export async function signedInVault(vaults: TestVault[]): Promise<SignedInVault> {
  const vault = makeTestVault();
  vaults.push(vault);
  await setUpVault(vault);
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { vault, cli, db: () => vault.core.services.custody.vault.db };
}
