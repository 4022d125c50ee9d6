import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { verifyBackupFile } from '../../../src-main/backup/backup-verifier';

let vault: TestVault;
afterEach(() => vault?.dispose());

function spawnChild(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'backup-or-restore-forever.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Runs the child until it is killed; resolves with how many operations it finished before that. */
function runUntilKilled(args: string[], killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(args);
    let output = '';
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL'
      ? resolve(output.split('\n').filter((line) => line === 'done').length)
      : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

/**
 * How long the child's own first operation takes, from its ready line to its first done line. The
 * kill window is scaled to this, not to the same operation run in the test's warm process: a fresh
 * child starts its worker thread from TypeScript sources, and on a loaded machine that alone made
 * every kill land before the first operation ended.
 */
function childOperationMs(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(args);
    let readyAt = 0;
    let tookMs = 0;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (readyAt === 0 && output.includes('ready\n')) readyAt = performance.now();
      if (tookMs === 0 && output.includes('done\n')) {
        tookMs = performance.now() - readyAt;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => (tookMs > 0 ? resolve(tookMs) : reject(new Error('child exited before its first operation ended'))));
  });
}

/**
 * When to kill in each round: 100 ms after the child is ready plus a point in the round's own slice
 * of 2.5 operations, so the rounds together land before, during and after operations (the later
 * slices lie past the first operation's end) whatever the machine's load.
 */
function killDelays(operationMs: number, rounds: number): number[] {
  const window = Math.max(1000, 2.5 * operationMs);
  return Array.from({ length: rounds }, (_, round) => 100 + Math.floor(((round + Math.random()) / rounds) * window));
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
    const dataKey = vault.core.services.custody.copyDataKey();
    vault.core.close();
    const backupMs = await childOperationMs(['backup', vault.dir]);
    vault.restart();
    const madeBeforeKills = vault.core.services.backups.list().length;
    vault.core.close();
    let finished = 0;
    for (const delay of killDelays(backupMs, 6)) {
      finished += await runUntilKilled(['backup', vault.dir], delay);
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
    // and every one of them is listed (beside the one the child made to time a backup).
    expect(finished).toBeGreaterThan(0);
    expect(vault.core.services.backups.list().length).toBeGreaterThanOrEqual(madeBeforeKills + finished);
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
    vault.core.close();
    const restoreMs = await childOperationMs(['restore', vault.dir, a.path, b.path]);
    const seen = new Set<string>();
    let finished = 0;
    for (const delay of killDelays(restoreMs, 8)) {
      finished += await runUntilKilled(['restore', vault.dir, a.path, b.path], delay);
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
