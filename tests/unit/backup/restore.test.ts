import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { ADMIN, makeTestVault, setUpVault, TEST_KDF, type TestVault } from '../support/test-core';
import { verifyBackupFile } from '../../../src-main/backup/backup-verifier';
import { writeBackupFile } from '../../../src-main/backup/backup-writer';
import { openDatabase } from '../../../src-main/store/database';
import { migrate } from '../../../src-main/store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/store/migrations';
import type { RowContext } from '../../../src-main/store/row-context';
import { createChangeRecorder } from '../../../src-main/store/change-log';
import { createHlcMemory, sharedHlcClock } from '../../../src-main/store/shared-hlc';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { UsersRepository } from '../../../src-main/auth/users-repository';
import { SettingsRepository } from '../../../src-main/settings/settings-repository';
import { KeySlotStore } from '../../../src-main/vault/key-slot-store';
import { uuidv7 } from '../../../src-main/store/ids';
import { ManualClock } from '../../../src-main/platform/clock';
import { RECOVERY_CONFIRMED_KEY } from '../../../src-main/auth/login-service';
import { dumpTables, populatedVault } from './backup-fixtures';

const vaults: TestVault[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (vaults.length) vaults.pop()?.dispose();
  while (dirs.length) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});
function newVault(): TestVault {
  const vault = makeTestVault();
  vaults.push(vault);
  return vault;
}

describe('restore', () => {
  it('brings back every table row for row, logs everyone out and records the restore in the audit', async () => {
    const vault = newVault();
    const { admin } = await populatedVault(vault);
    const listing = await admin.invoke('backup.create', {});
    const dataKey = vault.core.services.custody.copyDataKey();
    const bodyPath = join(vault.dir, 'expected.db');
    await verifyBackupFile(listing.path, { dataKey, expectedVaultId: null, keepBodyAt: bodyPath });
    const expected = dumpTables(bodyPath, dataKey);

    // Change things after the backup: they must be gone after the restore.
    await admin.invoke('users.create', { username: 'after-backup', displayName: 'Later', role: 'viewer' });
    await admin.invoke('demo.generate', { alerts: 50, seed: 9, days: 2 });
    const other = vault.client();
    await other.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });

    const preview = await admin.invoke('backup.previewRestore', { fileName: listing.fileName });
    expect(preview.users).toEqual(['ada', 'canary-b4c9']);
    expect(preview.currentRowCounts.alerts).toBeGreaterThan(preview.backup.manifest.rowCounts.alerts ?? 0);

    const refused = await vault.core.router.invoke('backup.restore', { fileName: listing.fileName, confirmVaultName: 'test vault' }, admin.caller);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const outcome = await admin.invoke('backup.restore', { fileName: listing.fileName, confirmVaultName: 'Test vault' });
    expect(outcome.restoredFrom).toBe(listing.fileName);
    expect(existsSync(join(outcome.preRestorePath, 'vault.db'))).toBe(true);
    expect(readdirSync(vault.dir).filter((n) => n.startsWith('restore-'))).toEqual([]);
    // Everyone is logged out.
    for (const client of [admin, other]) {
      expect(await vault.core.router.invoke('backup.list', {}, client.caller)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    }

    const restored = dumpTables(join(vault.dir, 'vault.db'), dataKey);
    const { audit_log: restoredAudit, change_log: _c1, ...restoredRest } = restored;
    const { audit_log: expectedAudit, change_log: _c2, ...expectedRest } = expected;
    expect(restoredRest).toEqual(expectedRest);
    expect(restoredAudit?.length).toBe((expectedAudit?.length ?? 0) + 1);
    expect(restoredAudit).toEqual(expect.arrayContaining(expectedAudit ?? []));

    const again = vault.client();
    await again.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await again.invoke('users.list', {})).map((u) => u.username).sort()).toEqual(['ada', 'canary-b4c9']);
    const audit = await again.invoke('audit.list', { limit: 50 });
    expect(audit.entries.find((e) => e.action === 'vault.restored')).toMatchObject({ target: listing.fileName, actorName: 'ada' });
    expect((await again.invoke('audit.verify', {})).ok).toBe(true);
    dataKey.fill(0);
  });

  it('restores with the recovery key when every password is lost, even into an empty data directory', async () => {
    const vault = newVault();
    const { admin, recoveryKey } = await setUpVault(vault);
    await admin.invoke('users.create', { username: 'kept-user', displayName: 'Kept', role: 'analyst' });
    const listing = await admin.invoke('backup.create', {});
    const elsewhere = makeTestVault();
    vaults.push(elsewhere);
    const service = elsewhere.core.services.backups;
    await expect(service.restoreWithRecoveryKey(listing.path, 'AAAA-BBBB')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const outcome = await service.restoreWithRecoveryKey(listing.path, recoveryKey);
    expect(outcome.restoredFrom).toBe(listing.fileName);
    const client = elsewhere.client();
    await client.invoke('auth.recover', { username: ADMIN.username, recoveryKey, newPassword: 'a brand new passphrase' });
    expect((await client.invoke('users.list', {})).map((u) => u.username).sort()).toEqual(['ada', 'kept-user']);
  });

  it('refuses a recovery-key restore of a backup of another vault over this one', async () => {
    const first = newVault();
    const { admin } = await setUpVault(first);
    const second = newVault();
    const { recoveryKey } = await setUpVault(second);
    const otherListing = await (await (async () => {
      const c = second.client();
      await c.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
      return c;
    })()).invoke('backup.create', {});
    await admin.invoke('auth.logout', {});
    await expect(first.core.services.backups.restoreWithRecoveryKey(otherListing.path, recoveryKey))
      .rejects.toMatchObject({ details: { problem: 'other_vault' } });
  });

  it('migrates a backup made by the previous schema version forward', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-old-'));
    dirs.push(dir);
    const clock = new ManualClock();
    const dataKey = randomBytes(32);
    const identity = { vaultId: randomUUID(), vaultName: 'Test vault', dataKeyId: randomUUID() };
    const userId = uuidv7(clock.now());
    const db = openDatabase(join(dir, 'vault.db'), { key: Buffer.from(dataKey) });
    migrate(db, MIGRATIONS.slice(0, -1));
    const row = rowContextBeforeDeviceNumbers(db, () => clock.now());
    new SettingsRepository(db, row).set('vault', identity);
    new SettingsRepository(db, row).set(RECOVERY_CONFIRMED_KEY, true);
    new UsersRepository(db, row).insert({ id: userId, username: ADMIN.username, displayName: 'Ada', role: 'super_admin', mustChangePassword: false });
    const slots = new KeySlotStore(join(dir, 'keyslots.json'), TEST_KDF, clock);
    await slots.create(identity, dataKey, { userId, username: ADMIN.username, password: ADMIN.password });
    const folder = join(dir, 'backups');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const old = await writeBackupFile({ db, databasePath: join(dir, 'vault.db'), dataKey, keySlots: slots.read(), appVersion: '0.0.1' }, folder, { kind: 'manual', createdAt: clock.now() });
    db.close();
    // The schema before the last migration (versions increase, not always by one).
    const previous = MIGRATIONS[MIGRATIONS.length - 2]?.version;
    expect(old.manifest.schemaVersion).toBe(previous);

    // The app opens the vault (migrating it) and restores the old-schema backup.
    const vault = newVault();
    vault.core.close();
    rmSync(vault.dir, { recursive: true, force: true });
    const { cpSync } = await import('node:fs');
    cpSync(dir, vault.dir, { recursive: true });
    vault.restart();
    const admin = vault.client();
    await admin.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const outcome = await admin.invoke('backup.restore', { fileName: old.fileName, confirmVaultName: 'Test vault' });
    expect(outcome).toMatchObject({ schemaMigratedFrom: previous, schemaVersion: SCHEMA_VERSION });
    const again = vault.client();
    await again.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await again.invoke('users.list', {})).map((u) => u.username)).toEqual(['ada']);
    dataKey.fill(0);
  });
});

/** Rows as a build before schema v26 wrote them: the device named by its id (no devices table yet). */
function rowContextBeforeDeviceNumbers(db: SqliteDatabase, now: () => number): RowContext {
  const deviceId = randomUUID();
  const hlcMemory = createHlcMemory();
  const clock = sharedHlcClock(hlcMemory, now);
  return { now, hlc: () => clock.next(), changes: createChangeRecorder(db, deviceId, now), deviceId, device: deviceId, hlcMemory };
}
