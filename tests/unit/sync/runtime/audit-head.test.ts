// The audit head a push carries (docs/SYNC.md, "Audit head"): the server keeps each device's newest
// head, and a vault whose log was rewritten after a push (rows deleted, so the head comes back lower
// or with another hash) is recorded as a mismatch at its next push, for the organisation's admins.
// And the rows themselves ("Audit rows"): each round uploads the ones the server does not hold yet,
// and a row the server will not take (a log rewritten beneath what it holds, or edited without its
// chain) stops the uploads and shows on the device.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/support/server-dbs';
import { localAuditHead } from '../../../../src-main/sync/audit-head';
import type { SqliteDatabase } from '../../../../src-main/store/database';
import { readSyncState } from '../../../../src-main/sync/sync-state';
import { SyncHarness, type SyncedVault } from './sync-harness';

const MINUTE = 60_000;

describe.each(DIALECTS)('the audit head in pushes on %s', (dialect) => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  async function storedHead(v: SyncedVault) {
    const deviceId = readSyncState(v.db()).deviceId ?? '';
    return harness.fixture.db.selectFrom('devices').select(['audit_seq', 'audit_hash', 'audit_mismatch_at']).where('id', '=', deviceId).executeTakeFirstOrThrow();
  }

  async function heldRows(v: SyncedVault) {
    const deviceId = readSyncState(v.db()).deviceId ?? '';
    return harness.fixture.db.selectFrom('audit_rows').select(['seq', 'hash']).where('device_id', '=', deviceId).orderBy('seq').execute();
  }

  const localRows = (db: SqliteDatabase, upto: number) =>
    db.prepare<[number], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq <= ? ORDER BY seq').all(upto);

  async function editAndSync(v: SyncedVault, investigationId: string, title: string): Promise<void> {
    v.vault.clock.advance(MINUTE);
    await v.cli.invoke('investigations.update', { investigationId, title });
    const status = await v.runner.syncNow();
    expect(status.lastError).toBeNull();
    expect(status.state).toBe('idle');
  }

  it('sends the vault\'s head with each push, and a log rewritten since is recorded as a mismatch at the next push', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await harness.vault('Ana');
    const created = await a.cli.invoke('investigations.create', { title: 'Card testing' });
    await editAndSync(a, created.id, 'Card testing ring');
    const head = localAuditHead(a.db());
    expect(head).not.toBeNull();
    expect(await storedHead(a)).toEqual({ audit_seq: head?.seq, audit_hash: head?.hash, audit_mismatch_at: null });

    await editAndSync(a, created.id, 'Card testing ring (3)');
    const moved = await storedHead(a);
    expect(moved.audit_seq).toBe(localAuditHead(a.db())?.seq);
    expect(moved.audit_seq).toBeGreaterThan(head?.seq ?? 0);
    expect(moved.audit_mismatch_at).toBeNull();
    // The rows went with it: the server holds the log as the vault wrote it, up to the head.
    expect(await heldRows(a)).toEqual(localRows(a.db(), moved.audit_seq ?? 0));
    // Checked at each round's hello, before its push: the head the round before sent.
    expect(a.runner.current().auditLog).toEqual({ serverSeq: head?.seq, matches: true });

    // Someone with the vault key removes the newest audit rows (the triggers that forbid it dropped).
    a.db().exec('DROP TRIGGER audit_log_no_delete');
    a.db().prepare('DELETE FROM audit_log WHERE seq > ?').run((moved.audit_seq ?? 0) - 3);
    await editAndSync(a, created.id, 'Card testing ring (4)');
    const flagged = await storedHead(a);
    expect(flagged.audit_mismatch_at).toBe(harness.serverNow());
    // The device sees it too: the round's hello brought the head the server keeps, which the log here no longer holds.
    expect(a.runner.current().auditLog).toEqual({ serverSeq: moved.audit_seq, matches: false });
    expect({ seq: flagged.audit_seq, hash: flagged.audit_hash }).toEqual({ seq: moved.audit_seq, hash: moved.audit_hash });
    expect((await harness.fixture.db.selectFrom('records').select('id').where('id', '=', created.id).execute())).toHaveLength(1);
    // More work since: its rows pass the last one the server holds and do not follow it. Refused, and
    // the server's copy stays the original.
    for (let n = 5; n <= 9; n += 1) await a.cli.invoke('investigations.update', { investigationId: created.id, title: `Card testing ring (${n})` });
    expect(localAuditHead(a.db())?.seq).toBeGreaterThan(moved.audit_seq ?? 0);
    expect((await a.runner.syncNow()).lastError).toBeNull();
    const held = await heldRows(a);
    expect(held.at(-1)?.seq).toBe(moved.audit_seq);
    const device = await harness.fixture.db.selectFrom('devices').select(['audit_mismatch_seq', 'audit_mismatch_reason'])
      .where('id', '=', readSyncState(a.db()).deviceId ?? '').executeTakeFirstOrThrow();
    expect(device).toEqual({ audit_mismatch_seq: (moved.audit_seq ?? 0) + 1, audit_mismatch_reason: 'rewritten' });
  });

  it('uploads rows the server does not hold yet, and refuses one edited without its chain, which the device then shows', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await harness.vault('Ana');
    const created = await a.cli.invoke('investigations.create', { title: 'Mule accounts' });
    await editAndSync(a, created.id, 'Mule accounts, wave 1');
    const sent = (await heldRows(a)).at(-1)?.seq ?? 0;
    expect(sent).toBe(localAuditHead(a.db())?.seq);

    // Two more edits, then someone edits the first new row's details in place (its hash as it was).
    a.vault.clock.advance(MINUTE);
    await a.cli.invoke('investigations.update', { investigationId: created.id, title: 'Mule accounts, wave 2' });
    await a.cli.invoke('investigations.update', { investigationId: created.id, title: 'Mule accounts, wave 3' });
    a.db().exec('DROP TRIGGER audit_log_no_update');
    a.db().prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run('{"edited":true}', sent + 1);
    expect((await a.runner.syncNow()).state).toBe('idle');
    expect((await heldRows(a)).at(-1)?.seq).toBe(sent);
    expect(a.runner.current().auditLog).toEqual({ serverSeq: sent, matches: false });
  });
});
