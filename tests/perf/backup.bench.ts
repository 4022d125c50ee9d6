// Backup speed, run on the import benchmark's freshly imported vault while it is open:
// a backup (backup.create) and a full verification (backup.verify) as MB/s of vault, and a full
// restore (backup.restore, on a copy of the vault so the bench vault survives), each beside a plain
// copy of the same vault file (copyFile + fsync) measured in the same run. Cache state: warm for
// both: the vault was just written by the import, and the plain copy runs right before the backup.
// A verification reads every page (hash + every page's HMAC on child threads, row counts), so that
// check alone on the vault file is measured too: backup + verify is also shown against copy + 2
// checks. The structural check (integrity_check + counts), which now runs on restore and nightly,
// is measured beside it.
import { closeSync, copyFileSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../src-main/core';
import { createInProcessClient } from '../../src-main/ipc/in-process-client';
import { inspectBody } from '../../src-main/backup/backup-body';
import { authenticatePages } from '../../src-main/backup/page-authenticator';
import { sha256OfPrefixOffThread } from '../../src-main/workers/file-hash';
import { percentile } from './bench-table';
import type { OnImportedVault } from './import.bench';

type Core = ReturnType<typeof createCore>;
type Client = ReturnType<typeof createInProcessClient>;

/** The same cheap key derivation the import bench uses: unlock time is not what is measured here. */
const KDF = { params: { algorithm: 'argon2id' as const, memoryKiB: 1024, iterations: 1, parallelism: 1 }, floor: { algorithm: 'argon2id' as const, memoryKiB: 1024, iterations: 1, parallelism: 1 } };
const MB = 1e6;

function copyAndSync(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** The limit: the vault file (its WAL emptied first, so it holds everything) copied and fsynced; median of 3. */
function plainCopyMs(core: Core, scratch: string): number {
  core.services.custody.vault.db.pragma('wal_checkpoint(TRUNCATE)');
  const samples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const target = join(scratch, `plain-copy-${i}.db`);
    const start = performance.now();
    copyAndSync(join(core.dataDir, 'vault.db'), target);
    samples.push(performance.now() - start);
    rmSync(target);
  }
  return percentile(samples, 50);
}

/**
 * What a verification checks, on the vault file itself after the WAL is emptied: SHA-256 and every
 * page's HMAC on child threads while this one counts rows (as backup-verifier.ts does).
 */
async function pageCheckMs(core: Core): Promise<number> {
  core.services.custody.vault.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = join(core.dataDir, 'vault.db');
  const length = statSync(path).size;
  const dataKey = core.services.custody.copyDataKey();
  try {
    const start = performance.now();
    const hashing = sha256OfPrefixOffThread(path, length);
    const authenticating = authenticatePages(path, length, dataKey);
    inspectBody(path, dataKey, undefined, 'none');
    await hashing;
    if ((await authenticating).firstBadPage !== null) throw new Error('the bench vault has a page that fails authentication');
    return performance.now() - start;
  } finally {
    dataKey.fill(0);
  }
}

/** SQLite's structural check (integrity_check + counts) on the vault file: what a restore and the nightly check run. */
function structureCheckMs(core: Core): number {
  core.services.custody.vault.db.pragma('wal_checkpoint(TRUNCATE)');
  const dataKey = core.services.custody.copyDataKey();
  try {
    const start = performance.now();
    const contents = inspectBody(join(core.dataDir, 'vault.db'), dataKey, undefined, 'integrity');
    if (contents.integrity[0] !== 'ok') throw new Error('the bench vault fails integrity_check');
    return performance.now() - start;
  } finally {
    dataKey.fill(0);
  }
}

/**
 * A second data directory holding a copy of the bench vault with an admin of its own, so a full
 * restore can replace its vault without touching the bench vault (the import bench keeps using it).
 */
async function restoreTarget(core: Core, admin: Client, dir: string): Promise<{ core: Core; client: Client }> {
  const { oneTimePassword } = await admin.invoke('users.create', { username: 'restorer', displayName: 'Restorer', role: 'admin' });
  core.services.custody.vault.db.pragma('wal_checkpoint(TRUNCATE)');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of ['vault.db', 'keyslots.json']) copyAndSync(join(core.dataDir, name), join(dir, name));
  const copy = createCore({ dataDir: dir, kdf: KDF, sweepIntervalMs: null });
  const client = createInProcessClient(copy.router, 'cli');
  await client.invoke('auth.login', { username: 'restorer', password: oneTimePassword });
  await client.invoke('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'second copy passphrase' });
  return { core: copy, client };
}

export const backupBenchmarks: OnImportedVault = async (core, admin, label) => {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-bench-backup-'));
  try {
    const vaultBytes = statSync(join(core.dataDir, 'vault.db')).size;
    const restoreCopy = await restoreTarget(core, admin, join(scratch, 'restore-target'));
    const copyMs = plainCopyMs(core, scratch);
    const checkMs = await pageCheckMs(core);
    const structureMs = structureCheckMs(core);

    const backup = await timed(() => admin.invoke('backup.create', {}));
    const verify = await timed(() => admin.invoke('backup.verify', { fileName: backup.value.fileName }));
    if (!verify.value.ok) throw new Error(`the fresh backup does not verify: ${verify.value.problem ?? ''} ${verify.value.message}`);

    const restore = await timed(() => restoreCopy.client.invoke('backup.restore', { path: backup.value.path, confirmVaultName: 'Bench' }));
    restoreCopy.core.close();

    const mbPerS = (ms: number) => vaultBytes / MB / (ms / 1000);
    const size = `${label}, ${(vaultBytes / MB).toFixed(0)} MB vault`;
    const copyLabel = 'copyFile + fsync, warm cache';
    const both = mbPerS(backup.ms + verify.ms);
    return [
      { name: `backup + verify, ${size}`, value: both, unit: 'MB/s', limit: mbPerS(copyMs), limitLabel: copyLabel, goal: '≥ 0.5×', met: both >= 0.5 * mbPerS(copyMs) },
      // What any backup + verify that reads every page twice cannot beat: one copy and two checks.
      { name: `backup + verify vs its floor, ${size}`, value: both, unit: 'MB/s', limit: mbPerS(copyMs + 2 * checkMs), limitLabel: 'copy + 2 × page check', goal: '— (context: the goal is against a plain copy)', met: null },
      { name: `page check alone (hash + page HMACs + counts, vault file), ${size}`, value: mbPerS(checkMs), unit: 'MB/s', limit: mbPerS(copyMs), limitLabel: copyLabel, goal: '—', met: null },
      { name: `structural check alone (integrity_check + counts: restore, nightly), ${size}`, value: mbPerS(structureMs), unit: 'MB/s', limit: mbPerS(copyMs), limitLabel: copyLabel, goal: '—', met: null },
      { name: `backup alone (backup.create), ${size}`, value: mbPerS(backup.ms), unit: 'MB/s', limit: mbPerS(copyMs), limitLabel: copyLabel, goal: '—', met: null },
      { name: `verify alone (backup.verify), ${size}`, value: mbPerS(verify.ms), unit: 'MB/s', limit: mbPerS(copyMs), limitLabel: copyLabel, goal: '—', met: null },
      { name: `full restore (backup.restore, verify included), ${size}`, value: restore.ms / 1000, unit: 's', limit: copyMs / 1000, limitLabel: copyLabel, goal: '< 30 s', met: restore.ms < 30_000 },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
