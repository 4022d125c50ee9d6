// The worker launcher: jobs run in a worker thread, typed errors come back with their codes, a
// result that is not what the job promises is refused at the boundary, a cancelled or shut-down job
// stops its worker, and a built installation finds its worker entries beside the entry points.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { VigilError } from '../../../src-shared/errors';
import { locateWorkerEntry, WorkerLauncher } from '../../../src-main/workers/worker-launcher';
import { createBackupInWorker } from '../../../src-main/backup/backup-jobs';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault | undefined;
let scratch: string | undefined;
afterEach(() => {
  vault?.dispose();
  vault = undefined;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VigilError) return error.code;
    throw error;
  }
  throw new Error('expected the job to fail');
}

async function bigVault(): Promise<{ dataKey: Buffer; request: Parameters<typeof createBackupInWorker>[1] }> {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  await admin.invoke('demo.generate', { alerts: 4000, seed: 2, days: 3 });
  const { services } = vault.core;
  const folder = join(vault.dir, 'backups');
  mkdirSync(folder);
  return {
    dataKey: services.custody.copyDataKey(),
    request: { databasePath: services.databasePath, folder, kind: 'manual', createdAt: vault.clock.now(), keySlots: services.keySlots.read(), appVersion: 'test' },
  };
}

describe('the worker launcher', () => {
  it('brings a typed error back from the worker with its code', async () => {
    const launcher = new WorkerLauncher();
    const job = launcher.run('backup-worker', {
      request: { job: 'verify', path: join(tmpdir(), 'no-such-backup.vigilbk'), expectedVaultId: null }, dataKey: Buffer.alloc(32), result: z.unknown(),
    });
    expect(await codeOf(job)).toBe('NOT_FOUND');
    expect(launcher.running).toBe(0);
  });

  it('refuses a request the worker does not understand, as INTERNAL, without a stack', async () => {
    const launcher = new WorkerLauncher();
    await expect(launcher.run('backup-worker', { request: { job: 'format-disk' }, dataKey: null, result: z.unknown() }))
      .rejects.toMatchObject({ code: 'INTERNAL', message: 'The background job failed' });
  });

  it('makes a backup in a worker, reporting each step, and refuses a result that is not what the job promises', async () => {
    const { dataKey, request } = await bigVault();
    const launcher = new WorkerLauncher();
    const steps: string[] = [];
    const written = await createBackupInWorker(launcher, request, dataKey, (step) => steps.push(step));
    expect(steps).toEqual(['copy', 'check', 'seal', 'verify']);
    expect(written.manifest.rowCounts.alerts).toBeGreaterThan(3000);
    const mismatched = launcher.run('backup-worker', { request: { job: 'verify', path: written.path, expectedVaultId: null }, dataKey, result: z.string() });
    expect(await codeOf(mismatched)).toBe('INTERNAL');
    dataKey.fill(0);
  });

  it('stops the worker when the job is cancelled, and leaves no finished backup', async () => {
    const { dataKey, request } = await bigVault();
    const launcher = new WorkerLauncher();
    const controller = new AbortController();
    const job = launcher.run('backup-worker', {
      request: { job: 'create', ...request }, dataKey, result: z.unknown(), progress: z.string(),
      onProgress: (step) => { if (step === 'copy') controller.abort(); }, signal: controller.signal,
    });
    expect(await codeOf(job)).toBe('CANCELLED');
    expect(launcher.running).toBe(0);
    expect(readdirSync(request.folder).filter((name) => !name.startsWith('.'))).toEqual([]);
    dataKey.fill(0);
  });

  it('stops running jobs at shutdown and refuses new ones', async () => {
    const { dataKey, request } = await bigVault();
    const launcher = new WorkerLauncher();
    const job = createBackupInWorker(launcher, request, dataKey);
    const code = codeOf(job);
    await launcher.terminateAll();
    expect(await code).toBe('CANCELLED');
    expect(await codeOf(createBackupInWorker(launcher, request, dataKey))).toBe('UNAVAILABLE');
    dataKey.fill(0);
  });

  it('finds a built worker beside the entry points, from a shared chunk too', () => {
    const built = mkdtempSync(join(tmpdir(), 'vigil-built-'));
    scratch = built;
    mkdirSync(join(built, 'chunks'));
    writeFileSync(join(built, 'backup-worker.js'), '');
    const fromEntry = locateWorkerEntry('backup-worker', pathToFileURL(join(built, 'cli.js')).href);
    const fromChunk = locateWorkerEntry('backup-worker', pathToFileURL(join(built, 'chunks', 'core-abc.js')).href);
    expect(fromEntry.script).toEqual(pathToFileURL(join(built, 'backup-worker.js')));
    expect(fromChunk.script).toEqual(pathToFileURL(join(built, 'backup-worker.js')));
    rmSync(join(built, 'backup-worker.js'));
    expect(() => locateWorkerEntry('backup-worker', pathToFileURL(join(built, 'cli.js')).href)).toThrow(/missing/);
  });
});
