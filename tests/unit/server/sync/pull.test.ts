import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullItem } from '../../../../src-shared/sync-protocol';
import { SYNC_PROTOCOL, SYNC_SCHEMA } from '../../../../src-shared/sync-protocol';
import type { ServerDatabase } from '../../../../src-server/db/open';
import { readPull } from '../../../../src-server/sync/pull';
import { DIALECTS, openFreshServerDb } from '../support/server-dbs';
import { addMemberDevice, createOrg, edit, hlcAt, NOW, recordsOf, TestDevice, valuesOf } from './support/fixtures';

const t = (offsetMs: number): string => hlcAt(NOW + offsetMs);
const ids = (items: readonly PullItem[]): string[] => recordsOf(items).map((record) => `${record.table}/${record.id}`);
const evictions = (items: readonly PullItem[]) => items.flatMap((item) => ('evict' in item ? [item.evict] : []));

describe.each(DIALECTS)('pulling on %s', (dialect) => {
  let opened: ServerDatabase;
  let ada: TestDevice;
  let alice: TestDevice;
  let bob: TestDevice;

  beforeEach(async () => {
    opened = await openFreshServerDb(dialect);
    await createOrg(opened.db, 'org-a');
    ada = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'ada', 'admin', 'dev-ada'));
    alice = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'alice', 'analyst', 'dev-alice'));
    bob = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'bob', 'analyst', 'dev-bob'));
  });
  afterEach(async () => {
    await (opened as ServerDatabase | undefined)?.close();
  });

  /** An open case with a task, and a case restricted to alice with a task and a note. */
  async function openAndRestrictedCases(): Promise<void> {
    await ada.push([
      edit('investigations', 'case-open', { title: 'Phishing' }, t(1)),
      edit('tasks', 'task-open', { title: 'Reply', investigation_id: 'case-open' }, t(1)),
      edit('investigations', 'case-secret', { title: 'Insider' }, t(2)),
      edit('investigation_access', 'case-secret', { restricted: true, members: ['alice'] }, t(2)),
      edit('tasks', 'task-secret', { title: 'Interview', investigation_id: 'case-secret' }, t(3)),
      edit('notes', 'note-secret', { body: 'HR says', investigation_id: 'case-secret' }, t(3)),
    ]);
  }

  it('returns each record once at its latest sequence, whole, with every field\'s stamp', async () => {
    await alice.push([edit('investigations', 'case-1', { title: 'A', severity: 'low' }, t(1))]);
    await bob.push([edit('investigations', 'case-1', { severity: 'high' }, t(2), t(1))]);
    const items = await ada.pullAll();
    expect(items).toEqual([{
      record: {
        table: 'investigations',
        id: 'case-1',
        seq: 2,
        fields: { title: { value: 'A', hlc: t(1), device: 'dev-alice' }, severity: { value: 'high', hlc: t(2), device: 'dev-bob' } },
        deleted: null,
      },
    }]);
  });

  it('pages by sequence: more while records remain, next the last sequence covered, head the organisation\'s', async () => {
    await alice.push(Array.from({ length: 5 }, (_, index) => edit('tasks', `task-${index}`, { title: `T${index}`, investigation_id: null }, t(index))));
    const request = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, limit: 2 };
    const first = await readPull(opened.db, bob.context, { ...request, after: 0 });
    expect(first).toMatchObject({ next: 2, more: true, head: 5 });
    const last = await readPull(opened.db, bob.context, { ...request, after: 4 });
    expect(last).toMatchObject({ next: 5, more: false, head: 5 });
    expect(recordsOf(last.items).map((record) => record.id)).toEqual(['task-4']);
    expect(await readPull(opened.db, bob.context, { ...request, after: 5 })).toEqual({ items: [], next: 5, more: false, head: 5 });
  });

  describe('restricted investigations', () => {
    it('never sends a non-member anything of a restricted case, not even its ids, and moves their cursor past it', async () => {
      await openAndRestrictedCases();
      const page = await readPull(opened.db, bob.context, { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, after: 0, limit: 100 });
      expect(ids(page.items)).toEqual(['investigations/case-open', 'tasks/task-open']);
      expect(JSON.stringify(page)).not.toMatch(/secret/);
      expect(page).toMatchObject({ next: 6, head: 6, more: false });
    });

    it('sends them to a listed member and to an admin', async () => {
      await openAndRestrictedCases();
      const everything = ['investigations/case-open', 'tasks/task-open', 'investigations/case-secret', 'investigation_access/case-secret', 'tasks/task-secret', 'notes/note-secret'];
      expect(ids(await alice.pullAll())).toEqual(everything);
      expect(ids(await ada.pullAll())).toEqual(everything);
    });

    it('sends the conflicts of a restricted case to its members only', async () => {
      await openAndRestrictedCases();
      await alice.push([edit('tasks', 'task-secret', { title: 'Interview HR' }, t(9), null)]);
      expect(recordsOf(await alice.pullAll()).some((record) => record.table === 'sync_conflicts')).toBe(true);
      expect(JSON.stringify(await bob.pullAll())).not.toMatch(/secret|sync_conflicts/);
    });

    it('evicts the case, once, from a member removed from it', async () => {
      await openAndRestrictedCases();
      await alice.pullAll();
      await ada.push([edit('investigation_access', 'case-secret', { members: [] }, t(20), t(2))]);
      const afterRemoval = await alice.pullAll();
      expect(evictions(afterRemoval)).toEqual([{ scope: 'case-secret' }]);
      expect(JSON.stringify(recordsOf(afterRemoval))).not.toMatch(/secret/);
      await ada.push([edit('investigations', 'case-open', { title: 'Phishing wave' }, t(21), t(1))]);
      expect(evictions(await alice.pullAll())).toEqual([]);
    });

    it('sends the eviction again until the device\'s cursor shows it committed the page that carried it', async () => {
      await openAndRestrictedCases();
      await alice.pullAll();
      const cursor = alice.cursor;
      await ada.push([edit('investigation_access', 'case-secret', { members: [] }, t(20), t(2))]);
      const request = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, after: cursor, limit: 100 };
      const lost = await readPull(opened.db, alice.context, request);
      expect(evictions(lost.items)).toEqual([{ scope: 'case-secret' }]);
      // The page never arrived: the device asks again from the same cursor.
      const retried = await readPull(opened.db, alice.context, request);
      expect(evictions(retried.items)).toEqual([{ scope: 'case-secret' }]);
      expect(retried.next).toBe(lost.next);
      const committed = await readPull(opened.db, alice.context, { ...request, after: retried.next });
      expect(evictions(committed.items)).toEqual([]);
    });

    it('evicts an open case from a device that holds it when the case is restricted without its member', async () => {
      await openAndRestrictedCases();
      await bob.pullAll();
      await ada.push([edit('investigation_access', 'case-open', { restricted: true, members: ['alice'] }, t(20))]);
      const items = await bob.pullAll();
      expect(evictions(items)).toEqual([{ scope: 'case-open' }]);
      expect(recordsOf(items)).toEqual([]);
    });

    it('evicts nothing from a device that never held the case', async () => {
      await openAndRestrictedCases();
      await ada.push([edit('investigation_access', 'case-open', { restricted: true, members: ['alice'] }, t(20))]);
      // bob's first pull comes after the restriction: the case was never his to hold.
      expect(await bob.pullAll()).toEqual([]);
    });

    it('evicts an alert moved into a case the member cannot read, and sends it to the case\'s member', async () => {
      await openAndRestrictedCases();
      await bob.push([edit('alerts', 'alert-1', { status: 'new', investigation_id: null }, t(5))]);
      await bob.pullAll();
      await alice.pullAll();
      await alice.push([edit('alerts', 'alert-1', { investigation_id: 'case-secret' }, t(6), t(5))]);
      expect(await bob.pullAll()).toEqual([{ evict: { table: 'alerts', id: 'alert-1' } }]);
      expect(valuesOf(recordsOf(await alice.pullAll())[0])).toEqual({ status: 'new', investigation_id: 'case-secret' });
      // Later changes of the alert, inside the case, name nothing to bob.
      await alice.push([edit('alerts', 'alert-1', { status: 'acknowledged' }, t(7), t(5))]);
      expect(await bob.pullAll()).toEqual([]);
    });

    it('names nothing to a non-member of an alert moved between two cases they cannot read', async () => {
      await openAndRestrictedCases();
      await ada.push([
        edit('investigations', 'case-other', { title: 'Other insider' }, t(4)),
        edit('investigation_access', 'case-other', { restricted: true, members: ['alice'] }, t(4)),
        edit('alerts', 'alert-2', { status: 'new', investigation_id: 'case-secret' }, t(5)),
      ]);
      await bob.pullAll();
      await alice.push([edit('alerts', 'alert-2', { investigation_id: 'case-other' }, t(6), t(5))]);
      expect(JSON.stringify(await bob.pullAll())).not.toMatch(/alert-2|case-other|secret/);
    });
  });

  describe('scope of records that name their parent', () => {
    it('gives custody its evidence\'s case, in the same push or held before, so it reaches only who may read the case', async () => {
      await openAndRestrictedCases();
      await alice.push([
        edit('evidence', 'ev-1', { name: 'laptop.img', investigation_id: 'case-secret' }, t(5)),
        edit('evidence_custody', 'cu-1', { evidence_id: 'ev-1', action: 'collected' }, t(5)),
      ]);
      await alice.push([edit('evidence_custody', 'cu-2', { evidence_id: 'ev-1', action: 'copied' }, t(6))]);
      const scopes = await opened.db.selectFrom('records').select(['id', 'scope']).where('tbl', '=', 'evidence_custody').orderBy('id').execute();
      expect(scopes).toEqual([{ id: 'cu-1', scope: 'case-secret' }, { id: 'cu-2', scope: 'case-secret' }]);
      expect(JSON.stringify(await bob.pullAll())).not.toMatch(/ev-1|cu-1|cu-2/);
    });
  });

  it('evicts the restricted cases an admin held once their role is lowered', async () => {
    await openAndRestrictedCases();
    await ada.pullAll();
    await opened.db.updateTable('members').set({ role: 'analyst' }).where('id', '=', 'ada').execute();
    const lowered = new TestDevice(opened.db, { ...ada.context, role: 'analyst' });
    lowered.cursor = ada.cursor;
    expect(evictions(await lowered.pullAll())).toEqual([{ scope: 'case-secret' }]);
  });

  describe('gaining access', () => {
    it('backfills a case the cursor passed once the member is added to it, then goes on from the cursor', async () => {
      await openAndRestrictedCases();
      await bob.pullAll();
      const cursor = bob.cursor;
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice', 'bob'] }, t(20), t(2))]);
      const request = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, limit: 2 };
      const first = await readPull(opened.db, bob.context, { ...request, after: cursor });
      expect(ids(first.items)).toEqual(['investigations/case-secret', 'tasks/task-secret']);
      expect(first).toMatchObject({ next: cursor, more: true });
      const second = await readPull(opened.db, bob.context, { ...request, after: cursor });
      expect(ids(second.items)).toEqual(['notes/note-secret']);
      expect(second).toMatchObject({ next: cursor, more: true });
      const third = await readPull(opened.db, bob.context, { ...request, after: cursor });
      expect(ids(third.items)).toEqual(['investigation_access/case-secret']);
      expect(third).toMatchObject({ next: 7, more: false });
    });

    it('sends a backfill page again until the device acknowledges it, so a page lost on the way is not lost', async () => {
      await openAndRestrictedCases();
      await bob.pullAll();
      const cursor = bob.cursor;
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice', 'bob'] }, t(20), t(2))]);
      const request = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, limit: 2, after: cursor };
      const first = await readPull(opened.db, bob.context, { ...request, backfillAck: null });
      expect(ids(first.items)).toEqual(['investigations/case-secret', 'tasks/task-secret']);
      expect(first).toMatchObject({ next: cursor, more: true, backfill: { scope: 'case-secret' } });
      // The reply never arrived: the device asks again with nothing acknowledged and gets the same page.
      const lost = await readPull(opened.db, bob.context, { ...request, backfillAck: null });
      expect(ids(lost.items)).toEqual(ids(first.items));
      const second = await readPull(opened.db, bob.context, { ...request, backfillAck: first.backfill });
      expect(ids(second.items)).toEqual(['notes/note-secret']);
      // The last page too, until acknowledged; then the pull goes on from the cursor.
      expect(ids((await readPull(opened.db, bob.context, { ...request, backfillAck: first.backfill })).items)).toEqual(['notes/note-secret']);
      const third = await readPull(opened.db, bob.context, { ...request, backfillAck: second.backfill });
      expect(ids(third.items)).toEqual(['investigation_access/case-secret']);
      expect(third).toMatchObject({ next: 7, more: false });
      expect(third.backfill).toBeUndefined();
    });

    it('stops a backfill when access goes again halfway, evicting what it sent, and starts over when it comes back', async () => {
      await openAndRestrictedCases();
      await bob.pullAll();
      const cursor = bob.cursor;
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice', 'bob'] }, t(20), t(2))]);
      const request = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, after: cursor, limit: 2 };
      expect(ids((await readPull(opened.db, bob.context, request)).items)).toEqual(['investigations/case-secret', 'tasks/task-secret']);
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice'] }, t(21), t(20))]);
      const cut = await readPull(opened.db, bob.context, request);
      expect(cut.items).toEqual([{ evict: { scope: 'case-secret' } }]);
      expect(cut.next).toBe(8);
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice', 'bob'] }, t(22), t(21))]);
      const back = await readPull(opened.db, bob.context, { ...request, after: cut.next, limit: 100 });
      expect(ids(back.items)).toEqual(['investigations/case-secret', 'tasks/task-secret', 'notes/note-secret']);
    });

    it('backfills a case again for a member removed and added back', async () => {
      await openAndRestrictedCases();
      await alice.pullAll();
      await ada.push([edit('investigation_access', 'case-secret', { members: [] }, t(20), t(2))]);
      expect(evictions(await alice.pullAll())).toEqual([{ scope: 'case-secret' }]);
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice'] }, t(21), t(20))]);
      const items = await alice.pullAll();
      expect(ids(items)).toEqual(['investigations/case-secret', 'tasks/task-secret', 'notes/note-secret', 'investigation_access/case-secret']);
    });

    it('backfills nothing for a case whose records came after the cursor anyway, nor to a first sync', async () => {
      await bob.pullAll();
      await openAndRestrictedCases();
      await ada.push([edit('investigation_access', 'case-secret', { members: ['alice', 'bob'] }, t(20), t(2))]);
      const items = await bob.pullAll();
      expect(ids(items)).toEqual(['investigations/case-open', 'tasks/task-open', 'investigations/case-secret', 'tasks/task-secret', 'notes/note-secret', 'investigation_access/case-secret']);
    });
  });

  describe('organisations', () => {
    let other: TestDevice;

    beforeEach(async () => {
      await createOrg(opened.db, 'org-b');
      other = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-b', 'oscar', 'admin', 'dev-oscar'));
    });

    it('keeps the same (table, id) in two organisations as two records, each pulled only by its own', async () => {
      await alice.push([edit('investigations', 'case-1', { title: 'Ours' }, t(1))]);
      const response = await other.push([edit('investigations', 'case-1', { title: 'Theirs' }, t(5))]);
      expect(response).toMatchObject({ applied: true, serverSeq: 1, conflicts: 0 });
      expect(recordsOf(await bob.pullAll()).map((record) => valuesOf(record).title)).toEqual(['Ours']);
      expect(recordsOf(await other.pullAll()).map((record) => valuesOf(record).title)).toEqual(['Theirs']);
    });

    it('lets no device of another organisation alter, resolve or restrict our records by naming their ids', async () => {
      await alice.push([edit('investigations', 'case-1', { title: 'A' }, t(5))]);
      await bob.push([edit('investigations', 'case-1', { title: 'B' }, t(3), null)]);
      const conflictId = recordsOf(await alice.pullAll()).find((record) => record.table === 'sync_conflicts')!.id;
      // In org-b these ids name nothing: resolving a conflict that does not exist there is refused.
      await expect(other.push([edit('sync_conflicts', conflictId, { resolution: 'theirs' }, t(9))])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await other.push([edit('investigation_access', 'case-1', { restricted: true, members: [] }, t(9))]);
      const pulled = recordsOf(await ada.pullAll());
      expect(pulled.map((record) => `${record.table}/${record.id}`)).toEqual(['investigations/case-1', `sync_conflicts/${conflictId}`]);
      expect(valuesOf(pulled[1])).not.toHaveProperty('resolution');
      // org-b's restriction of its own case-1 leaves ours open to bob.
      await alice.push([edit('investigations', 'case-1', { severity: 'high' }, t(10), t(5))]);
      expect(ids(await bob.pullAll())).toContain('investigations/case-1');
    });
  });
});
