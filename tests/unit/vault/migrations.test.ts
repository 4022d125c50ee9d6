import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { migrate, schemaVersion } from '../../../src-main/store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { VigilError } from '../../../src-shared/errors';
import { alertFingerprint } from '../../../src-main/alerts/fingerprint';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';

let dir: string;
let db: SqliteDatabase | null = null;
let vault: TestVault | null = null;
afterEach(() => {
  db?.close();
  db = null;
  vault?.dispose();
  vault = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function freshDatabase(): SqliteDatabase {
  dir = mkdtempSync(join(tmpdir(), 'vigil-migrate-'));
  db = openDatabase(join(dir, 'v.db'), { key: randomBytes(32) });
  return db;
}

describe('migrations', () => {
  it('bring an empty vault to the latest schema and are idempotent', () => {
    const database = freshDatabase();
    expect(migrate(database, MIGRATIONS)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(migrate(database, MIGRATIONS)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(schemaVersion(database)).toBe(SCHEMA_VERSION);
  });

  it('carry a vault written by the previous schema forward with its data', () => {
    const database = freshDatabase();
    migrate(database, MIGRATIONS.slice(0, -1));
    database.prepare("INSERT INTO settings (key, value, updated_at, updated_hlc, origin_device) VALUES ('kept', '42', 1, '', 'd')").run();
    // The previous schema is the one before the last migration (versions increase, not always by one).
    expect(migrate(database, MIGRATIONS)).toEqual({ from: MIGRATIONS[MIGRATIONS.length - 2]?.version, to: SCHEMA_VERSION });
    expect(database.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: '42' });
  });

  it('v18 gives rule-less alerts the fingerprint of their detection and leaves alerts with a rule as they were', () => {
    const database = freshDatabase();
    migrate(database, MIGRATIONS.filter((m) => m.version < 18));
    const at = Date.UTC(2026, 4, 1, 9, 20);
    database.prepare(`INSERT INTO entities (id, kind, value, first_seen_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
      VALUES ('e1', 'account', 'u-7', 1, 1, 1, 1, '', 'd')`).run();
    const insert = database.prepare(`INSERT INTO alerts (id, source, rule, title, severity, fingerprint, primary_entity_id, occurred_at, last_seen_at,
      created_at, updated_at, updated_hlc, origin_device) VALUES (?, 'bank', ?, ?, 'high', ?, ?, ?, ?, 1, 1, '', 'd')`);
    insert.run('a1', null, 'Login  burst', 'old-ruleless', 'e1', at, at + 60_000);
    insert.run('a2', null, 'Payout change', 'old-ruleless-2', null, at, at);
    insert.run('a3', 'payout-change', 'Payout change', 'old-with-rule', 'e1', at, at);
    migrate(database, MIGRATIONS);
    const fingerprint = (id: string) => (database.prepare('SELECT fingerprint FROM alerts WHERE id = ?').get(id) as { fingerprint: string }).fingerprint;
    expect(fingerprint('a1')).toBe(alertFingerprint({ source: 'bank', rule: null, title: 'login burst', primaryEntity: 'account:u-7', occurredAt: at }));
    expect(fingerprint('a2')).toBe(alertFingerprint({ source: 'bank', rule: null, title: 'Payout change', primaryEntity: null, occurredAt: at }));
    expect(fingerprint('a3')).toBe('old-with-rule');
  });

  it('roll back every pending step when one fails', () => {
    const database = freshDatabase();
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(database, broken)).toThrow();
    expect(schemaVersion(database)).toBe(0);
    expect(database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('users', 'ok_table')").get()).toEqual({ n: 0 });
  });

  it('refuse a list whose versions do not increase', () => {
    const database = freshDatabase();
    const first = MIGRATIONS[0];
    if (!first) throw new Error('no migrations');
    expect(() => migrate(database, [first, first])).toThrow(/must increase/);
  });

  it('refuse a vault written by a newer version, without touching it', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    vault.core.services.custody.vault.db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    vault.restart();
    expect(await errorCodeOf(vault.client().invoke('auth.login', { username: ADMIN.username, password: ADMIN.password }))).toBe('VAULT_FROM_FUTURE');
    const database = freshDatabase();
    database.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    try {
      migrate(database, MIGRATIONS);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(VigilError);
      expect((error as VigilError).details).toEqual({ vaultSchema: SCHEMA_VERSION + 1, supportedSchema: SCHEMA_VERSION });
    }
    expect(schemaVersion(database)).toBe(SCHEMA_VERSION + 1);
  });
});
