// Each device's audit rows at the server (docs/SYNC.md, "Audit rows"): kept as sent once every row
// checks against its own hash and the row before, so a log rewritten on the device after it sent its
// rows is found at its next upload and proven by the server's copy; read by the organisation's
// auditors and by no one else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chainHash, GENESIS_HASH } from '../../../../src-main/audit/audit-chain';
import type { PushedAuditRow } from '../../../../src-shared/sync-protocol';
import { DIALECTS } from '../support/server-dbs';
import { PlatformFixture, VERSIONS, bearer, type EnrolledDevice } from './platform-fixture';

/** A log of `count` rows chained from the genesis hash, as a vault writes it; `edit` changes a row's details before it is hashed. */
function auditLog(count: number, edit: (seq: number) => string = () => '{}'): PushedAuditRow[] {
  const rows: PushedAuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const fields = {
      seq, id: `entry-${seq}`, at: 1_700_000_000_000 + seq, actorId: 'u-1', actorName: 'Ana Analyst', action: 'investigations.update',
      target: `case-${seq % 3}`, outcome: 'success' as const, details: edit(seq), originDevice: 'a-analyst',
    };
    const hash = chainHash(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe.each(DIALECTS)('audit rows at the server on %s', (dialect) => {
  let fixture: PlatformFixture;
  let app: FastifyInstance;
  let orgA: string;
  let analystDevice: EnrolledDevice;
  let analystToken: string;
  let auditorToken: string;

  beforeEach(async () => {
    fixture = await PlatformFixture.open(dialect);
    app = await fixture.server();
    orgA = await fixture.organisation('Org A');
    const orgB = await fixture.organisation('Org B');
    analystDevice = await fixture.enrol(app, orgA, await fixture.member(orgA, 'Ana', 'analyst'), 'a-analyst');
    analystToken = await fixture.accessToken(app, analystDevice);
    auditorToken = await fixture.accessToken(app, await fixture.enrol(app, orgA, await fixture.member(orgA, 'Alice', 'admin'), 'a-admin'));
    await fixture.enrol(app, orgB, await fixture.member(orgB, 'Bob', 'admin'), 'b-admin');
  });
  afterEach(async () => {
    await fixture.close();
  });

  const upload = (rows: readonly PushedAuditRow[], token = analystToken) =>
    app.inject({ method: 'POST', url: '/v1/audit-rows', headers: bearer(token), payload: { ...VERSIONS, rows } });
  const held = (deviceId: string, token = auditorToken, after = 0) =>
    app.inject({ method: 'GET', url: `/v1/admin/audit-rows?deviceId=${deviceId}&after=${after}`, headers: bearer(token) });
  const device = (id: string) => fixture.db.selectFrom('devices')
    .select(['audit_seq', 'audit_hash', 'audit_mismatch_at', 'audit_mismatch_seq', 'audit_mismatch_reason']).where('id', '=', id).executeTakeFirstOrThrow();
  const helloHeld = async () => (await app.inject({ method: 'POST', url: '/v1/hello', headers: bearer(analystToken), payload: { ...VERSIONS, app: 'vigil' } }))
    .json<{ device: { auditRowsHeld: number } }>().device.auditRowsHeld;

  it('keeps a device\'s rows in turn, says in the hello how far it holds them, and moves the device\'s head with them', async () => {
    const log = auditLog(8);
    expect(await helloHeld()).toBe(0);
    expect((await upload(log.slice(0, 5))).json()).toEqual({ heldSeq: 5, mismatch: null });
    expect(await helloHeld()).toBe(5);
    expect((await upload(log.slice(5))).json()).toEqual({ heldSeq: 8, mismatch: null });
    expect(await device('a-analyst')).toEqual({ audit_seq: 8, audit_hash: log[7]?.hash, audit_mismatch_at: null, audit_mismatch_seq: null, audit_mismatch_reason: null });
    // Sent again (a reply lost): the same rows change nothing.
    expect((await upload(log.slice(3))).json()).toEqual({ heldSeq: 8, mismatch: null });

    const read = (await held('a-analyst')).json<{ rows: Array<Record<string, unknown>>; heldSeq: number }>();
    expect(read.heldSeq).toBe(8);
    expect(read.rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(read.rows[2]).toMatchObject({ id: 'entry-3', actorName: 'Ana Analyst', action: 'investigations.update', hash: log[2]?.hash, receivedAt: fixture.now, chained: true });
    const after5 = (await held('a-analyst', auditorToken, 5)).json<{ rows: Array<{ seq: number; chained: boolean }> }>();
    expect(after5.rows).toEqual([6, 7, 8].map((seq) => expect.objectContaining({ seq, chained: true })));
  });

  it('refuses the rows of a log rewritten since it sent them, keeps its own copy and records the mismatch for the admins', async () => {
    await upload(auditLog(6));
    // Row 3 edited on the device and the chain recomputed from there: rows 1–6 no longer match what was sent.
    const rewritten = auditLog(9, (seq) => (seq === 3 ? '{"note":"softened"}' : '{}'));
    fixture.now += 60_000;
    expect((await upload(rewritten.slice(6))).json()).toEqual({ heldSeq: 6, mismatch: { seq: 7, reason: 'rewritten' } });
    expect(await device('a-analyst')).toMatchObject({ audit_seq: 6, audit_mismatch_at: fixture.now, audit_mismatch_seq: 7, audit_mismatch_reason: 'rewritten' });
    // The admins' device list says when, at which row and why.
    const listed = (await app.inject({ method: 'GET', url: '/v1/admin/devices', headers: bearer(auditorToken) })).json<{ devices: Array<Record<string, unknown>> }>();
    expect(listed.devices.find((d) => d.id === 'a-analyst')).toMatchObject({ auditMismatchAt: fixture.now, auditMismatchSeq: 7, auditMismatchReason: 'rewritten' });
    expect(listed.devices.find((d) => d.id === 'a-admin')).toMatchObject({ auditMismatchAt: null, auditMismatchSeq: null, auditMismatchReason: null });
    // The held row is sent again otherwise: refused at that row.
    expect((await upload(rewritten.slice(2, 4))).json()).toEqual({ heldSeq: 6, mismatch: { seq: 3, reason: 'rewritten' } });
    const read = (await held('a-analyst')).json<{ rows: Array<{ seq: number; details: string; chained: boolean }> }>();
    expect(read.rows.map((row) => [row.seq, row.details, row.chained])).toEqual([1, 2, 3, 4, 5, 6].map((seq) => [seq, '{}', true]));
  });

  it('takes the rows before one whose hash is not its own fields\' and stops there', async () => {
    const log = auditLog(5);
    // Edited without its hash: the chain is broken at row 4.
    const broken = log.map((row) => (row.seq === 4 ? { ...row, details: '{"edited":true}' } : row));
    expect((await upload(broken)).json()).toEqual({ heldSeq: 3, mismatch: { seq: 4, reason: 'broken' } });
    expect(await device('a-analyst')).toMatchObject({ audit_seq: 3, audit_mismatch_seq: 4, audit_mismatch_reason: 'broken' });
  });

  it('finds a log whose row at the head a push reported was rewritten before its rows were sent', async () => {
    const original = auditLog(4);
    await fixture.db.updateTable('devices').set({ audit_seq: 4, audit_hash: original[3]?.hash ?? '' }).where('id', '=', 'a-analyst').execute();
    const rewritten = auditLog(4, (seq) => (seq === 2 ? '{"other":1}' : '{}'));
    expect((await upload(rewritten)).json()).toEqual({ heldSeq: 3, mismatch: { seq: 4, reason: 'rewritten' } });
  });

  it('takes rows below the head a push already reported, leaving that head as it is', async () => {
    const log = auditLog(8);
    await fixture.db.updateTable('devices').set({ audit_seq: 8, audit_hash: log[7]?.hash ?? '' }).where('id', '=', 'a-analyst').execute();
    const response = await upload(log.slice(0, 5));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ heldSeq: 5, mismatch: null });
    expect(await device('a-analyst')).toMatchObject({ audit_seq: 8, audit_hash: log[7]?.hash, audit_mismatch_at: null });
    expect((await upload(log.slice(5))).json()).toEqual({ heldSeq: 8, mismatch: null });
  });

  it('refuses rows that skip past the last one held, or that are not consecutive', async () => {
    const log = auditLog(6);
    await upload(log.slice(0, 2));
    const gap = await upload(log.slice(3));
    expect(gap.statusCode).toBe(409);
    expect(gap.json().error).toMatchObject({ code: 'PUSH_GAP', details: { expectedAfter: 2 } });
    const holed = await upload([log[2], log[4]].filter((row): row is PushedAuditRow => row !== undefined));
    expect(holed.statusCode).toBe(400);
    expect(holed.json().error.code).toBe('INVALID_REQUEST');
    expect(await helloHeld()).toBe(2);
  });

  it('shows a device\'s rows to its organisation\'s auditors only, and says when the server\'s copy no longer checks', async () => {
    await upload(auditLog(3));
    const analystRead = await held('a-analyst', analystToken);
    expect(analystRead.statusCode).toBe(403);
    expect(analystRead.json().error.code).toBe('FORBIDDEN');
    const otherOrg = await held('b-admin');
    const none = await held('no-such-device');
    expect([otherOrg.statusCode, none.statusCode]).toEqual([404, 404]);
    expect(otherOrg.json()).toEqual(none.json());

    // Someone with the server's database edits a held row: the auditors' read says which no longer checks.
    await fixture.db.updateTable('audit_rows').set({ canonical: JSON.stringify([2, 'entry-2', 0, null, null, 'x', null, 'success', '{}', 'a-analyst']) })
      .where('device_id', '=', 'a-analyst').where('seq', '=', 2).execute();
    const read = (await held('a-analyst')).json<{ rows: Array<{ seq: number; chained: boolean }> }>();
    expect(read.rows.map((row) => [row.seq, row.chained])).toEqual([[1, true], [2, false], [3, true]]);
  });
});
