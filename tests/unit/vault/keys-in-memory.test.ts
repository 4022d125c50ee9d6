// What is left of the data key in memory once the vault locks: every Buffer Vigil hands the key in
// is zeroed, and the key never becomes a JS string (which could not be zeroed).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../../src-main/store/database';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (dirs.length) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-keys-'));
  dirs.push(dir);
  return join(dir, 'vault.db');
}

const isZero = (buffer: Buffer) => buffer.every((byte) => byte === 0);

describe('keys in memory', () => {
  it('keys the database from a Buffer it zeroes, never from a string holding the key', () => {
    const pragmas = vi.spyOn(Database.prototype, 'pragma');
    const keyed: Buffer[] = [];
    const realKey = Database.prototype.key;
    const spy = vi.spyOn(Database.prototype, 'key').mockImplementation(function (this: Database.Database, buffer: Buffer) {
      keyed.push(buffer);
      return realKey.call(this, buffer);
    });
    const dataKey = randomBytes(32);
    const hex = dataKey.toString('hex');
    const path = tempDb();

    const db = openDatabase(path, { key: dataKey });
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    // The same key opens it again (the raw-key form, not a passphrase run through a KDF) and a wrong one does not.
    const again = openDatabase(path, { key: dataKey });
    expect(again.prepare('SELECT x FROM t').get()).toEqual({ x: 1 });
    again.close();
    expect(() => openDatabase(path, { key: randomBytes(32) })).toThrow(/cannot be opened/);

    expect(spy).toHaveBeenCalled();
    expect(keyed.length).toBeGreaterThan(0);
    for (const buffer of keyed) expect(isZero(buffer)).toBe(true);
    for (const call of pragmas.mock.calls) expect(String(call[0]).toLowerCase()).not.toContain(hex);
  });

  it('opens a vault written by a version that keyed it with PRAGMA key', () => {
    const dataKey = randomBytes(32);
    const path = tempDb();
    const old = new Database(path);
    old.pragma(`cipher='sqlcipher'`);
    old.pragma('legacy=4');
    old.pragma(`key="x'${dataKey.toString('hex')}'"`);
    old.exec('CREATE TABLE t (x); INSERT INTO t VALUES (42)');
    old.close();
    const db = openDatabase(path, { key: dataKey });
    expect(db.prepare('SELECT x FROM t').get()).toEqual({ x: 42 });
    db.close();
  });
});
