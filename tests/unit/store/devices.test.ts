// Schema v26: rows name their device by the vault's own short number; what leaves the vault (the
// change feed) names it by its id, and a row from before v26 that holds the id reads the same.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { ChangeFeed } from '../../../src-main/store/change-feed';
import { DeviceNumbers } from '../../../src-main/store/devices';

let vault: TestVault;
afterEach(() => vault?.dispose());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('device numbers', () => {
  it('store a number in rows and ship the device id in the feed', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('demo.generate', { alerts: 50, seed: 3, days: 2, investigations: 0 });
    const db = vault.core.services.custody.vault.db;
    const deviceId = vault.core.services.custody.vault.repositories.row.deviceId;
    expect(deviceId).toMatch(UUID);
    expect(db.prepare('SELECT DISTINCT origin_device FROM alerts').pluck().all()).toEqual(['1']);
    expect(db.prepare('SELECT DISTINCT origin_device FROM change_log').pluck().all()).toEqual(['1']);

    const feed = new ChangeFeed(db);
    const entries = feed.read(0, 1_000);
    expect(new Set(entries.map((e) => e.originDevice))).toEqual(new Set([deviceId]));
    const batch = entries.find((e) => e.table === 'alerts' && e.kind === 'batch');
    expect(batch && feed.payload(batch)?.rows.every((r) => r.origin_device === deviceId)).toBe(true);
  });

  it('numbers each device once, and passes an id stored before v26 through', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const devices = new DeviceNumbers(vault.core.services.custody.vault.db);
    const other = '0b5e9a8e-1c1d-4f7e-9d2e-5c8f3b7a6d10';
    const number = devices.numberOf(other);
    expect(number).toBe('2');
    expect(devices.numberOf(other)).toBe('2');
    expect(devices.idOf(number)).toBe(other);
    expect(devices.idOf(other)).toBe(other);
    expect(() => devices.idOf('99')).toThrow('No device number 99');
  });
});
