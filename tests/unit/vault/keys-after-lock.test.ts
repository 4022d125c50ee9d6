// Once the last session locks, every Buffer that held the data key or a key derived from it for the
// open vault is zeroed: the key handed to custody, the raw-key bytes handed to SQLite, the audit
// anchor's HMAC key.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Crypto from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';

const anchorKeys: ArrayBuffer[] = [];

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  const hkdfSync = (...args: Parameters<typeof actual.hkdfSync>) => {
    const out = actual.hkdfSync(...args);
    if (args[3] === 'vigil audit anchor v1') anchorKeys.push(out);
    return out;
  };
  return { ...actual, default: { ...actual, hkdfSync }, hkdfSync };
});

const { makeTestVault, setUpVault } = await import('../support/test-core');
const { VaultCustody } = await import('../../../src-main/vault/custody');
const { AuditAnchor } = await import('../../../src-main/audit/audit-anchor');
type TestVault = Awaited<ReturnType<typeof makeTestVault>>;

let vault: TestVault | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  anchorKeys.length = 0;
  vault?.dispose();
});

const isZero = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

describe('keys after lock', () => {
  it('zeroes the data key, the raw key given to SQLite and the anchor key when the last session locks', async () => {
    const custodyKeys: Buffer[] = [];
    const realUnlock = VaultCustody.prototype.unlock;
    vi.spyOn(VaultCustody.prototype, 'unlock').mockImplementation(function (this: InstanceType<typeof VaultCustody>, dataKey: Buffer) {
      custodyKeys.push(dataKey);
      return realUnlock.call(this, dataKey) as ReturnType<typeof realUnlock>;
    });
    const sqliteKeys: Buffer[] = [];
    const realKey = Database.prototype.key;
    vi.spyOn(Database.prototype, 'key').mockImplementation(function (this: Database.Database, key: Buffer) {
      sqliteKeys.push(key);
      return realKey.call(this, key);
    });

    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('users.create', { username: 'ann', displayName: 'Ann', role: 'analyst' });
    expect(vault.core.services.custody.isOpen).toBe(true);
    expect(custodyKeys.length).toBeGreaterThan(0);
    expect(anchorKeys.length).toBeGreaterThan(0);
    // While open, the vault's own key and the anchor key are live.
    expect(custodyKeys.some((key) => !isZero(key))).toBe(true);
    expect(anchorKeys.some((key) => !isZero(new Uint8Array(key)))).toBe(true);

    await admin.invoke('auth.lock', {});
    expect(vault.core.services.custody.isOpen).toBe(false);
    for (const key of custodyKeys) expect(isZero(key)).toBe(true);
    for (const key of sqliteKeys) expect(isZero(key)).toBe(true);
    for (const key of anchorKeys) expect(isZero(new Uint8Array(key))).toBe(true);
  });

  it('still closes the vault and zeroes its key when the anchor cannot be written at lock (disk full)', async () => {
    const custodyKeys: Buffer[] = [];
    const realUnlock = VaultCustody.prototype.unlock;
    vi.spyOn(VaultCustody.prototype, 'unlock').mockImplementation(function (this: InstanceType<typeof VaultCustody>, dataKey: Buffer) {
      custodyKeys.push(dataKey);
      return realUnlock.call(this, dataKey) as ReturnType<typeof realUnlock>;
    });
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    await admin.invoke('users.create', { username: 'ann', displayName: 'Ann', role: 'analyst' });
    vi.spyOn(AuditAnchor.prototype, 'write').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    await admin.invoke('auth.lock', {});
    expect(vault.core.services.custody.isOpen).toBe(false);
    for (const key of custodyKeys) expect(isZero(key)).toBe(true);
    for (const key of anchorKeys) expect(isZero(new Uint8Array(key))).toBe(true);
  });
});
