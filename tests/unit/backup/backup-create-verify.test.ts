import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { filesContaining } from '../support/vault-files';
import { openDatabase } from '../../../src-main/store/database';
import { verifyBackupFile } from '../../../src-main/backup/backup-verifier';
import { countRows } from '../../../src-main/backup/backup-body';
import { encodeFooter, readFooter } from '../../../src-main/backup/backup-file';
import { CANARY, populatedVault } from './backup-fixtures';

const vaults: TestVault[] = [];
afterEach(() => { while (vaults.length) vaults.pop()?.dispose(); });
function newVault(): TestVault {
  const vault = makeTestVault();
  vaults.push(vault);
  return vault;
}

async function backedUp() {
  const vault = newVault();
  const { admin } = await populatedVault(vault);
  const listing = await admin.invoke('backup.create', {});
  return { vault, admin, listing };
}

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x5a;
  writeFileSync(path, bytes);
}

describe('a backup', () => {
  it('is listed with a manifest whose row counts equal the vault, and verifies', async () => {
    const { vault, admin, listing } = await backedUp();
    const live = countRows(vault.core.services.custody.vault.db);
    // The backup call itself wrote an audit row after the copy was taken.
    expect(listing.manifest.rowCounts.alerts).toBe(live.alerts);
    expect(listing.manifest.rowCounts.alerts).toBeGreaterThanOrEqual(200);
    expect(listing.manifest.rowCounts.users).toBe(2);
    expect(listing.manifest.schemaVersion).toBeGreaterThanOrEqual(4);
    expect(listing.manifest.vaultName).toBe('Test vault');
    expect(listing.manifest.auditHeadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await admin.invoke('backup.list', {})).toEqual([expect.objectContaining({ fileName: listing.fileName, verifiedOk: true })]);
    const verdict = await admin.invoke('backup.verify', { fileName: listing.fileName });
    expect(verdict).toMatchObject({ ok: true, problem: null });
    expect(verdict.manifest?.rowCounts).toEqual(listing.manifest.rowCounts);
  });

  it('counts the full-text tables\' shadow tables, not the virtual tables, and still checks a virtual table a manifest lists', async () => {
    const { vault, listing } = await backedUp();
    const { rowCounts } = listing.manifest;
    // The shadow tables hold what the index holds; counting the virtual table would read every alert again.
    expect(rowCounts).toHaveProperty('alerts_fts_data');
    expect(rowCounts).not.toHaveProperty('alerts_fts');
    // A manifest written before counted virtual tables too: the verification counts what it lists.
    const dataKey = vault.core.services.custody.copyDataKey();
    const vaultId = vault.core.services.keySlots.identity().vaultId;
    const body = readFileSync(listing.path).subarray(0, listing.manifest.bodyLength);
    const older = (alertsFts: number) => {
      const path = join(vault.dir, `older-${alertsFts}.vigilbk`);
      const manifest = { ...readFooter(listing.path).manifest, rowCounts: { ...rowCounts, alerts_fts: alertsFts } };
      writeFileSync(path, Buffer.concat([body, encodeFooter(manifest, dataKey)]));
      return path;
    };
    const alerts = rowCounts.alerts ?? 0;
    expect((await verifyBackupFile(older(alerts), { dataKey, expectedVaultId: vaultId })).contents.rowCounts.alerts_fts).toBe(alerts);
    await expect(verifyBackupFile(older(alerts + 1), { dataKey, expectedVaultId: vaultId }))
      .rejects.toMatchObject({ details: { problem: 'row_counts', tables: ['alerts_fts'] } });
  });

  it('never holds a canary or an SQLite plaintext header in any byte', async () => {
    const { vault } = await backedUp();
    const folder = vault.core.services.backups.settings().folder;
    expect(readdirSync(folder).length).toBe(1);
    expect(filesContaining(folder, CANARY)).toEqual([]);
    expect(filesContaining(folder, CANARY.toLowerCase())).toEqual([]);
    expect(filesContaining(folder, 'canary-b4c9')).toEqual([]);
    expect(filesContaining(folder, 'SQLite format 3')).toEqual([]);
    // And the canary really is in the vault (the test could fail).
    const db = vault.core.services.custody.vault.db;
    expect(db.prepare('SELECT count(*) AS n FROM users WHERE display_name = ?').get(CANARY)).toEqual({ n: 1 });
  });

  it('refuses a backup whose body has a flipped byte', async () => {
    const { admin, listing } = await backedUp();
    flipByte(listing.path, Math.floor(listing.manifest.bodyLength / 2));
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName })).toMatchObject({ ok: false, problem: 'body_hash' });
    expect(await admin.invoke('backup.list', {})).toEqual([expect.objectContaining({ verifiedOk: false })]);
  });

  it('refuses a backup whose manifest was edited', async () => {
    const { admin, listing } = await backedUp();
    const bytes = readFileSync(listing.path);
    const text = bytes.toString('latin1');
    const at = text.lastIndexOf('"users":2');
    expect(at).toBeGreaterThan(listing.manifest.bodyLength);
    bytes[at + '"users":'.length] = '3'.charCodeAt(0);
    writeFileSync(listing.path, bytes);
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName })).toMatchObject({ ok: false, problem: 'manifest_tampered' });
  });

  it('refuses a truncated backup, and does not list it', async () => {
    const { admin, listing } = await backedUp();
    truncateSync(listing.path, listing.sizeBytes - 100);
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName })).toMatchObject({ ok: false, problem: 'not_a_backup' });
    expect(await admin.invoke('backup.list', {})).toEqual([]);
  });

  it('refuses a backup of another vault', async () => {
    const { vault, admin, listing } = await backedUp();
    const other = newVault();
    const { admin: otherAdmin } = await setUpVault(other);
    const otherListing = await otherAdmin.invoke('backup.create', {});
    copyFileSync(otherListing.path, join(vault.core.services.backups.settings().folder, otherListing.fileName));
    const verdict = await admin.invoke('backup.verify', { fileName: otherListing.fileName });
    expect(verdict).toMatchObject({ ok: false, problem: 'other_vault' });
    expect(verdict.message).toMatch(/another vault/);
    expect(listing.fileName).not.toBe(otherListing.fileName);
  });

  it('refuses a wrong data key before decrypting anything', async () => {
    const { listing } = await backedUp();
    await expect(verifyBackupFile(listing.path, { dataKey: randomBytes(32), expectedVaultId: null }))
      .rejects.toMatchObject({ code: 'VALIDATION', details: { problem: 'wrong_key' } });
  });

  it('has a body that opens only with the data key', async () => {
    const { vault, listing } = await backedUp();
    const body = join(vault.dir, 'body-only.db');
    writeFileSync(body, readFileSync(listing.path).subarray(0, listing.manifest.bodyLength));
    expect(() => openDatabase(body, { key: null, readonly: true })).toThrow(/cannot be opened/);
    const db = openDatabase(body, { key: vault.core.services.custody.copyDataKey(), readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: listing.manifest.rowCounts.alerts });
    db.close();
  });

  it('is refused to roles without admin_access, and to paths from a window', async () => {
    const vault = newVault();
    const { admin } = await setUpVault(vault);
    const listing = await admin.invoke('backup.create', {});
    const result = await vault.core.router.invoke('backup.verify', { path: listing.path }, admin.caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const traversal = await vault.core.router.invoke('backup.verify', { fileName: '../vault.db' }, admin.caller);
    expect(traversal).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
