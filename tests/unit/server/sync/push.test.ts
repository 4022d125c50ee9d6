import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../../../../src-server/db/open';
import { SyncError } from '../../../../src-server/errors';
import { applyPush } from '../../../../src-server/sync/push';
import { DIALECTS, openFreshServerDb } from '../support/server-dbs';
import { addMemberDevice, createOrg, deletion, edit, heldRecord, hlcAt, NOW, recordsOf, TestDevice, valuesOf } from './support/fixtures';

const t = (offsetMs: number): string => hlcAt(NOW + offsetMs);

async function refusal(promise: Promise<unknown>): Promise<SyncError> {
  const error: unknown = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof SyncError)) throw new Error(`expected a SyncError, got ${String(error)}`);
  return error;
}

describe.each(DIALECTS)('pushing changes on %s', (dialect) => {
  let opened: ServerDatabase;
  let alice: TestDevice;
  let bob: TestDevice;

  beforeEach(async () => {
    opened = await openFreshServerDb(dialect);
    await createOrg(opened.db, 'org-a');
    alice = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'alice', 'analyst', 'dev-alice'));
    bob = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'bob', 'analyst', 'dev-bob'));
  });
  afterEach(async () => {
    // Undefined when opening failed: the failure is the test's, not the cleanup's.
    await (opened as ServerDatabase | undefined)?.close();
  });

  it('applies a batch, stamps it with the pushing device and gives each record the next organisation sequence', async () => {
    const response = await alice.push([
      edit('investigations', 'case-1', { title: 'Phishing', status: 'open' }, t(1)),
      edit('tasks', 'task-1', { title: 'Call the bank', investigation_id: 'case-1' }, t(2)),
    ]);
    expect(response).toEqual({ applied: true, pushedSeq: 2, serverSeq: 2, conflicts: 0 });
    const task = await heldRecord(opened.db, 'org-a', 'tasks', 'task-1');
    expect(task).toMatchObject({ seq: 2, scope: 'case-1' });
    expect(task?.fields.title).toEqual({ value: 'Call the bank', hlc: t(2), device: 'dev-alice' });
  });

  it('answers a replayed batch with the same acknowledgement and changes nothing', async () => {
    const batch = alice.nextBatch([edit('investigations', 'case-1', { title: 'Phishing' }, t(1))]);
    await applyPush(opened.db, alice.context, batch, NOW);
    await bob.push([edit('investigations', 'case-1', { severity: 'high' }, t(2), t(1))]);
    const before = await opened.db.selectFrom('records').selectAll().orderBy('seq').execute();
    const replay = await applyPush(opened.db, alice.context, batch, NOW);
    expect(replay).toEqual({ applied: false, pushedSeq: 1, serverSeq: 2, conflicts: 0 });
    expect(await opened.db.selectFrom('records').selectAll().orderBy('seq').execute()).toEqual(before);
  });

  it('refuses a batch that does not start where the server stopped, naming where it did', async () => {
    await alice.push([edit('investigations', 'case-1', { title: 'A' }, t(1))]);
    const skipping = { ...alice.nextBatch([edit('investigations', 'case-1', { title: 'B' }, t(2))]) };
    skipping.batch = { after: 3, upto: 4 };
    skipping.changes = skipping.changes.map((change) => ({ ...change, seq: 4 }));
    const error = await refusal(applyPush(opened.db, alice.context, skipping, NOW));
    expect(error.code).toBe('PUSH_GAP');
    expect(error.details).toEqual({ expectedAfter: 1 });
    expect((await heldRecord(opened.db, 'org-a', 'investigations', 'case-1'))?.fields.title?.value).toBe('A');
  });

  it('refuses a change whose seq lies outside its batch', async () => {
    const batch = alice.nextBatch([edit('investigations', 'case-1', { title: 'A' }, t(1))]);
    batch.changes = batch.changes.map((change) => ({ ...change, seq: 7 }));
    expect((await refusal(applyPush(opened.db, alice.context, batch, NOW))).code).toBe('INVALID_REQUEST');
  });

  it('refuses a batch with a stamp more than five minutes ahead, applies none of it, and records the skew', async () => {
    const batch = alice.nextBatch([
      edit('investigations', 'case-1', { title: 'fine' }, t(1)),
      edit('investigations', 'case-2', { title: 'from the future' }, t(6 * 60_000)),
    ]);
    const error = await refusal(applyPush(opened.db, alice.context, batch, NOW));
    expect(error.code).toBe('CLOCK_AHEAD');
    expect(error.details).toEqual({ serverTime: NOW, aheadMs: 6 * 60_000 });
    expect(await opened.db.selectFrom('records').selectAll().execute()).toEqual([]);
    const device = await opened.db.selectFrom('devices').select(['pushed_seq', 'clock_ahead_ms']).where('id', '=', 'dev-alice').executeTakeFirstOrThrow();
    expect(device).toEqual({ pushed_seq: 0, clock_ahead_ms: 6 * 60_000 });
    // The same batch once the server's clock has caught up goes in whole.
    expect((await applyPush(opened.db, alice.context, batch, NOW + 2 * 60_000)).applied).toBe(true);
  });

  it('refuses a tombstone stamped ahead of the clock too', async () => {
    const error = await refusal(alice.push([deletion('investigations', 'case-1', t(10 * 60_000))]));
    expect(error.code).toBe('CLOCK_AHEAD');
  });

  it('keeps sequences strictly increasing, and a pull after each push sees every change', async () => {
    const seen: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const device = round % 2 === 0 ? alice : bob;
      const response = await device.push([
        edit('investigations', `case-${round}`, { title: `Case ${round}` }, t(round * 10)),
        edit('tasks', `task-${round}`, { title: 'Look', investigation_id: `case-${round}` }, t(round * 10 + 1)),
      ]);
      expect(response.serverSeq).toBe((round + 1) * 2);
      const pulled = recordsOf(await alice.pullAll());
      expect(pulled.map((record) => record.id)).toEqual([`case-${round}`, `task-${round}`]);
      seen.push(...pulled.map((record) => record.seq));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('merges edits of different fields from two devices into one record', async () => {
    await alice.push([edit('investigations', 'case-1', { title: 'Phishing', severity: 'low' }, t(1))]);
    await bob.push([edit('investigations', 'case-1', { severity: 'high' }, t(5), t(1))]);
    await alice.push([edit('investigations', 'case-1', { title: 'Phishing wave' }, t(3), t(1))]);
    const record = await heldRecord(opened.db, 'org-a', 'investigations', 'case-1');
    expect(record?.fields.title).toEqual({ value: 'Phishing wave', hlc: t(3), device: 'dev-alice' });
    expect(record?.fields.severity).toEqual({ value: 'high', hlc: t(5), device: 'dev-bob' });
    expect(await opened.db.selectFrom('records').select('id').where('tbl', '=', 'sync_conflicts').execute()).toEqual([]);
  });

  it('keeps an older write out without moving the record\'s sequence', async () => {
    await alice.push([edit('investigations', 'case-1', { severity: 'high' }, t(5))]);
    const response = await bob.push([edit('investigations', 'case-1', { severity: 'low' }, t(2))]);
    expect(response).toMatchObject({ applied: true, serverSeq: 1 });
    expect((await heldRecord(opened.db, 'org-a', 'investigations', 'case-1'))?.fields.severity?.value).toBe('high');
  });

  it('ignores the client\'s word on who wrote a field: the stamp names the authenticated device', async () => {
    const batch = alice.nextBatch([edit('investigations', 'case-1', { title: 'A' }, t(1))]);
    const claimed = { ...batch, changes: batch.changes.map((change) => ({ ...change, device: 'dev-bob' })) };
    await applyPush(opened.db, alice.context, claimed, NOW);
    expect((await heldRecord(opened.db, 'org-a', 'investigations', 'case-1'))?.fields.title?.device).toBe('dev-alice');
  });

  describe('conflicts', () => {
    it('raises a text_edit conflict record in the case\'s scope with both sides, who wrote them and when', async () => {
      await alice.push([edit('investigations', 'case-1', { title: 'Phishing', status: 'open' }, t(1))]);
      await bob.pullAll();
      await bob.push([edit('investigations', 'case-1', { title: 'Phishing (finance)' }, t(5), t(1))]);
      const response = await alice.push([edit('investigations', 'case-1', { title: 'Phishing wave' }, t(3), t(1))]);
      expect(response.conflicts).toBe(1);

      const conflicts = recordsOf(await bob.pullAll()).filter((record) => record.table === 'sync_conflicts');
      expect(conflicts).toHaveLength(1);
      expect(valuesOf(conflicts[0])).toEqual({
        kind: 'text_edit',
        record_table: 'investigations',
        record_id: 'case-1',
        field: 'title',
        scope: 'case-1',
        raised_at: NOW,
        sides: [
          { value: 'Phishing (finance)', hlc: t(5), device: 'dev-bob', memberId: 'bob', at: NOW + 5 },
          { value: 'Phishing wave', hlc: t(3), device: 'dev-alice', memberId: 'alice', at: NOW + 3 },
        ],
      });
      expect((await heldRecord(opened.db, 'org-a', 'sync_conflicts', conflicts[0]!.id))?.scope).toBe('case-1');
      // The winner by stamp is applied anyway.
      expect((await heldRecord(opened.db, 'org-a', 'investigations', 'case-1'))?.fields.title?.value).toBe('Phishing (finance)');
    });

    it('raises a verdict conflict when an alert is acknowledged on one device and dismissed on another', async () => {
      await alice.push([edit('alerts', 'alert-1', { status: 'new', investigation_id: null }, t(1))]);
      await alice.push([edit('alerts', 'alert-1', { status: 'acknowledged' }, t(4), t(1))]);
      const response = await bob.push([edit('alerts', 'alert-1', { status: 'dismissed' }, t(6), t(1))]);
      expect(response.conflicts).toBe(1);
      const conflict = recordsOf(await alice.pullAll()).find((record) => record.table === 'sync_conflicts');
      expect(valuesOf(conflict)).toMatchObject({ kind: 'verdict', record_table: 'alerts', record_id: 'alert-1', field: 'status', scope: null });
    });

    it('raises closed_elsewhere when a case closed on one device is changed on another from before the close', async () => {
      await alice.push([edit('investigations', 'case-1', { title: 'Case', status: 'open' }, t(1))]);
      await alice.push([edit('investigations', 'case-1', { status: 'closed' }, t(4), t(1))]);
      await bob.push([edit('investigations', 'case-1', { status: 'in_progress' }, t(6), t(1))]);
      const conflict = recordsOf(await alice.pullAll()).find((record) => record.table === 'sync_conflicts');
      expect(valuesOf(conflict)).toMatchObject({ kind: 'closed_elsewhere', record_id: 'case-1', field: 'status' });
      expect(valuesOf(conflict).sides).toMatchObject([{ value: 'closed', memberId: 'alice' }, { value: 'in_progress', memberId: 'bob' }]);
    });

    it('keeps a deleted record deleted when an older edit arrives, raising nothing', async () => {
      await alice.push([edit('tasks', 'task-1', { title: 'Look', investigation_id: 'case-1' }, t(1))]);
      await alice.push([deletion('tasks', 'task-1', t(5))]);
      const response = await bob.push([edit('tasks', 'task-1', { title: 'Look closer' }, t(3), t(1))]);
      expect(response.conflicts).toBe(0);
      expect(await heldRecord(opened.db, 'org-a', 'tasks', 'task-1')).toMatchObject({ deleted: true });
    });

    it('keeps a deleted record deleted when a newer edit arrives, and raises deleted_edited holding it', async () => {
      await alice.push([edit('tasks', 'task-1', { title: 'Look', investigation_id: 'case-1' }, t(1))]);
      await alice.push([deletion('tasks', 'task-1', t(5))]);
      const response = await bob.push([edit('tasks', 'task-1', { title: 'Look closer' }, t(8), t(1))]);
      expect(response.conflicts).toBe(1);
      const pulled = recordsOf(await alice.pullAll());
      expect(pulled.find((record) => record.id === 'task-1')?.deleted).toEqual({ hlc: t(5), device: 'dev-alice' });
      const conflict = pulled.find((record) => record.table === 'sync_conflicts');
      expect(valuesOf(conflict)).toMatchObject({ kind: 'deleted_edited', record_table: 'tasks', record_id: 'task-1', scope: 'case-1' });
      expect(valuesOf(conflict).sides).toMatchObject([{ value: null, device: 'dev-alice' }, { value: { title: 'Look closer' }, device: 'dev-bob' }]);
    });

    it('brings a deleted record back with a restore newer than its tombstone (a deleted_edited resolution), raising nothing new', async () => {
      await alice.push([edit('tasks', 'task-1', { title: 'Look', investigation_id: 'case-1' }, t(1))]);
      await alice.push([deletion('tasks', 'task-1', t(5))]);
      expect((await bob.push([edit('tasks', 'task-1', { title: 'Look closer' }, t(8), t(1))])).conflicts).toBe(1);
      // Bob keeps his edit: a restore and the edit again, stamped after everything.
      const restore = await bob.push([edit('tasks', 'task-1', { _restored: true, title: 'Look closer' }, t(9), t(8))]);
      expect(restore.conflicts).toBe(0);
      const pulled = recordsOf(await alice.pullAll()).find((record) => record.id === 'task-1');
      expect(pulled?.deleted).toEqual({ hlc: t(5), device: 'dev-alice' });
      expect(pulled?.fields._restored).toEqual({ value: true, hlc: t(9), device: 'dev-bob' });
      expect(valuesOf(pulled)).toMatchObject({ title: 'Look closer' });
      // A delete after the restore deletes it again, and an edit after that is held apart once more.
      await alice.push([deletion('tasks', 'task-1', t(12))]);
      expect((await bob.push([edit('tasks', 'task-1', { title: 'Look again' }, t(15), t(9))])).conflicts).toBe(1);
    });

    it('raises the same two writes meeting again only once', async () => {
      await alice.push([edit('investigations', 'case-1', { title: 'A' }, t(5))]);
      expect((await bob.push([edit('investigations', 'case-1', { title: 'B' }, t(3), null)])).conflicts).toBe(1);
      // A second device of the same member repeating bob's write (restored vault) meets the same stamps.
      const again = await bob.push([edit('investigations', 'case-1', { title: 'B' }, t(3), null)]);
      expect(again.conflicts).toBe(0);
      expect(await opened.db.selectFrom('records').select('id').where('tbl', '=', 'sync_conflicts').execute()).toHaveLength(1);
    });

    it('lets a member resolve a conflict with an ordinary push of its resolution fields, and nothing else', async () => {
      await alice.push([edit('investigations', 'case-1', { title: 'A' }, t(5))]);
      await bob.push([edit('investigations', 'case-1', { title: 'B' }, t(3), null)]);
      const conflictId = recordsOf(await bob.pullAll()).find((record) => record.table === 'sync_conflicts')!.id;

      const rewrite = await refusal(bob.push([edit('sync_conflicts', conflictId, { kind: 'text_edit', sides: [] }, t(9))]));
      expect(rewrite.code).toBe('FORBIDDEN');
      expect((await refusal(bob.push([deletion('sync_conflicts', conflictId, t(9))]))).code).toBe('FORBIDDEN');
      expect((await refusal(bob.push([edit('sync_conflicts', 'made-up', { resolution: 'x' }, t(9))]))).code).toBe('FORBIDDEN');

      await bob.push([edit('sync_conflicts', conflictId, { resolved_at: NOW, resolved_by: 'bob', resolution: 'kept A' }, t(9))]);
      const resolved = await heldRecord(opened.db, 'org-a', 'sync_conflicts', conflictId);
      expect(resolved?.fields.resolution?.value).toBe('kept A');
      expect(resolved?.fields.kind?.value).toBe('text_edit');
    });
  });

  it('keeps the first copy of an append-only note and ignores a different second copy', async () => {
    await alice.push([edit('notes', 'note-1', { body: 'first', investigation_id: 'case-1' }, t(1))]);
    const response = await bob.push([edit('notes', 'note-1', { body: 'second', investigation_id: 'case-1' }, t(9))]);
    expect(response.serverSeq).toBe(1);
    await bob.push([edit('notes', 'note-2', { body: 'another', investigation_id: 'case-1' }, t(10))]);
    const notes = recordsOf(await alice.pullAll()).filter((record) => record.table === 'notes');
    expect(notes.map((note) => [note.id, valuesOf(note).body])).toEqual([['note-1', 'first'], ['note-2', 'another']]);
  });

  describe('permissions', () => {
    it('refuses a viewer\'s push whole with FORBIDDEN naming the record', async () => {
      const viewer = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'vera', 'viewer', 'dev-vera'));
      await alice.push([edit('investigations', 'case-1', { title: 'A' }, t(1))]);
      const error = await refusal(viewer.push([edit('investigations', 'case-1', { title: 'B' }, t(2), t(1))]));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.details).toEqual({ table: 'investigations', id: 'case-1' });
      const device = await opened.db.selectFrom('devices').select('pushed_seq').where('id', '=', 'dev-vera').executeTakeFirstOrThrow();
      expect(device.pushed_seq).toBe(0);
    });

    it('refuses a whole batch when one record is forbidden, applying none of the others', async () => {
      const error = await refusal(alice.push([
        edit('investigations', 'case-1', { title: 'A' }, t(1)),
        edit('investigation_access', 'case-1', { restricted: true, members: ['alice'] }, t(2)),
      ]));
      expect(error.details).toEqual({ table: 'investigation_access', id: 'case-1' });
      expect(await opened.db.selectFrom('records').selectAll().execute()).toEqual([]);
    });

    it('refuses an analyst writing into a restricted case they are not in, and lets a listed member write', async () => {
      const admin = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'ada', 'admin', 'dev-ada'));
      await admin.push([
        edit('investigations', 'case-r', { title: 'Insider' }, t(1)),
        edit('investigation_access', 'case-r', { restricted: true, members: ['alice'] }, t(1)),
      ]);
      const error = await refusal(bob.push([edit('tasks', 'task-1', { title: 'Peek', investigation_id: 'case-r' }, t(2))]));
      expect(error.details).toEqual({ table: 'tasks', id: 'task-1' });
      // Moving a readable alert into the restricted case is a write there too.
      await bob.push([edit('alerts', 'alert-1', { status: 'new', investigation_id: null }, t(2))]);
      expect((await refusal(bob.push([edit('alerts', 'alert-1', { investigation_id: 'case-r' }, t(3), t(2))]))).code).toBe('FORBIDDEN');
      expect((await alice.push([edit('tasks', 'task-1', { title: 'Look', investigation_id: 'case-r' }, t(4))])).applied).toBe(true);
    });

    it('refuses a malformed restriction instead of guessing what it meant', async () => {
      const admin = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'ada', 'admin', 'dev-ada'));
      const error = await refusal(admin.push([edit('investigation_access', 'case-1', { restricted: 'yes', members: 'alice' }, t(1))]));
      expect(error.code).toBe('INVALID_REQUEST');
    });
  });

  describe('audit head', () => {
    const hash = (digit: string): string => digit.repeat(64);

    it('stores a head that moves forward, and records a mismatch for one that goes back or changes its hash', async () => {
      const pushWithHead = (seq: number, digit: string, at: number) => {
        const batch = alice.nextBatch([edit('investigations', `case-${at}`, { title: 'x' }, t(at))]);
        return applyPush(opened.db, alice.context, { ...batch, auditHead: { seq, hash: hash(digit) } }, NOW + at).then((response) => {
          alice.pushedSeq = response.pushedSeq;
        });
      };
      const device = () => opened.db.selectFrom('devices').select(['audit_seq', 'audit_hash', 'audit_mismatch_at']).where('id', '=', 'dev-alice').executeTakeFirstOrThrow();
      await pushWithHead(10, 'a', 1);
      expect(await device()).toEqual({ audit_seq: 10, audit_hash: hash('a'), audit_mismatch_at: null });
      await pushWithHead(10, 'a', 2);
      expect((await device()).audit_mismatch_at).toBeNull();
      await pushWithHead(8, 'b', 3);
      expect(await device()).toEqual({ audit_seq: 10, audit_hash: hash('a'), audit_mismatch_at: NOW + 3 });
      await pushWithHead(10, 'c', 4);
      expect(await device()).toEqual({ audit_seq: 10, audit_hash: hash('a'), audit_mismatch_at: NOW + 4 });
    });
  });
});
