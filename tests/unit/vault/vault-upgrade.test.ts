// The first sign-in after an update that changes the schema upgrades the vault in a worker: the main
// thread keeps serving while it runs, every window hears how far it has got, two sign-ins at once share
// one upgrade, and a migration that fails leaves the vault as it was with an error the sign-in reports.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore, VAULT_FILE } from '../../../src-main/core';
import { openDatabase } from '../../../src-main/store/database';
import { schemaVersion } from '../../../src-main/store/migrate';
import { SCHEMA_VERSION } from '../../../src-main/store/migrations';
import type { MigrationSource } from '../../../src-main/store/migrations/migration-source';
import type { VaultUpgradeProgress } from '../../../src-shared/events';
import { VigilError } from '../../../src-shared/errors';
import { ADMIN, makeTestVault, setUpVault, TEST_KDF, type TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { PROBE_VERSION, upgradeSource } from './fixtures/upgrade-migrations';

let vault: TestVault | null = null;
afterEach(async () => {
  await vault?.dispose();
  vault = null;
});

/** A vault set up at the shipped schema, then the app restarted by a version whose list is `source`; returns the data key. */
async function vaultBehind(source: MigrationSource): Promise<{ vault: TestVault; dataKey: Buffer; progress: VaultUpgradeProgress[] }> {
  const made = makeTestVault();
  vault = made;
  await setUpVault(made);
  const dataKey = made.core.services.custody.copyDataKey();
  await made.core.close();
  made.core = createCore({ dataDir: made.dir, clock: made.clock, kdf: TEST_KDF, sweepIntervalMs: null, migrations: source });
  const progress: VaultUpgradeProgress[] = [];
  made.core.events.subscribe((target, event, payload) => {
    if (event === 'vault.upgrading' && target === 'every-window') progress.push(payload as VaultUpgradeProgress);
  });
  return { vault: made, dataKey, progress };
}

function login(v: TestVault) {
  return v.core.router.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }, v.client().caller);
}

function readVault<T>(v: TestVault, dataKey: Buffer, read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(v.dir, VAULT_FILE), { key: dataKey, readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function expectInOrderToTheEnd(progress: readonly VaultUpgradeProgress[]): void {
  expect(progress.length).toBeGreaterThan(3);
  progress.forEach((p, i) => {
    expect(p).toMatchObject({ fromVersion: SCHEMA_VERSION, toVersion: PROBE_VERSION });
    if (i > 0) expect(p.done).toBeGreaterThan(progress[i - 1]?.done ?? Infinity);
  });
  expect(progress[0]?.done).toBe(0);
  const last = progress[progress.length - 1];
  expect(last?.done).toBe(last?.total);
}

describe('upgrading the vault at sign-in', () => {
  it('runs in a worker: the event loop keeps turning, progress arrives in order to the end, and the upgrade is audited', async () => {
    const { vault: v, dataKey, progress } = await vaultBehind(upgradeSource('SLOW_UPGRADE'));
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    const signedIn = await login(v);
    const tookMs = performance.now() - started;
    clearInterval(ticker);

    expect(signedIn.ok).toBe(true);
    expect(tookMs).toBeGreaterThan(1000);
    // On the main thread the same second would have allowed no tick at all.
    expect(ticks).toBeGreaterThan(Math.floor(tookMs / 20 / 4));
    expectInOrderToTheEnd(progress);
    const { version, probes, upgraded } = readVault(v, dataKey, (db) => ({
      version: schemaVersion(db),
      probes: db.prepare('SELECT count(*) AS n FROM upgrade_probe').get(),
      upgraded: db.prepare("SELECT actor_name, details FROM audit_log WHERE action = 'vault.upgraded'").all() as { actor_name: string; details: string }[],
    }));
    expect(version).toBe(PROBE_VERSION);
    expect(probes).toEqual({ n: 20 });
    expect(upgraded).toHaveLength(1);
    const details = JSON.parse(upgraded[0]?.details ?? '{}') as Record<string, number>;
    expect(details).toMatchObject({ fromVersion: SCHEMA_VERSION, toVersion: PROBE_VERSION });
    expect(details.durationMs).toBeGreaterThanOrEqual(1000);
    dataKey.fill(0);
  });

  it('makes two windows signing in at once wait for the same upgrade', async () => {
    const { vault: v, dataKey, progress } = await vaultBehind(upgradeSource('SLOW_UPGRADE'));
    const [first, second] = await Promise.all([login(v), login(v)]);
    expect(first.ok && second.ok).toBe(true);
    expect(v.core.services.custody.upgrade.upgradesStarted).toBe(1);
    expectInOrderToTheEnd(progress);
    const upgraded = readVault(v, dataKey, (db) => db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'vault.upgraded'").get());
    expect(upgraded).toEqual({ n: 1 });
    // Signing in again once it is open starts nothing more.
    expect((await login(v)).ok).toBe(true);
    expect(v.core.services.custody.upgrade.upgradesStarted).toBe(1);
    dataKey.fill(0);
  });

  it('leaves the vault at its old version with its data when a migration fails, and the sign-in says so', async () => {
    const { vault: v, dataKey, progress } = await vaultBehind(upgradeSource('FAILING_UPGRADE'));
    const before = readVault(v, dataKey, (db) => ({
      settings: db.prepare('SELECT count(*) AS n FROM settings').get(),
      users: db.prepare('SELECT display_name FROM users').all(),
      audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    }));
    const error = await vigilErrorOf(v.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }));
    expect(error).toBeInstanceOf(VigilError);
    expect(error.code).toBe('VAULT_UPGRADE_FAILED');
    expect(error.details).toMatchObject({ fromVersion: SCHEMA_VERSION, toVersion: PROBE_VERSION });
    expect(v.core.services.custody.isOpen).toBe(false);
    // The windows showing the bar are told it is over.
    expect(progress[progress.length - 1]).toMatchObject({ fromVersion: SCHEMA_VERSION, toVersion: PROBE_VERSION, failed: true });
    const after = readVault(v, dataKey, (db) => ({
      version: schemaVersion(db),
      probeTable: db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'upgrade_probe'").get(),
      settings: db.prepare('SELECT count(*) AS n FROM settings').get(),
      users: db.prepare('SELECT display_name FROM users').all(),
      audit: db.prepare('SELECT count(*) AS n FROM audit_log').get(),
    }));
    expect(after).toEqual({ version: SCHEMA_VERSION, probeTable: { n: 0 }, ...before });
    expect(after.users).toEqual([{ display_name: ADMIN.displayName }]);
    // This version of Vigil (the shipped list) still opens it.
    await v.core.close();
    v.core = createCore({ dataDir: v.dir, clock: v.clock, kdf: TEST_KDF, sweepIntervalMs: null });
    expect((await login(v)).ok).toBe(true);
    dataKey.fill(0);
  });

  it('opens a vault already at the latest schema without starting a worker', async () => {
    const made = makeTestVault();
    vault = made;
    await setUpVault(made);
    made.restart();
    expect((await login(made)).ok).toBe(true);
    expect(made.core.services.custody.upgrade.upgradesStarted).toBe(0);
  });
});
