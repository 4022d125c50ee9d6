// Resolving each kind of conflict the server raises (docs/SYNC.md, "Conflicts"): the chosen side is
// written as this vault's own edit, stamped after both sides (so it is pushed and wins by HLC), the
// conflict's resolution goes out with it, the call is audited, and a conflict whose record is gone,
// that is already resolved, or whose chosen side does not fit its field is refused with a typed error.
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem, PushedChange, StoredField } from '../../../src-shared/sync-protocol';
import type { SyncConflictKind } from '../../../src-shared/sync-contract';
import { formatHlc } from '../../../src-main/store/hlc';
import { applyPull } from '../../../src-main/sync/apply-pull';
import { readOutbox } from '../../../src-main/sync/outbox';
import { readSyncState } from '../../../src-main/sync/sync-state';
import type { TestVault } from '../support/test-core';
import { importAlerts, signedInVault, type SyncVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

const REMOTE = 'ffffffff-0000-7000-8000-00000000000f';
let pulledSeq = 0;

/** A stamp a little before the vault's clock: the remote side of the conflict is older than a resolution made now. */
const remoteField = (v: SyncVault, value: StoredField['value']): StoredField => ({ value, hlc: formatHlc({ wallMs: v.vault.clock.now() - 1_000, counter: 0 }), device: REMOTE });

function pull(v: SyncVault, items: PullItem[]): void {
  pulledSeq += items.length;
  applyPull(v.db(), items, Math.max(pulledSeq, readSyncState(v.db()).pullCursor + items.length));
}

/** Brings a conflict record into the vault as a pull does; returns its id. */
function pullConflict(v: SyncVault, kind: SyncConflictKind, table: string, recordId: string, field: string, sides: [StoredField['value'], StoredField['value']]): string {
  const id = `c-${kind}-${field}-${recordId}`.slice(0, 64);
  const f = (value: StoredField['value']) => remoteField(v, value);
  pull(v, [{
    record: {
      table: 'sync_conflicts', id, seq: pulledSeq + 1, deleted: null,
      fields: {
        kind: f(kind), record_table: f(table), record_id: f(recordId), field: f(field), scope: f(null),
        sides: f(sides.map((value, i) => ({ value, hlc: remoteField(v, null).hlc, device: i === 0 ? REMOTE : 'another-device' }))), raised_at: f(v.vault.clock.now()),
      },
    },
  }]);
  return id;
}

/** What the vault would push now. */
const outbox = (v: SyncVault): PushedChange[] => readOutbox(v.db(), readSyncState(v.db()).pushedSeq, 500).changes;
const pushedOf = (v: SyncVault, table: string, id: string) => outbox(v).filter((change) => change.table === table && change.id === id).at(-1);

async function resolved(v: SyncVault, id: string, choice: 'held' | 'incoming'): Promise<void> {
  v.vault.clock.advance(60_000);
  await v.cli.invoke('sync.conflicts.resolve', { id, choice });
  const conflict = pushedOf(v, 'sync_conflicts', id);
  expect(Object.keys(conflict?.fields ?? {}).sort()).toEqual(['resolution', 'resolved_at', 'resolved_by']);
  expect((await v.cli.invoke('sync.conflicts.list', {})).map((c) => c.id)).not.toContain(id);
  const audited = v.db().prepare("SELECT outcome, details FROM audit_log WHERE action = 'sync.conflicts.resolve' ORDER BY seq DESC LIMIT 1").get() as { outcome: string; details: string };
  expect(audited.outcome).toBe('success');
  expect(JSON.parse(audited.details)).toMatchObject({ conflict: id, choice });
}

describe('resolving a sync conflict', () => {
  it('writes the chosen text of a finding or a task as a new edit that orders after both sides', async () => {
    const v = await signedInVault(vaults);
    const created = await v.cli.invoke('investigations.create', { title: 'Card testing' });
    const finding = await v.cli.invoke('findings.add', { investigationId: created.id, title: 'Ring', body: 'Five accounts' });
    const task = await v.cli.invoke('tasks.add', { investigationId: created.id, title: 'Call the bank' });

    const onBody = pullConflict(v, 'text_edit', 'findings', finding.id, 'body', ['Five accounts', 'Six accounts']);
    await resolved(v, onBody, 'incoming');
    expect(v.db().prepare('SELECT body FROM findings WHERE id = ?').get(finding.id)).toEqual({ body: 'Six accounts' });
    const change = pushedOf(v, 'findings', finding.id);
    expect(change?.fields.body?.value).toBe('Six accounts');
    expect((change?.fields.body?.hlc ?? '') > remoteField(v, null).hlc).toBe(true);

    // Choosing the side the vault already shows is still an edit: elsewhere the other side may hold.
    const onTitle = pullConflict(v, 'text_edit', 'tasks', task.id, 'title', ['Call the bank', 'Email the bank']);
    await resolved(v, onTitle, 'held');
    expect(pushedOf(v, 'tasks', task.id)?.fields.title?.value).toBe('Call the bank');
  });

  it('writes the chosen verdict of an alert, dropping the dismiss reason when it is not a dismissal', async () => {
    const v = await signedInVault(vaults);
    const [alertId] = await importAlerts(v, 'verdicts', 1);
    await v.cli.invoke('alerts.bulk', { selection: { ids: [alertId!] }, action: { kind: 'dismiss', reason: 'benign' } });
    const id = pullConflict(v, 'verdict', 'alerts', alertId!, 'status', ['dismissed', 'acknowledged']);
    await resolved(v, id, 'incoming');
    expect(v.db().prepare('SELECT status, dismiss_reason FROM alerts WHERE id = ?').get(alertId)).toEqual({ status: 'acknowledged', dismiss_reason: null });
    expect(pushedOf(v, 'alerts', alertId!)?.fields).toMatchObject({ status: { value: 'acknowledged' }, dismiss_reason: { value: null } });
  });

  it('sets the chosen status of a case closed elsewhere, logging the move and keeping the schema\'s closed time', async () => {
    const v = await signedInVault(vaults);
    const created = await v.cli.invoke('investigations.create', { title: 'Card testing' });
    await v.cli.invoke('investigations.setStatus', { investigationId: created.id, status: 'in_progress' });
    const id = pullConflict(v, 'closed_elsewhere', 'investigations', created.id, 'status', ['in_progress', 'closed']);
    await resolved(v, id, 'incoming');
    const row = v.db().prepare('SELECT status, closed_at FROM investigations WHERE id = ?').get(created.id) as { status: string; closed_at: number | null };
    expect(row.status).toBe('closed');
    expect(row.closed_at).not.toBeNull();
    expect(pushedOf(v, 'investigations', created.id)?.fields.status?.value).toBe('closed');
    const log = v.db().prepare('SELECT from_status, to_status FROM investigation_status_log WHERE investigation_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(created.id);
    expect(log).toEqual({ from_status: 'in_progress', to_status: 'closed' });
  });

  it('keeps a record deleted with a new tombstone, or restores it with the edit as a restore the outbox carries', async () => {
    const v = await signedInVault(vaults);
    const created = await v.cli.invoke('investigations.create', { title: 'Card testing' });
    const kept = await v.cli.invoke('tasks.add', { investigationId: created.id, title: 'Call the bank' });
    const restored = await v.cli.invoke('tasks.add', { investigationId: created.id, title: 'Email the bank' });
    for (const task of [kept, restored]) {
      pull(v, [{ record: { table: 'tasks', id: task.id, seq: pulledSeq + 1, fields: {}, deleted: { hlc: remoteField(v, null).hlc, device: REMOTE } } }]);
    }
    expect(v.db().prepare('SELECT count(*) AS n FROM tasks WHERE deleted_at IS NOT NULL').get()).toEqual({ n: 2 });

    const keep = pullConflict(v, 'deleted_edited', 'tasks', kept.id, '_deleted', [null, { title: 'Call the bank today' }]);
    await resolved(v, keep, 'held');
    expect(v.db().prepare('SELECT title, deleted_at IS NOT NULL AS deleted FROM tasks WHERE id = ?').get(kept.id)).toEqual({ title: 'Call the bank', deleted: 1 });
    expect(pushedOf(v, 'tasks', kept.id)?.deleted).toBeDefined();

    const restore = pullConflict(v, 'deleted_edited', 'tasks', restored.id, '_deleted', [null, { title: 'Email the bank twice' }]);
    await resolved(v, restore, 'incoming');
    expect(v.db().prepare('SELECT title, deleted_at FROM tasks WHERE id = ?').get(restored.id)).toEqual({ title: 'Email the bank twice', deleted_at: null });
    const change = pushedOf(v, 'tasks', restored.id);
    expect(change?.deleted).toBeUndefined();
    expect(change?.fields).toMatchObject({ _restored: { value: true }, title: { value: 'Email the bank twice' } });
  });

  it('brings a row back when a pulled restore is newer than its tombstone, and deletes it again with a newer tombstone', async () => {
    const v = await signedInVault(vaults);
    const created = await v.cli.invoke('investigations.create', { title: 'Card testing' });
    const task = await v.cli.invoke('tasks.add', { investigationId: created.id, title: 'Call the bank' });
    const at = (ms: number) => formatHlc({ wallMs: v.vault.clock.now() + ms, counter: 0 });
    const deletedAt = () => (v.db().prepare('SELECT deleted_at FROM tasks WHERE id = ?').get(task.id) as { deleted_at: number | null }).deleted_at;
    pull(v, [{ record: { table: 'tasks', id: task.id, seq: pulledSeq + 1, fields: {}, deleted: { hlc: at(1), device: REMOTE } } }]);
    expect(deletedAt()).not.toBeNull();
    const restore = { _restored: { value: true, hlc: at(2), device: REMOTE }, title: { value: 'Call the bank today', hlc: at(2), device: REMOTE } };
    pull(v, [{ record: { table: 'tasks', id: task.id, seq: pulledSeq + 1, fields: restore, deleted: { hlc: at(1), device: REMOTE } } }]);
    expect(deletedAt()).toBeNull();
    expect(v.db().prepare('SELECT title FROM tasks WHERE id = ?').get(task.id)).toEqual({ title: 'Call the bank today' });
    pull(v, [{ record: { table: 'tasks', id: task.id, seq: pulledSeq + 1, fields: restore, deleted: { hlc: at(3), device: REMOTE } } }]);
    expect(deletedAt()).not.toBeNull();
  });

  it('refuses a conflict whose record is gone, one already resolved, a side that does not exist or does not fit the field', async () => {
    const v = await signedInVault(vaults);
    const created = await v.cli.invoke('investigations.create', { title: 'Card testing' });
    const gone = pullConflict(v, 'text_edit', 'tasks', '01900000-0000-7000-8000-0000000000aa', 'title', ['a', 'b']);
    await expect(v.cli.invoke('sync.conflicts.resolve', { id: gone, choice: 'held' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(v.cli.invoke('sync.conflicts.resolve', { id: 'no-such-conflict', choice: 'held' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const notAStatus = pullConflict(v, 'closed_elsewhere', 'investigations', created.id, 'status', ['open', 'vanished']);
    await expect(v.cli.invoke('sync.conflicts.resolve', { id: notAStatus, choice: 'incoming' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const notText = pullConflict(v, 'text_edit', 'investigations', created.id, 'severity', ['low', 'high']);
    await expect(v.cli.invoke('sync.conflicts.resolve', { id: notText, choice: 'incoming' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(v.cli.invoke('sync.conflicts.resolve', { id: notText, choice: 'neither' as never })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(v.db().prepare('SELECT title, status, severity FROM investigations WHERE id = ?').get(created.id)).toEqual({ title: 'Card testing', status: 'open', severity: created.severity });

    const fine = pullConflict(v, 'text_edit', 'investigations', created.id, 'title', ['Card testing', 'Card fraud']);
    await resolved(v, fine, 'incoming');
    await expect(v.cli.invoke('sync.conflicts.resolve', { id: fine, choice: 'held' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(v.db().prepare('SELECT title FROM investigations WHERE id = ?').get(created.id)).toEqual({ title: 'Card fraud' });
  });
});
