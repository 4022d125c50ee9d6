// Page authentication: every page's SQLCipher HMAC checked under the data key without SQLite, free
// pages included. Checked against the library (the layout it assumes is the one the library writes),
// on backup bodies with one flipped byte in several places, and beside SQLite's integrity_check,
// which never reads a free-list leaf page (that is why backups authenticate pages).
import { afterEach, describe, expect, it } from 'vitest';
import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestVault, type TestVault } from '../support/test-core';
import { openDatabase } from '../../../src-main/store/database';
import { verifyBackupFile } from '../../../src-main/backup/backup-verifier';
import { encodeFooter, readFooter } from '../../../src-main/backup/backup-file';
import {
  authenticatePages, LOCK_BYTE_PAGE, SQLCIPHER_HMAC_BYTES, SQLCIPHER_IV_BYTES, SQLCIPHER_PAGE_BYTES, SQLCIPHER_SALT_BYTES,
} from '../../../src-main/backup/page-authenticator';
import { populatedVault } from './backup-fixtures';

const PAGE = SQLCIPHER_PAGE_BYTES;
const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()?.(); });

function newVault(): TestVault {
  const vault = makeTestVault();
  cleanups.push(() => vault.dispose());
  return vault;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pages-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Page `pgno` of a SQLCipher file decrypted with the raw key (AES-256-CBC, IV from the page's reserve). */
function decryptPage(file: Buffer, pgno: number, dataKey: Buffer): Buffer {
  const page = file.subarray((pgno - 1) * PAGE, pgno * PAGE);
  const end = PAGE - SQLCIPHER_HMAC_BYTES - SQLCIPHER_IV_BYTES;
  const iv = page.subarray(end, end + SQLCIPHER_IV_BYTES);
  const from = pgno === 1 ? SQLCIPHER_SALT_BYTES : 0;
  const decipher = createDecipheriv('aes-256-cbc', dataKey, iv).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(page.subarray(from, end)), decipher.final()]);
  // Same offsets as the page: page 1's salt stands where the header's first 16 bytes were.
  return Buffer.concat([Buffer.alloc(from), plain]);
}

/** The free-list leaf pages of a SQLCipher file (header offset 32: first trunk; a trunk: next, count, leaves). */
function freeListLeaves(file: Buffer, dataKey: Buffer): number[] {
  const leaves: number[] = [];
  for (let trunk = decryptPage(file, 1, dataKey).readUInt32BE(32); trunk !== 0;) {
    const page = decryptPage(file, trunk, dataKey);
    const count = page.readUInt32BE(4);
    for (let i = 0; i < count; i += 1) leaves.push(page.readUInt32BE(8 + i * 4));
    trunk = page.readUInt32BE(0);
  }
  return leaves;
}

/** What integrity_check says: its lines, or the error it stopped with (SQLITE_CORRUPT on a page that fails its HMAC). */
function integrityOf(db: ReturnType<typeof openDatabase>): string[] {
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

function flipped(source: string, dir: string, offset: number): string {
  const target = join(dir, `flipped-${offset}.vigilbk`);
  copyFileSync(source, target);
  const bytes = readFileSync(target);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
  writeFileSync(target, bytes);
  return target;
}

/** A populated vault with free pages in it: rows deleted, never vacuumed. */
async function vaultWithFreePages() {
  const vault = newVault();
  const { admin } = await populatedVault(vault);
  const db = vault.core.services.custody.vault.db;
  db.exec('CREATE TABLE scratch_rows (body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO scratch_rows (body) VALUES (?)');
  db.transaction(() => { for (let i = 0; i < 120; i += 1) insert.run(randomBytes(3000)); })();
  db.exec('DELETE FROM scratch_rows');
  // The vault is never vacuumed: the pages stay, on the free list.
  expect(db.pragma('freelist_count', { simple: true })).toBeGreaterThan(100);
  const dataKey = vault.core.services.custody.copyDataKey();
  cleanups.push(() => dataKey.fill(0));
  return { vault, admin, db, dataKey, vaultId: vault.core.services.keySlots.identity().vaultId };
}

describe('page authentication', () => {
  it('accepts every page the library wrote, under the layout the library uses, and nothing under another key', async () => {
    const dir = tempDir();
    const path = join(dir, 'small.db');
    const dataKey = randomBytes(32);
    const db = openDatabase(path, { key: dataKey });
    db.exec('CREATE TABLE t (x BLOB)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => { for (let i = 0; i < 300; i += 1) insert.run(randomBytes(500)); })();
    // The settings page-authenticator.ts assumes, as this build reports them.
    expect(Number(db.pragma('page_size', { simple: true }))).toBe(PAGE);
    expect(Number(db.pragma('hmac_algorithm', { simple: true }))).toBe(2); // SHA512
    expect(Number(db.pragma('hmac_pgno', { simple: true }))).toBe(1); // little-endian
    expect(Number(db.pragma('hmac_salt_mask', { simple: true }))).toBe(0x3a);
    expect(Number(db.pragma('fast_kdf_iter', { simple: true }))).toBe(2);
    expect(Number(db.pragma('plaintext_header_size', { simple: true }))).toBe(0);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();

    const bytes = readFileSync(path);
    // The raw key is the AES key and the page size is where SQLite's header keeps it (offset 16).
    expect(decryptPage(bytes, 1, dataKey).readUInt16BE(16)).toBe(PAGE);
    expect(await authenticatePages(path, bytes.length, dataKey)).toEqual({ pages, firstBadPage: null });
    expect(await authenticatePages(path, bytes.length, randomBytes(32))).toEqual({ pages, firstBadPage: 1 });
    // A body cut short names its last, partial page.
    expect(await authenticatePages(path, bytes.length - 100, dataKey)).toEqual({ pages, firstBadPage: pages });
  });

  it('skips the lock-byte page SQLite never writes (a hole in any vault above 1 GiB), and no other page', async () => {
    expect(LOCK_BYTE_PAGE).toBe(0x40000000 / PAGE + 1);
    const dir = tempDir();
    const path = join(dir, 'holed.db');
    const dataKey = randomBytes(32);
    const db = openDatabase(path, { key: dataKey });
    db.exec('CREATE TABLE t (x BLOB)');
    db.transaction(() => { for (let i = 0; i < 100; i += 1) db.prepare('INSERT INTO t VALUES (?)').run(randomBytes(500)); })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    const pages = bytes.length / PAGE;
    const hole = Math.floor(pages / 2);
    bytes.fill(0, (hole - 1) * PAGE, hole * PAGE);
    writeFileSync(path, bytes);
    expect(await authenticatePages(path, bytes.length, dataKey)).toEqual({ pages, firstBadPage: hole });
    expect(await authenticatePages(path, bytes.length, dataKey, { lockBytePage: hole })).toEqual({ pages, firstBadPage: null });
    expect(await authenticatePages(path, bytes.length, dataKey, { lockBytePage: hole + 1 })).toEqual({ pages, firstBadPage: hole });
  });

  it('refuses a backup body with one flipped byte, wherever it is, and names the page', async () => {
    const { admin, dataKey, vaultId } = await vaultWithFreePages();
    const listing = await admin.invoke('backup.create', {});
    const { bodyLength } = listing.manifest;
    const body = readFileSync(listing.path).subarray(0, bodyLength);
    const leaves = freeListLeaves(body, dataKey);
    expect(leaves.length).toBeGreaterThan(100);
    const freeLeaf = leaves[Math.floor(leaves.length / 2)] ?? 0;
    const lastPage = bodyLength / PAGE;
    const places: [string, number, number][] = [
      ['page 1, just past the SQLite header', 100, 1],
      ['the first page after the header page', PAGE + 10, 2],
      ['the middle of the file', Math.floor(bodyLength / 2), Math.floor(bodyLength / 2 / PAGE) + 1],
      ['a free-list leaf page', (freeLeaf - 1) * PAGE + 1000, freeLeaf],
      ['the last byte of the last page (its HMAC)', bodyLength - 1, lastPage],
    ];
    const dir = tempDir();
    for (const [where, offset, page] of places) {
      const copy = flipped(listing.path, dir, offset);
      const refusal = verifyBackupFile(copy, { dataKey, expectedVaultId: vaultId });
      await expect(refusal, where).rejects.toMatchObject({
        message: expect.stringContaining(`page ${page} fails authentication`) as unknown,
        details: { problem: 'body_hash', badPage: page, checks: ['manifest', 'body_hash', 'pages', 'row_counts'] },
      });
    }
    // The intact backup verifies, and says which checks ran (no structural check on demand).
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName }))
      .toMatchObject({ ok: true, checks: ['manifest', 'body_hash', 'pages', 'row_counts'], badPage: null });
    // Through the service, the refusal names the page too.
    copyFileSync(flipped(listing.path, dir, (freeLeaf - 1) * PAGE + 1000), listing.path);
    expect(await admin.invoke('backup.verify', { fileName: listing.fileName }))
      .toMatchObject({ ok: false, problem: 'body_hash', badPage: freeLeaf, checks: ['manifest', 'body_hash', 'pages', 'row_counts'] });
  });

  it('refuses to seal a backup of a vault whose free page is damaged', async () => {
    const { vault, admin, db, dataKey } = await vaultWithFreePages();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const databasePath = vault.core.services.databasePath;
    const file = readFileSync(databasePath);
    const leaf = freeListLeaves(file, dataKey)[3] ?? 0;
    // SQLite never reads a free page, so the open vault works on; a copy of it would carry the damage.
    const bytes = Buffer.from([file[(leaf - 1) * PAGE + 2000] ?? 0]);
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    const fd = openSync(databasePath, 'r+');
    writeSync(fd, bytes, 0, 1, (leaf - 1) * PAGE + 2000);
    closeSync(fd);
    await expect(admin.invoke('backup.create', {})).rejects.toMatchObject({ details: { problem: 'pages', badPage: leaf } });
    expect(await admin.invoke('backup.list', {})).toEqual([]);
  });
});

describe('SQLite integrity_check alone', () => {
  it('misses a flipped byte in a free-list leaf page, which page authentication catches', async () => {
    const { admin, dataKey, vaultId } = await vaultWithFreePages();
    const listing = await admin.invoke('backup.create', {});
    const { bodyLength } = listing.manifest;
    const dir = tempDir();
    const body = readFileSync(listing.path).subarray(0, bodyLength);
    const leaf = freeListLeaves(body, dataKey)[10] ?? 0;
    const damagedBody = join(dir, 'damaged.db');
    const damaged = Buffer.from(body);
    damaged[(leaf - 1) * PAGE + 1500] = (damaged[(leaf - 1) * PAGE + 1500] ?? 0) ^ 0x01;
    writeFileSync(damagedBody, damaged);

    // In this build SQLite's checks never read the free-list leaves (only the trunk pages listing them).
    const db = openDatabase(damagedBody, { key: dataKey, readonly: true });
    try {
      expect(integrityOf(db)).toEqual(['ok']);
      expect(db.pragma('quick_check')).toEqual([{ quick_check: 'ok' }]);
      // And they are not blind: the same flip in a page of the alerts table is caught.
      const alertsPage = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'alerts' AND pagetype = 'leaf' LIMIT 1").get()?.pageno ?? 0;
      const elsewhere = Buffer.from(body);
      elsewhere[(alertsPage - 1) * PAGE + 1500] = (elsewhere[(alertsPage - 1) * PAGE + 1500] ?? 0) ^ 0x01;
      writeFileSync(join(dir, 'alerts-damaged.db'), elsewhere);
    } finally {
      db.close();
    }
    const other = openDatabase(join(dir, 'alerts-damaged.db'), { key: dataKey, readonly: true });
    try {
      expect(integrityOf(other)).not.toEqual(['ok']);
    } finally {
      other.close();
    }

    // Page authentication names the free page.
    expect(await authenticatePages(damagedBody, bodyLength, dataKey)).toEqual({ pages: bodyLength / PAGE, firstBadPage: leaf });
    await expect(verifyBackupFile(flipped(listing.path, dir, (leaf - 1) * PAGE + 1500), { dataKey, expectedVaultId: vaultId }))
      .rejects.toMatchObject({ details: { badPage: leaf } });
  });
});

describe('verifying a backup whose recorded hash is of a damaged body', () => {
  // Since schema 18 a backup authenticates every page before its manifest records the body's hash,
  // so a hash that matches is of pages already authenticated; an older backup's hash may be of pages
  // nobody checked, and its verification authenticates them.
  it('authenticates the pages again for a backup made before backups did, and names the damaged free page', async () => {
    const { admin, dataKey, vaultId } = await vaultWithFreePages();
    const listing = await admin.invoke('backup.create', {});
    const { bodyLength } = listing.manifest;
    const dir = tempDir();
    const body = Buffer.from(readFileSync(listing.path).subarray(0, bodyLength));
    const leaf = freeListLeaves(body, dataKey)[10] ?? 0;
    body[(leaf - 1) * PAGE + 1500] = (body[(leaf - 1) * PAGE + 1500] ?? 0) ^ 0x01;
    const sealed = (schemaVersion: number) => {
      const path = join(dir, `sealed-${schemaVersion}.vigilbk`);
      const manifest = { ...readFooter(listing.path).manifest, schemaVersion, bodySha256: createHash('sha256').update(body).digest('hex') };
      writeFileSync(path, Buffer.concat([body, encodeFooter(manifest, dataKey)]));
      return path;
    };
    await expect(verifyBackupFile(sealed(17), { dataKey, expectedVaultId: vaultId }))
      .rejects.toMatchObject({ details: { problem: 'pages', badPage: leaf } });
    // A backup of today's format with that hash could only have been sealed over authenticated pages.
    await expect(verifyBackupFile(sealed(listing.manifest.schemaVersion), { dataKey, expectedVaultId: vaultId })).resolves.toBeDefined();
  });
});
