// Pushing one change-log entry too big for one push (an import's batch entry of up to 5,000 alerts) in
// parts: each part its own transaction, the device's progress inside the entry kept with it, a
// replayed part changing nothing, a part that skips or overlaps refused with where to start, and the
// entry acknowledged (`pushed_seq`) only with its last part.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushPart, PushRequest } from '../../../../src-shared/sync-protocol';
import { pushRequest, SYNC_PROTOCOL, SYNC_SCHEMA } from '../../../../src-shared/sync-protocol';
import type { ServerDatabase } from '../../../../src-server/db/open';
import { SyncError } from '../../../../src-server/errors';
import { applyPush } from '../../../../src-server/sync/push';
import { DIALECTS, openFreshServerDb } from '../support/server-dbs';
import { addMemberDevice, createOrg, edit, heldRecord, hlcAt, NOW, TestDevice, type ChangeInput } from './support/fixtures';

const IMPORT_SEQ = 3;
const ROWS = 1_200;
const PART = 500;

async function refusal(promise: Promise<unknown>): Promise<SyncError> {
  const error: unknown = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof SyncError)) throw new Error(`expected a SyncError, got ${String(error)}`);
  return error;
}

/** The import entry's changes: one alert per row, all at the entry's seq. */
const importChanges: ChangeInput[] = Array.from({ length: ROWS }, (_, index) =>
  edit('alerts', `alert-${String(index).padStart(4, '0')}`, { title: `Alert ${index}`, status: 'new' }, hlcAt(NOW - 1_000)));

/** The part of the import entry from `offset`, as a device sends it after change-log seq `after`. */
function part(after: number, offset: number, size = PART): PushRequest {
  const changes = importChanges.slice(offset, offset + size).map((change) => ({ ...change, seq: IMPORT_SEQ }));
  const partInfo: PushPart = { offset, last: offset + changes.length >= ROWS };
  // Every request goes through the wire schema, as the HTTP route parses it.
  return pushRequest.parse({ protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, batch: { after, upto: IMPORT_SEQ, part: partInfo }, changes, auditHead: null });
}

describe.each(DIALECTS)('pushing an entry in parts on %s', (dialect) => {
  let opened: ServerDatabase;
  let alice: TestDevice;

  const alertIds = async () => (await opened.db.selectFrom('records').select('id').where('tbl', '=', 'alerts').orderBy('id').execute()).map((row) => row.id);
  const device = () => opened.db.selectFrom('devices').select(['pushed_seq', 'pushed_part_seq', 'pushed_part_offset']).where('id', '=', 'dev-alice').executeTakeFirstOrThrow();

  beforeEach(async () => {
    opened = await openFreshServerDb(dialect);
    await createOrg(opened.db, 'org-a');
    alice = new TestDevice(opened.db, await addMemberDevice(opened.db, 'org-a', 'alice', 'analyst', 'dev-alice'));
    // Two ordinary changes first (seqs 1 and 2), so the entry starts past a whole batch.
    await alice.push([edit('investigations', 'case-1', { title: 'Phishing' }, hlcAt(NOW - 2_000)), edit('investigations', 'case-2', { title: 'Fraud' }, hlcAt(NOW - 2_000))]);
  });
  afterEach(async () => {
    await (opened as ServerDatabase | undefined)?.close();
  });

  it('applies a 1,200-row entry as three parts, acknowledging the entry only with the last', async () => {
    const first = await applyPush(opened.db, alice.context, part(2, 0), NOW);
    expect(first).toEqual({ applied: true, pushedSeq: 2, serverSeq: 2 + 500, conflicts: 0, pushedPart: { upto: IMPORT_SEQ, offset: 500 } });
    expect(await device()).toEqual({ pushed_seq: 2, pushed_part_seq: IMPORT_SEQ, pushed_part_offset: 500 });
    const second = await applyPush(opened.db, alice.context, part(2, 500), NOW);
    expect(second).toMatchObject({ applied: true, pushedSeq: 2, pushedPart: { upto: IMPORT_SEQ, offset: 1_000 } });
    const last = await applyPush(opened.db, alice.context, part(2, 1_000), NOW);
    expect(last).toEqual({ applied: true, pushedSeq: IMPORT_SEQ, serverSeq: 2 + ROWS, conflicts: 0 });
    expect(await device()).toEqual({ pushed_seq: IMPORT_SEQ, pushed_part_seq: null, pushed_part_offset: null });
    expect(await alertIds()).toEqual(importChanges.map((change) => change.id));
    expect((await heldRecord(opened.db, 'org-a', 'alerts', 'alert-1199'))?.fields.title).toEqual({ value: 'Alert 1199', hlc: hlcAt(NOW - 1_000), device: 'dev-alice' });

    // The next ordinary batch starts after the entry.
    alice.pushedSeq = IMPORT_SEQ;
    expect(await alice.push([edit('investigations', 'case-1', { title: 'Phishing wave' }, hlcAt(NOW), hlcAt(NOW - 2_000))])).toMatchObject({ applied: true, pushedSeq: IMPORT_SEQ + 1 });
  });

  it('answers a replayed part (its response lost) with where the entry stands, and changes nothing', async () => {
    await applyPush(opened.db, alice.context, part(2, 0), NOW);
    await applyPush(opened.db, alice.context, part(2, 500), NOW);
    const before = await opened.db.selectFrom('records').selectAll().orderBy('seq').execute();
    const replay = await applyPush(opened.db, alice.context, part(2, 500), NOW);
    expect(replay).toEqual({ applied: false, pushedSeq: 2, serverSeq: 1_002, conflicts: 0, pushedPart: { upto: IMPORT_SEQ, offset: 1_000 } });
    expect(await applyPush(opened.db, alice.context, part(2, 0), NOW)).toMatchObject({ applied: false, pushedPart: { offset: 1_000 } });
    expect(await opened.db.selectFrom('records').selectAll().orderBy('seq').execute()).toEqual(before);
    expect(await device()).toEqual({ pushed_seq: 2, pushed_part_seq: IMPORT_SEQ, pushed_part_offset: 1_000 });

    // The last part once in, every part of the entry is a replay.
    await applyPush(opened.db, alice.context, part(2, 1_000), NOW);
    expect(await applyPush(opened.db, alice.context, part(2, 1_000), NOW)).toEqual({ applied: false, pushedSeq: IMPORT_SEQ, serverSeq: 1_202, conflicts: 0 });
    expect(await alertIds()).toHaveLength(ROWS);
  });

  it('refuses a part that skips changes, or overlaps applied ones, naming the entry and the offset to start at', async () => {
    const skipped = await refusal(applyPush(opened.db, alice.context, part(2, 500), NOW));
    expect(skipped.code).toBe('PUSH_GAP');
    expect(skipped.details).toEqual({ expectedAfter: 2, expectedUpto: IMPORT_SEQ, expectedOffset: 0 });
    expect(await alertIds()).toEqual([]);

    await applyPush(opened.db, alice.context, part(2, 0), NOW);
    const skipping = await refusal(applyPush(opened.db, alice.context, part(2, 1_000), NOW));
    expect(skipping.code).toBe('PUSH_GAP');
    expect(skipping.details).toEqual({ expectedAfter: 2, expectedUpto: IMPORT_SEQ, expectedOffset: 500 });
    const overlapping = await refusal(applyPush(opened.db, alice.context, part(2, 400), NOW));
    expect(overlapping.details).toEqual({ expectedAfter: 2, expectedUpto: IMPORT_SEQ, expectedOffset: 500 });
    // A whole batch over the entry under way would send its first changes again; a batch past it would skip the rest.
    const whole = pushRequest.parse({ protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, batch: { after: 2, upto: IMPORT_SEQ }, changes: [{ ...importChanges[0], seq: IMPORT_SEQ }], auditHead: null });
    expect((await refusal(applyPush(opened.db, alice.context, whole, NOW))).details).toEqual({ expectedAfter: 2, expectedUpto: IMPORT_SEQ, expectedOffset: 500 });
    const past = pushRequest.parse({ protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, batch: { after: IMPORT_SEQ, upto: IMPORT_SEQ + 1 }, changes: [{ ...importChanges[0], seq: IMPORT_SEQ + 1 }], auditHead: null });
    expect((await refusal(applyPush(opened.db, alice.context, past, NOW))).details).toEqual({ expectedAfter: 2, expectedUpto: IMPORT_SEQ, expectedOffset: 500 });
    expect(await alertIds()).toHaveLength(500);
    expect(await device()).toEqual({ pushed_seq: 2, pushed_part_seq: IMPORT_SEQ, pushed_part_offset: 500 });
  });

  it('refuses a part whose changes are not all of its entry, or an empty part that is not the last', async () => {
    const mixed = part(2, 0, 3);
    mixed.batch = { after: 1, upto: IMPORT_SEQ, part: { offset: 0, last: false } };
    mixed.changes = mixed.changes.map((change, index) => ({ ...change, seq: index === 0 ? 2 : IMPORT_SEQ }));
    expect((await refusal(applyPush(opened.db, alice.context, mixed, NOW))).code).toBe('INVALID_REQUEST');
    const empty = part(2, 0, 0);
    empty.batch = { after: 2, upto: IMPORT_SEQ, part: { offset: 0, last: false } };
    expect((await refusal(applyPush(opened.db, alice.context, empty, NOW))).code).toBe('INVALID_REQUEST');
    expect(await device()).toEqual({ pushed_seq: 2, pushed_part_seq: null, pushed_part_offset: null });
  });

  it('rolls a refused part back whole: neither its records nor its progress', async () => {
    await applyPush(opened.db, alice.context, part(2, 0), NOW);
    const ahead = part(2, 500);
    ahead.changes = ahead.changes.map((change, index) => (index === 499 ? { ...change, fields: { title: { value: 'late', hlc: hlcAt(NOW + 10 * 60_000), base: null } } } : change));
    expect((await refusal(applyPush(opened.db, alice.context, ahead, NOW))).code).toBe('CLOCK_AHEAD');
    expect(await alertIds()).toHaveLength(500);
    expect(await device()).toMatchObject({ pushed_part_offset: 500 });
  });

  it('still applies an ordinary batch with no part, and its response has no part', async () => {
    const response = await alice.push([edit('tasks', 'task-1', { title: 'Call the bank', investigation_id: 'case-1' }, hlcAt(NOW))]);
    expect(response).toEqual({ applied: true, pushedSeq: 3, serverSeq: 3, conflicts: 0 });
    expect(await device()).toEqual({ pushed_seq: 3, pushed_part_seq: null, pushed_part_offset: null });
  });
});
