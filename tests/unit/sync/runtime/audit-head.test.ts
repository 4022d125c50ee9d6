// The audit head a push carries (docs/SYNC.md, "Audit head"): the server keeps each device's newest
// head, and a vault whose log was rewritten after a push (rows deleted, so the head comes back lower
// or with another hash) is recorded as a mismatch at its next push, for the organisation's admins.
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/support/server-dbs';
import { localAuditHead } from '../../../../src-main/sync/audit-head';
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

  async function editAndSync(v: SyncedVault, investigationId: string, title: string): Promise<void> {
    v.vault.clock.advance(MINUTE);
    await v.cli.invoke('investigations.update', { investigationId, title });
    expect((await v.runner.syncNow()).state).toBe('idle');
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
  });
});
