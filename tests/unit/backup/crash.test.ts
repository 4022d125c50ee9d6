import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { verifyBackupFile } from '../../../src-main/backup/backup-verifier';

let vault: TestVault;
afterEach(() => vault?.dispose());

/** Runs the child until it is killed; resolves with how many operations it finished before that. */
function runUntilKilled(args: string[], killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'backup-or-restore-forever.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL'
      ? resolve(output.split('\n').filter((line) => line === 'done').length)
      : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

/**
 * When to kill: 100 ms after the child is ready plus up to 2.5 times one operation measured in this
 * run (at least 1 s), so kills land before, during and after operations however loaded the machine
 * is (each operation starts a worker thread, ~0.3 s from TypeScript sources under tsx).
 */
function killDelay(operationMs: number): number {
  return 100 + Math.floor(Math.random() * Math.max(1000, 2.5 * operationMs));
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function usernamesAfterRestart(): Promise<string[]> {
  vault.restart();
  const client = vault.client();
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const db = vault.core.services.custody.vault.db;
  expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
  return (await client.invoke('users.list', {})).map((u) => u.username).sort();
}

describe('a crash (kill -9)', () => {
  it('during a backup never leaves a listed partial backup and never harms the vault', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('demo.generate', { alerts: 3000, seed: 1, days: 3 });
    const backupMs = await timed(() => admin.invoke('backup.create', {}));
    const dataKey = vault.core.services.custody.copyDataKey();
    vault.core.close();
    let finished = 0;
    for (let round = 0; round < 6; round += 1) {
      finished += await runUntilKilled(['backup', vault.dir], killDelay(backupMs));
      expect(await usernamesAfterRestart()).toEqual(['ada']);
      const folder = vault.core.services.backups.settings().folder;
      for (const listing of vault.core.services.backups.list()) {
        await verifyBackupFile(listing.path, { dataKey, expectedVaultId: null });
      }
      expect(readdirSync(folder).filter((n) => !n.startsWith('.')).length).toBe(vault.core.services.backups.list().length);
      vault.core.close();
    }
    vault.restart();
    // The child really was backing up when killed: some rounds completed backups before the kill,
    // and every one of them is listed (beside the one this test made to time a backup).
    expect(finished).toBeGreaterThan(0);
    expect(vault.core.services.backups.list().length).toBeGreaterThanOrEqual(1 + finished);
    dataKey.fill(0);
  }, 120_000);

  it('during a restore always starts next time with one whole vault', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('demo.generate', { alerts: 3000, seed: 1, days: 3 });
    await admin.invoke('users.create', { username: 'marker-a', displayName: 'A', role: 'viewer' });
    const a = await admin.invoke('backup.create', {});
    await admin.invoke('users.create', { username: 'marker-b', displayName: 'B', role: 'viewer' });
    const b = await admin.invoke('backup.create', {});
    // Restoring b leaves the vault as it is (b is its latest state) and times one restore.
    const restoreMs = await timed(() => admin.invoke('backup.restore', { fileName: b.fileName, confirmVaultName: 'Test vault' }));
    vault.core.close();
    const seen = new Set<string>();
    let finished = 0;
    for (let round = 0; round < 8; round += 1) {
      finished += await runUntilKilled(['restore', vault.dir, a.path, b.path], killDelay(restoreMs));
      const users = await usernamesAfterRestart();
      expect([['ada', 'marker-a'], ['ada', 'marker-a', 'marker-b']]).toContainEqual(users);
      seen.add(users.join(','));
      expect(existsSync(join(vault.dir, 'restore-journal.json'))).toBe(false);
      expect(existsSync(join(vault.dir, 'restore-incoming'))).toBe(false);
      vault.core.close();
    }
    // The child really was restoring when killed: restores completed between kills.
    expect(finished).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(0);
  }, 180_000);
});
