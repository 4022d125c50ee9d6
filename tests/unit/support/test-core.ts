// Builds a fresh core in a temp directory with a hand-driven clock and cheap argon2 parameters
// (the production parameters are exercised by their own test and by the benchmark).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../src-main/platform/clock';
import { createCore, type Core, type CoreOptions } from '../../../src-main/core';
import { createInProcessClient, type InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { Role } from '../../../src-shared/permissions';
import type { KdfPolicy } from '../../../src-main/vault/kdf';

export const TEST_KDF: KdfPolicy = {
  params: { algorithm: 'argon2id', memoryKiB: 1024, iterations: 1, parallelism: 1 },
  floor: { algorithm: 'argon2id', memoryKiB: 1024, iterations: 1, parallelism: 1 },
};

export const USER_PASSWORD = 'plenty long passphrase';
export const ADMIN = { username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' };

export interface TestVault {
  dir: string;
  clock: ManualClock;
  core: Core;
  /** A fresh client (its own session), like a second window or the CLI. */
  client(kind?: string): InProcessClient;
  /** Closes this core and builds another on the same directory: an app restart. */
  restart(): Core;
  /** Closes the core and removes the folder once nothing writes in it any more. */
  dispose(): Promise<void>;
}

export function makeTestVault(overrides: Partial<CoreOptions> = {}): TestVault {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const clock = new ManualClock();
  const build = () => createCore({ dataDir: dir, clock, kdf: TEST_KDF, sweepIntervalMs: null, ...overrides });
  const vault: TestVault = {
    dir,
    clock,
    core: build(),
    client: (kind = 'test') => createInProcessClient(vault.core.router, kind),
    restart() {
      vault.core.close();
      vault.core = build();
      return vault.core;
    },
    async dispose() {
      await vault.core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return vault;
}

/** Sets up the vault with ADMIN and confirms the recovery key; returns the admin's client and the key. */
export async function setUpVault(vault: TestVault): Promise<{ admin: InProcessClient; recoveryKey: string }> {
  const admin = vault.client();
  const { recoveryKey } = await admin.invoke('setup.initialize', { vaultName: 'Test vault', ...ADMIN });
  await admin.invoke('auth.confirmRecoveryKey', { recoveryKey });
  return { admin, recoveryKey };
}

/** Creates a user as `admin`, logs them in and sets their own password. */
export async function addUser(
  vault: TestVault,
  admin: InProcessClient,
  username: string,
  role: Role,
  password = USER_PASSWORD,
): Promise<InProcessClient> {
  const { oneTimePassword } = await admin.invoke('users.create', { username, displayName: username, role });
  const client = vault.client();
  await client.invoke('auth.login', { username, password: oneTimePassword });
  await client.invoke('auth.changePassword', { currentPassword: oneTimePassword, newPassword: password });
  return client;
}
