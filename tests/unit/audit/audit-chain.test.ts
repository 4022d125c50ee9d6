import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { SqliteDatabase } from '../../../src-main/store/database';

let vault: TestVault;
afterEach(() => vault?.dispose());

/** Plays an attacker who holds the key: lifts the append-only triggers, changes rows, puts them back. */
function tamper(db: SqliteDatabase, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare(sql).run(...params);
  db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
           CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
}

async function vaultWithHistory() {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  for (const name of ['ann', 'bob', 'cat']) await admin.invoke('users.create', { username: name, displayName: name, role: 'analyst' });
  const db = vault.core.services.custody.vault.db;
  return { admin, db };
}

describe('audit hash chain', () => {
  it('verifies an untouched log', async () => {
    const { admin } = await vaultWithHistory();
    const result = await admin.invoke('audit.verify', {});
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(5);
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses updates and deletes through SQL', async () => {
    const { db } = await vaultWithHistory();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('detects an edited row', async () => {
    const { admin, db } = await vaultWithHistory();
    tamper(db, "UPDATE audit_log SET details = '{\"role\":\"viewer\"}' WHERE seq = 3");
    const result = await admin.invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('detects a deleted row', async () => {
    const { admin, db } = await vaultWithHistory();
    tamper(db, 'DELETE FROM audit_log WHERE seq = 2');
    const result = await admin.invoke('audit.verify', {});
    expect(result.ok).toBe(false);
    expect(result.problem?.seq).toBe(3);
  });

  it('detects reordered rows', async () => {
    const { admin, db } = await vaultWithHistory();
    // Swap rows 2 and 3 (their contents, keeping seq in place), as an attacker reordering history would.
    tamper(db, 'UPDATE audit_log SET seq = -2 WHERE seq = 2');
    tamper(db, 'UPDATE audit_log SET seq = 2 WHERE seq = 3');
    tamper(db, 'UPDATE audit_log SET seq = 3 WHERE seq = -2');
    const result = await admin.invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { seq: 2 } });
  });

  it('records the verification itself', async () => {
    const { admin } = await vaultWithHistory();
    await admin.invoke('audit.verify', {});
    const page = await admin.invoke('audit.list', { limit: 5, action: 'audit.verify' });
    expect(page.entries[0]).toMatchObject({ action: 'audit.verify', outcome: 'success', actorName: 'ada' });
  });
});
