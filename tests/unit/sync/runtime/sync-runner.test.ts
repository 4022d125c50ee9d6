// The sync client's runtime against a real server (over HTTP on 127.0.0.1) and real vaults: two
// devices exchanging a case, a concurrent title edit becoming a conflict both see, a lost push reply,
// a clock ahead of the server, an old client, and backoff while the server is down.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../server/support/server-dbs';
import { readSyncState } from '../../../../src-main/sync/sync-state';
import type { SyncApi } from '../../../../src-main/sync/transport';
import { SyncHarness, type SyncedVault } from './sync-harness';
import { importAlerts } from '../support/sync-vaults';

const MINUTE = 60_000;

async function titleOf(v: SyncedVault, investigationId: string): Promise<string> {
  return (await v.cli.invoke('investigations.get', { investigationId })).title;
}

function openConflicts(v: SyncedVault): { id: string; kind: string; field: string; sides: string }[] {
  return v.db().prepare("SELECT id, kind, field, sides FROM sync_conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL").all() as { id: string; kind: string; field: string; sides: string }[];
}

describe.each(DIALECTS)('the sync runner against a real server on %s', (dialect) => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  it('moves a case from one vault to another, and a concurrent title edit becomes a conflict both vaults hold', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await harness.vault('Ana');
    const b = await harness.vault('Ben');
    const created = await a.cli.invoke('investigations.create', { title: 'Card testing' });
    await a.cli.invoke('notes.add', { investigationId: created.id, body: 'Three accounts share one device' });
    a.vault.clock.advance(MINUTE);
    expect((await a.runner.syncNow()).state).toBe('idle');
    expect(a.runner.current().pendingChanges).toBe(0);

    const bStatus = await b.runner.syncNow();
    expect(bStatus).toMatchObject({ state: 'idle', lastError: null });
    expect(await titleOf(b, created.id)).toBe('Card testing');
    expect((await b.cli.invoke('notes.list', { investigationId: created.id })).map((n) => n.body)).toEqual(['Three accounts share one device']);
    expect(b.changes).toContainEqual({ topic: 'investigations' });
    // A first sync reports its progress up to the head.
    expect(b.statuses.some((s) => s.progress !== null && s.progress.done === s.progress.total)).toBe(true);

    // Both edit the title offline, then sync.
    a.vault.clock.advance(MINUTE);
    b.vault.clock.advance(MINUTE);
    await a.cli.invoke('investigations.update', { investigationId: created.id, title: 'Card testing ring' });
    await b.cli.invoke('investigations.update', { investigationId: created.id, title: 'Card testing (merchant)' });
    a.vault.clock.advance(MINUTE);
    b.vault.clock.advance(MINUTE);
    await a.runner.syncNow();
    await b.runner.syncNow();
    await a.runner.syncNow();

    for (const v of [a, b]) {
      const conflicts = openConflicts(v);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ kind: 'text_edit', field: 'title' });
      const values = (JSON.parse(conflicts[0]?.sides ?? '[]') as { value: unknown }[]).map((side) => side.value).sort();
      expect(values).toEqual(['Card testing (merchant)', 'Card testing ring']);
    }
    // Both converged on the same winner meanwhile.
    expect(await titleOf(a, created.id)).toBe(await titleOf(b, created.id));
  });

  it('pushes an import bigger than one push in parts, and another vault pulls all of it', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await harness.vault('Ana');
    const alerts = await importAlerts(a, 'wave', 700);
    expect(alerts).toHaveLength(700);
    a.vault.clock.advance(MINUTE);
    expect(await a.runner.syncNow()).toMatchObject({ state: 'idle', pendingChanges: 0, lastError: null });
    const b = await harness.vault('Ben');
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', lastError: null });
    expect(b.db().prepare("SELECT count(*) FROM alerts WHERE external_id LIKE 'wave-%'").pluck().get()).toBe(700);
  });

  it('pushes what was written before the round began; a note written during its push waits for the next round', async () => {
    harness = await SyncHarness.open(dialect);
    let writing: ((n: number) => Promise<void>) | null = null;
    let pushes = 0;
    const busy = (transport: SyncApi): SyncApi => ({
      hello: () => transport.hello(),
      pull: (after, limit) => transport.pull(after, limit),
      push: async (request) => {
        pushes += 1;
        // The analyst goes on writing while each push is on its way; a round chasing the outbox never ends.
        if (pushes < 50) await writing?.(pushes);
        return transport.push(request);
      },
    });
    const a = await harness.vault('Ana', { api: busy });
    const created = await a.cli.invoke('investigations.create', { title: 'Busy day' });
    writing = async (n) => { await a.cli.invoke('notes.add', { investigationId: created.id, body: `note ${n}` }); };
    a.vault.clock.advance(MINUTE);
    const status = await a.runner.syncNow();
    expect(status.state).toBe('idle');
    expect(pushes).toBe(1);
    expect(status.pendingChanges).toBe(1);
    writing = null;
    expect(await a.runner.syncNow()).toMatchObject({ state: 'idle', pendingChanges: 0 });
  });

  it('does not apply a push twice when its reply was lost: the retry settles the cursor', async () => {
    harness = await SyncHarness.open(dialect);
    let dropNext = false;
    const losing = (transport: SyncApi): SyncApi => ({
      hello: () => transport.hello(),
      pull: (after, limit) => transport.pull(after, limit),
      push: async (request) => {
        const response = await transport.push(request);
        if (dropNext) {
          dropNext = false;
          throw new (await import('../../../../src-main/sync/transport')).SyncOfflineError('connection reset after the request was applied');
        }
        return response;
      },
    });
    const a = await harness.vault('Ana', { api: losing });
    const created = await a.cli.invoke('investigations.create', { title: 'Lost reply' });
    a.vault.clock.advance(MINUTE);
    dropNext = true;
    const failed = await a.runner.syncNow();
    expect(failed.state).toBe('offline');
    expect(failed.pendingChanges).toBeGreaterThan(0);
    const before = await serverCounts(harness);
    expect(before.pushedSeq).toBeGreaterThan(0);

    // Another edit meanwhile, so the retried batch would not even have the same bounds.
    await a.cli.invoke('investigations.update', { investigationId: created.id, title: 'Lost reply, found' });
    a.vault.clock.advance(MINUTE);
    const retried = await a.runner.syncNow();
    expect(retried).toMatchObject({ state: 'idle', pendingChanges: 0 });
    const after = await serverCounts(harness);
    expect(after.records).toBe(before.records);
    expect(after.pushedSeq).toBe(readSyncState(a.db()).pushedSeq);
    // The retry pushed only the new edit: the server holds the new title, once.
    const b = await harness.vault('Ben');
    await b.runner.syncNow();
    expect(await titleOf(b, created.id)).toBe('Lost reply, found');
  });

  it('stops with clock_ahead when this device\'s clock is ahead, keeps the outbox, and pushes once the stamps are in the past', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await harness.vault('Ana');
    const b = await harness.vault('Ben');
    b.vault.clock.set(a.vault.clock.now() + 10 * MINUTE);
    const created = await b.cli.invoke('investigations.create', { title: 'From the future' });
    const ahead = await b.runner.syncNow();
    expect(ahead.state).toBe('clock_ahead');
    expect(ahead.aheadMs).toBeGreaterThan(5 * MINUTE);
    expect(ahead.pendingChanges).toBeGreaterThan(0);
    expect(readSyncState(b.db()).pushedSeq).toBe(0);

    // The clock is fixed; the stamps already written stay ahead until the time passes them.
    b.vault.clock.set(a.vault.clock.now());
    expect((await b.runner.syncNow()).state).toBe('clock_ahead');
    a.vault.clock.advance(6 * MINUTE);
    b.vault.clock.advance(6 * MINUTE);
    expect(await b.runner.syncNow()).toMatchObject({ state: 'idle', pendingChanges: 0, lastError: null });
    await a.runner.syncNow();
    expect(await titleOf(a, created.id)).toBe('From the future');
  });

  it('stops with an error naming the record when the member may not make a change, and keeps it', async () => {
    harness = await SyncHarness.open(dialect);
    const viewer = await harness.vault('Vic', { role: 'viewer' });
    const created = await viewer.cli.invoke('investigations.create', { title: 'Not mine to share' });
    const status = await viewer.runner.syncNow();
    expect(status.state).toBe('error');
    expect(status.lastError?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(status.lastError?.details)).toContain(created.id);
    expect(status.pendingChanges).toBeGreaterThan(0);
    expect(readSyncState(viewer.db()).pushedSeq).toBe(0);
  });

  it('an old client gets update_required and keeps its outbox', async () => {
    harness = await SyncHarness.open(dialect, { versions: { protocol: 3, schema: 3 } });
    const a = await harness.vault('Ana');
    await a.cli.invoke('investigations.create', { title: 'Waiting for the update' });
    const status = await a.runner.syncNow();
    expect(status.state).toBe('update_required');
    expect(status.lastError?.code).toBe('UPDATE_REQUIRED');
    expect(status.pendingChanges).toBeGreaterThan(0);
    expect(readSyncState(a.db()).pushedSeq).toBe(0);
  });
});

async function serverCounts(harness: SyncHarness): Promise<{ records: number; pushedSeq: number }> {
  const db = harness.fixture.db;
  const records = await sql<{ n: number | string }>`SELECT count(*) AS n FROM records`.execute(db);
  const devices = await sql<{ n: number | string }>`SELECT max(pushed_seq) AS n FROM devices`.execute(db);
  return { records: Number(records.rows[0]?.n), pushedSeq: Number(devices.rows[0]?.n) };
}
