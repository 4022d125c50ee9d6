import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { AUDIT_ANCHOR_FILE } from '../../../src-main/audit/audit-anchor';
import { chainHash } from '../../../src-main/audit/audit-chain';
import type { AuditOutcome } from '../../../src-shared/model';

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

/** Plays an attacker who holds the key: lifts the append-only triggers, runs the SQL, puts them back. */
function tamper(db: SqliteDatabase, sql: string): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
           CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
}

async function vaultWithHistory(users = ['ann', 'bob', 'cat']) {
  const vault = newVault();
  const { admin } = await setUpVault(vault);
  for (const name of users) await admin.invoke('users.create', { username: name, displayName: name, role: 'analyst' });
  return { vault, admin };
}

async function signIn(vault: TestVault) {
  const client = vault.client();
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

/** Closes the app and works on vault.db with the key, as someone with a password and their own tools could. */
function offline(vault: TestVault, dataKey: Buffer, work: (db: SqliteDatabase) => void): void {
  vault.core.close();
  const db = openDatabase(join(vault.dir, 'vault.db'), { key: dataKey });
  try {
    work(db);
  } finally {
    db.close();
  }
}

function headSeq(db: SqliteDatabase): number {
  return db.prepare<[], { seq: number }>('SELECT max(seq) AS seq FROM audit_log').get()?.seq ?? 0;
}

describe('audit chain anchor', () => {
  it('verifies clean across restarts and keeps the anchor at the committed head', async () => {
    const { vault, admin } = await vaultWithHistory();
    expect(await admin.invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
    vault.restart();
    const again = await signIn(vault);
    const result = await again.invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.anchoredHead?.seq).toBeGreaterThan(5);
    const page = await again.invoke('audit.list', { limit: 100 });
    expect(page.entries.filter((e) => e.action.startsWith('audit.') && e.action !== 'audit.verify')).toEqual([]);
  });

  it('reports truncation when the last entries are deleted while the vault is open', async () => {
    const { vault, admin } = await vaultWithHistory();
    const db = vault.core.services.custody.vault.db;
    // The attacker acts later, not within the same event-loop turn as the last audited call.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const seq = headSeq(db);
    // Cutting rows off the end leaves a chain that still links from the first row to the new last one.
    tamper(db, `DELETE FROM audit_log WHERE seq > ${seq - 3}`);
    const result = await admin.invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { reason: 'truncated', seq } });
  });

  it('reports truncation found at open when the tail was cut and the chain recomputed offline', async () => {
    const { vault } = await vaultWithHistory();
    const dataKey = vault.core.services.custody.copyDataKey();
    let anchoredSeq = 0;
    offline(vault, dataKey, (db) => {
      anchoredSeq = headSeq(db);
      // Delete an entry in the middle and the tail, then renumber and rehash what is left: a chain that links.
      tamper(db, `DELETE FROM audit_log WHERE seq = 3 OR seq > ${anchoredSeq - 2}`);
      const rows = db.prepare<[], { seq: number }>('SELECT seq FROM audit_log ORDER BY seq').all();
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      let expected = 1;
      for (const row of rows) {
        if (row.seq !== expected) db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(expected, row.seq);
        expected += 1;
      }
      db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
               CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    });
    rehashChain(vault, dataKey);
    vault.restart();
    const admin = await signIn(vault);
    const result = await admin.invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { reason: 'truncated', seq: anchoredSeq } });
    const found = await admin.invoke('audit.list', { limit: 5, action: 'audit.tamper_detected' });
    expect(found.entries[0]).toMatchObject({ outcome: 'failure', details: { reason: 'truncated', anchor: { seq: anchoredSeq } } });
    dataKey.fill(0);
  });

  it('detects an older vault.db put back, on open and in verify', async () => {
    const { vault } = await vaultWithHistory(['ann']);
    vault.core.close();
    const saved = mkdtempSync(join(tmpdir(), 'vigil-old-'));
    dirs.push(saved);
    copyFileSync(join(vault.dir, 'vault.db'), join(saved, 'vault.db'));
    vault.restart();
    const admin = await signIn(vault);
    await admin.invoke('users.create', { username: 'later', displayName: 'Later', role: 'viewer' });
    vault.core.close();
    for (const name of ['vault.db-wal', 'vault.db-shm']) rmSync(join(vault.dir, name), { force: true });
    copyFileSync(join(saved, 'vault.db'), join(vault.dir, 'vault.db'));
    vault.restart();

    const back = await signIn(vault);
    const result = await back.invoke('audit.verify', {});
    expect(result.ok).toBe(false);
    expect(result.problem?.reason).toBe('truncated');
    const found = await back.invoke('audit.list', { limit: 5, action: 'audit.tamper_detected' });
    expect(found.entries).toHaveLength(1);
    // The finding stays: going on with the vault and reopening it does not make it verify clean.
    for (const name of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6']) await back.invoke('users.create', { username: name, displayName: name, role: 'viewer' });
    vault.restart();
    const later = await signIn(vault);
    const again = await later.invoke('audit.verify', {});
    expect(again.ok).toBe(false);
    expect(['truncated', 'rolled_back']).toContain(again.problem?.reason);
  });

  it('reports a rollback when the vault put back went on with a different history past the anchor', async () => {
    const { vault } = await vaultWithHistory(['ann']);
    vault.core.close();
    // A copy of the data folder taken now, used elsewhere (its own anchor), then its vault.db brought back.
    const elsewhere = mkdtempSync(join(tmpdir(), 'vigil-fork-'));
    dirs.push(elsewhere);
    for (const name of ['vault.db', 'keyslots.json']) copyFileSync(join(vault.dir, name), join(elsewhere, name));
    vault.restart();
    const admin = await signIn(vault);
    await admin.invoke('users.create', { username: 'here', displayName: 'Here', role: 'viewer' });
    vault.core.close();

    const fork = makeTestVault({ dataDir: elsewhere });
    vaults.push(fork);
    const forkAdmin = await signIn(fork);
    for (const name of ['f1', 'f2', 'f3', 'f4']) await forkAdmin.invoke('users.create', { username: name, displayName: name, role: 'viewer' });
    fork.core.close();
    for (const name of ['vault.db-wal', 'vault.db-shm']) rmSync(join(vault.dir, name), { force: true });
    copyFileSync(join(elsewhere, 'vault.db'), join(vault.dir, 'vault.db'));
    vault.restart();

    const back = await signIn(vault);
    const result = await back.invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: false, problem: { reason: 'rolled_back' } });
  });

  it('reports an anchor file that was edited', async () => {
    const { vault } = await vaultWithHistory(['ann']);
    vault.core.close();
    const path = join(vault.dir, AUDIT_ANCHOR_FILE);
    const anchor = JSON.parse(readFileSync(path, 'utf8')) as { head: { seq: number } };
    anchor.head.seq += 10;
    writeFileSync(path, JSON.stringify(anchor));
    vault.restart();
    const admin = await signIn(vault);
    expect(await admin.invoke('audit.verify', {})).toMatchObject({ ok: false, problem: { reason: 'anchor_invalid' } });
  });

  it('re-creates a deleted anchor in the open: the log says so', async () => {
    const { vault } = await vaultWithHistory(['ann']);
    vault.core.close();
    rmSync(join(vault.dir, AUDIT_ANCHOR_FILE));
    vault.restart();
    const admin = await signIn(vault);
    expect((await admin.invoke('audit.verify', {})).ok).toBe(true);
    const created = await admin.invoke('audit.list', { limit: 5, action: 'audit.anchor_created' });
    expect(created.entries).toHaveLength(1);
    expect(existsSync(join(vault.dir, AUDIT_ANCHOR_FILE))).toBe(true);
  });
});

/** Recomputes every prev_hash and hash so the edited chain links again, as a careful attacker would. */
function rehashChain(vault: TestVault, dataKey: Buffer): void {
  const db = openDatabase(join(vault.dir, 'vault.db'), { key: dataKey });
  try {
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const rows = db.prepare<[], Record<string, unknown> & { seq: number }>('SELECT * FROM audit_log ORDER BY seq').all();
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const hash = chainHashOf(prev, row);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
             CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
  } finally {
    db.close();
  }
}

function chainHashOf(prev: string, row: Record<string, unknown> & { seq: number }): string {
  return chainHash(prev, {
    seq: row.seq, id: String(row.id), at: Number(row.at), actorId: (row.actor_id as string | null), actorName: (row.actor_name as string | null),
    action: String(row.action), target: (row.target as string | null), outcome: row.outcome as AuditOutcome, details: String(row.details),
    originDevice: String(row.origin_device),
  });
}

describe('closing with an anchor write in flight', () => {
  // A command exits, or a test removes the directory, once close settles: a write that lands after that
  // recreates files in a folder being deleted (rm failed with ENOTEMPTY in CI).
  it('settles only when the background anchor write is finished: nothing in the folder changes after', async () => {
    const { vault, admin } = await vaultWithHistory([]);
    await admin.invoke('users.create', { username: 'dan', displayName: 'dan', role: 'analyst' });
    // The flush runs in the turn after the append: the background write (fsync, temp file, rename) starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await vault.core.close();
    const changes: string[] = [];
    const watcher = watch(vault.dir, (event, name) => changes.push(`${event} ${String(name)}`));
    try {
      await new Promise<void>((resolve) => setTimeout(resolve, 300));
    } finally {
      watcher.close();
    }
    expect(changes).toEqual([]);
  });
});

describe('audit chain anchor across a restore', () => {
  it('verifies clean after a restore, and the log names the head of the history the restore set aside', async () => {
    const { vault, admin } = await vaultWithHistory(['ann']);
    const listing = await admin.invoke('backup.create', {});
    await admin.invoke('users.create', { username: 'after-backup', displayName: 'Later', role: 'viewer' });
    const dataKey = vault.core.services.custody.copyDataKey();
    const outcome = await admin.invoke('backup.restore', { fileName: listing.fileName, confirmVaultName: 'Test vault' });

    const aside = openDatabase(join(outcome.preRestorePath, 'vault.db'), { key: dataKey, readonly: true });
    const discarded = aside.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    aside.close();
    dataKey.fill(0);
    expect(discarded?.seq).toBeGreaterThan(0);

    const again = await signIn(vault);
    expect(await again.invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
    const replaced = await again.invoke('audit.list', { limit: 5, action: 'audit.history_replaced' });
    expect(replaced.entries).toHaveLength(1);
    expect(replaced.entries[0]?.details).toMatchObject({ replacedHead: discarded });
    // And it stays clean across a restart: the anchor moved with the restore.
    vault.restart();
    const later = await signIn(vault);
    expect(await later.invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
  });

  it('detects the vault from before the restore put back over the restored one', async () => {
    const { vault, admin } = await vaultWithHistory(['ann']);
    const listing = await admin.invoke('backup.create', {});
    await admin.invoke('users.create', { username: 'after-backup', displayName: 'Later', role: 'viewer' });
    const outcome = await admin.invoke('backup.restore', { fileName: listing.fileName, confirmVaultName: 'Test vault' });
    const first = await signIn(vault);
    await first.invoke('users.create', { username: 'after-restore', displayName: 'After', role: 'viewer' });
    vault.core.close();
    for (const name of ['vault.db-wal', 'vault.db-shm']) rmSync(join(vault.dir, name), { force: true });
    copyFileSync(join(outcome.preRestorePath, 'vault.db'), join(vault.dir, 'vault.db'));
    vault.restart();
    const back = await signIn(vault);
    expect((await back.invoke('audit.verify', {})).ok).toBe(false);
  });
});

describe('audit chain anchor and transactions', () => {
  it('does not report rows that a rolled-back transaction appended and took back', async () => {
    const { vault, admin } = await vaultWithHistory(['ann']);
    const { db, repositories } = vault.core.services.custody.vault;
    expect(() => db.transaction(() => {
      repositories.audit.append({ actor: { id: null, name: 'test' }, action: 'test.rolled_back', outcome: 'success' });
      throw new Error('the audited change failed');
    })()).toThrow(/audited change failed/);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(await admin.invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
    vault.restart();
    expect(await (await signIn(vault)).invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
  });

  it('never anchors rows of a transaction held open across awaits, which may still roll back', async () => {
    const { vault, admin } = await vaultWithHistory(['ann']);
    const { db, repositories } = vault.core.services.custody.vault;
    const before = headSeq(db);
    db.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 3; i += 1) {
      repositories.audit.append({ actor: { id: null, name: 'test' }, action: 'test.in_transaction', outcome: 'success' });
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
    }
    db.exec('ROLLBACK');
    expect(headSeq(db)).toBe(before);
    expect(await admin.invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
    vault.restart();
    expect(await (await signIn(vault)).invoke('audit.verify', {})).toMatchObject({ ok: true, problem: null });
  });
});
