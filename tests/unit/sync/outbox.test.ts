// The outbox: a vault's own writes as the changes a push carries, each field with its value as the row
// holds it now, the entry's HLC and the stamp it was edited over (`base`); cut into batches of whole
// change-log seqs; and never what a pull wrote.
import { afterEach, describe, expect, it } from 'vitest';
import type { PushedChange } from '../../../src-shared/sync-protocol';
import { markPushed, readOutbox } from '../../../src-main/sync/outbox';
import { readSyncState } from '../../../src-main/sync/sync-state';
import type { TestVault } from '../support/test-core';
import { FieldServer, pullAll, pushAll } from './support/field-server';
import { aDaysWork, importAlerts, signedInVault, type SyncVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

const of = (changes: readonly PushedChange[], table: string, id?: string) => changes.filter((c) => c.table === table && (id === undefined || c.id === id));
const lastSeq = (v: SyncVault) => (v.db().prepare('SELECT max(seq) AS seq FROM change_log').get() as { seq: number }).seq;

describe('the outbox', () => {
  it('ships a day of writes with their values now, their HLCs and the stamps they were edited over', async () => {
    const a = await signedInVault(vaults);
    const { investigationId, taskId, alertIds } = await aDaysWork(a);
    // A delete as a repository would write it (none deletes a synced row yet): deleted_at, logged.
    const row = a.vault.core.services.custody.vault.repositories.row;
    const deleteHlc = row.hlc();
    a.db().prepare('UPDATE tasks SET deleted_at = ?, updated_hlc = ? WHERE id = ?').run(row.now(), deleteHlc, taskId);
    row.changes.record('tasks', taskId, ['deleted_at'], deleteHlc);

    const { batch, changes, oversized } = readOutbox(a.db(), 0);
    expect(batch).toEqual({ after: 0, upto: lastSeq(a) });
    expect(oversized).toBe(false);

    const [created, renamed] = of(changes, 'investigations', investigationId);
    // Present values: the creation ships the title the row holds now; the rename's base is the creation's stamp.
    expect(created?.fields.title).toEqual({ value: 'Second title', hlc: created?.fields.title?.hlc, base: null });
    expect(created?.fields.created_at?.base).toBeNull();
    expect(renamed?.fields).toEqual({ title: { value: 'Second title', hlc: expect.any(String), base: created?.fields.title?.hlc } });
    expect(renamed!.fields.title!.hlc > created!.fields.title!.hlc).toBe(true);

    const [note] = of(changes, 'notes');
    expect(note?.fields.body).toMatchObject({ value: 'Three accounts share one device', base: null });
    expect(note?.fields.investigation_id?.value).toBe(investigationId);
    const [task, taskDeleted] = of(changes, 'tasks', taskId);
    expect(task?.fields.title?.value).toBe('Ask the payments team');
    expect(taskDeleted).toEqual({ table: 'tasks', id: taskId, seq: lastSeq(a), fields: {}, deleted: { hlc: deleteHlc } });

    // The import's batch entry: one change per alert, every column plus links and sightings.
    const imported = of(changes, 'alerts', alertIds[0]);
    expect(imported.length).toBe(2);
    const [insert, verdict] = imported;
    expect(insert?.fields.title?.value).toBe('Seen day 0');
    expect(insert?.fields.status).toMatchObject({ value: 'acknowledged', base: null });
    expect((insert?.fields.entities?.value as { entity: string }[]).length).toBeGreaterThan(0);
    expect(insert?.fields.rid).toBeUndefined();
    expect(insert?.fields.updated_hlc).toBeUndefined();
    // The verdict was made over the imported status.
    expect(verdict?.fields.status).toEqual({ value: 'acknowledged', hlc: expect.any(String), base: insert?.fields.status?.hlc });
    const dismissed = of(changes, 'alerts', alertIds[2])[1];
    expect(dismissed?.fields.dismiss_reason?.value).toBe('benign');
    expect(of(changes, 'entities').length).toBeGreaterThanOrEqual(6);
    // Linked entities are the ones shipped.
    const entityIds = new Set(of(changes, 'entities').map((c) => c.id));
    for (const link of insert?.fields.entities?.value as { entity: string }[]) expect(entityIds.has(link.entity)).toBe(true);

    // Every change names a seq of its batch, in order.
    for (const change of changes) expect(change.seq).toBeGreaterThan(0);
    expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((x, y) => x - y));

    // Once pushed, the next edit's base is the pushed stamp, and the outbox starts after it.
    markPushed(a.db(), batch.upto, changes);
    expect(readSyncState(a.db()).pushedSeq).toBe(batch.upto);
    await a.cli.invoke('investigations.update', { investigationId, title: 'Third title' });
    const next = readOutbox(a.db(), batch.upto);
    expect(next.changes).toEqual([{ table: 'investigations', id: investigationId, seq: lastSeq(a), fields: { title: { value: 'Third title', hlc: expect.any(String), base: renamed?.fields.title?.hlc } } }]);
  });

  it('cuts batches at whole change-log seqs, at most the limit, an entry bigger than it in parts', async () => {
    const a = await signedInVault(vaults);
    await a.cli.invoke('investigations.create', { title: 'One' });
    await importAlerts(a, 'big', 12);
    for (const title of ['Two', 'Three', 'Four']) await a.cli.invoke('investigations.create', { title });

    const whole = readOutbox(a.db(), 0).changes;
    const batches = [];
    // `offset`: how far into an entry sent in parts the last batch came (the server's pushedPart).
    for (let after = 0, offset = 0; after < lastSeq(a);) {
      const outbox = readOutbox(a.db(), after, 5, { partOffset: offset });
      batches.push(outbox);
      expect(outbox.batch.after).toBe(after);
      expect(outbox.batch.upto).toBeGreaterThan(after);
      for (const change of outbox.changes) {
        expect(change.seq).toBeGreaterThan(after);
        expect(change.seq).toBeLessThanOrEqual(outbox.batch.upto);
      }
      expect(outbox.changes.length).toBeLessThanOrEqual(5);
      if (outbox.oversized) expect(new Set(outbox.changes.map((c) => c.seq))).toEqual(new Set([outbox.batch.upto]));
      if (outbox.batch.part && !outbox.batch.part.last) offset = outbox.batch.part.offset + outbox.changes.length;
      else [after, offset] = [outbox.batch.upto, 0];
    }
    // The import's 12 alerts are one entry: it went in parts of 5, 5 and 2.
    const alertParts = batches.filter((b) => b.oversized && b.changes[0]?.table === 'alerts');
    expect(alertParts.map((b) => [b.batch.part, b.changes.length])).toEqual([[{ offset: 0, last: false }, 5], [{ offset: 5, last: false }, 5], [{ offset: 10, last: true }, 2]]);
    // Bad cursors are refused with a typed error, and the cursor stays.
    expect(() => readOutbox(a.db(), -1)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => readOutbox(a.db(), 0, 0)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => markPushed(a.db(), 1, whole)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(readSyncState(a.db()).pushedSeq).toBe(0);
    // Together the batches are the whole outbox.
    expect(batches.flatMap((b) => b.changes).map((c) => `${c.table}/${c.id}/${c.seq}`)).toEqual(whole.map((c) => `${c.table}/${c.id}/${c.seq}`));
  });

  it('never ships what a pull wrote, and ships a local edit of a pulled record over its pulled stamp', async () => {
    const a = await signedInVault(vaults);
    const b = await signedInVault(vaults);
    const server = new FieldServer();
    const { investigationId } = await aDaysWork(a);
    pushAll(a.db(), server);
    const bBefore = readOutbox(b.db(), 0).changes.length;
    pullAll(b.db(), server);
    const after = readOutbox(b.db(), 0);
    expect(after.changes.length).toBe(bBefore);
    expect(after.changes.some((c) => c.id === investigationId)).toBe(false);

    const pulledTitle = server.pull(0).items.flatMap((i) => ('record' in i && i.record.id === investigationId ? [i.record.fields.title] : []))[0];
    b.vault.clock.set(a.vault.clock.now() + 60_000);
    await b.cli.invoke('investigations.update', { investigationId, title: 'Edited on B' });
    const edits = readOutbox(b.db(), 0).changes.filter((c) => c.id === investigationId);
    expect(edits).toEqual([{ table: 'investigations', id: investigationId, seq: lastSeq(b), fields: { title: { value: 'Edited on B', hlc: expect.any(String), base: pulledTitle?.hlc } } }]);
  });
});
