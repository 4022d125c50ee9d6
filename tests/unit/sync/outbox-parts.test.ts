// An import's change-log entry bigger than a push (one entry per INSERT of up to 5,000 alerts) leaves
// the outbox in parts of at most the push limit, each pushed to the real server (SQLite) and
// acknowledged apart; the vault records how far into the entry it has come, so a restart, a lost
// response or a server that is behind resumes at the right change and no alert is lost or sent twice.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../src-shared/sync-protocol';
import { pushRequest, SYNC_PROTOCOL, SYNC_SCHEMA } from '../../../src-shared/sync-protocol';
import type { ServerDatabase } from '../../../src-server/db/open';
import type { DeviceContext } from '../../../src-server/auth/device-context';
import { SyncError } from '../../../src-server/errors';
import { applyPush } from '../../../src-server/sync/push';
import { markPushed, readOutbox, type OutboxBatch } from '../../../src-main/sync/outbox';
import { readPushedPart } from '../../../src-main/sync/pushed-part';
import { thisDevice } from '../../../src-main/sync/local-changes';
import { readSyncState } from '../../../src-main/sync/sync-state';
import type { TestVault } from '../support/test-core';
import { openFreshServerDb } from '../server/support/server-dbs';
import { addMemberDevice, createOrg } from '../server/sync/support/fixtures';
import { signedInVault, type SyncVault } from './support/sync-vaults';

const ALERTS = 1_200;
const vaults: TestVault[] = [];
let server: ServerDatabase;

beforeEach(async () => {
  server = await openFreshServerDb('sqlite');
  await createOrg(server.db, 'org-a');
});
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
  await (server as ServerDatabase | undefined)?.close();
});

/** One import of `count` alerts: a single change-log batch entry for them (and one for their entities). */
async function importMany(v: SyncVault, count: number): Promise<string[]> {
  const lines = ['alert_id,timestamp,rule,title,severity,user,src_ip', ...Array.from({ length: count }, (_, i) =>
    `bulk-${i},${new Date(Date.UTC(2026, 4, 1) + i * 5_400_000).toISOString()},rule-${i % 2},Seen ${i},high,user-${i % 3},10.0.${Math.floor(i / 250)}.${i % 250}`)];
  const path = join(v.vault.dir, 'bulk.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await v.cli.invoke('alerts.importFile', { path, source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
  return (v.db().prepare("SELECT id FROM alerts WHERE external_id LIKE 'bulk-%' ORDER BY id").all() as { id: string }[]).map((r) => r.id);
}

async function enrolled(): Promise<{ a: SyncVault; device: DeviceContext }> {
  const a = await signedInVault(vaults);
  return { a, device: await addMemberDevice(server.db, 'org-a', 'alice', 'analyst', thisDevice(a.db()).id) };
}

/** The outbox's next batch from the vault's cursor, pushed as the client sends it (through the wire schema). */
async function pushNext(a: SyncVault, device: DeviceContext, outbox: OutboxBatch = readOutbox(a.db(), readSyncState(a.db()).pushedSeq)): Promise<PushResponse> {
  const request = pushRequest.parse({ protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA, batch: outbox.batch, changes: outbox.changes, auditHead: null });
  return applyPush(server.db, device, request, Date.now());
}

/**
 * Pushes batch after batch up to and including the first part of the alerts' entry `entry`, recording
 * each acknowledgement with `mark` (the batch as readOutbox gave it, unless the test says otherwise).
 */
async function pushThroughFirstPart(a: SyncVault, device: DeviceContext, entry: number, mark: (outbox: OutboxBatch) => void = (outbox) => markPushed(a.db(), outbox.batch, outbox.changes)): Promise<void> {
  for (let rounds = 0; ; rounds += 1) {
    expect(rounds).toBeLessThan(20);
    const outbox = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
    await pushNext(a, device, outbox);
    mark(outbox);
    if (outbox.batch.upto === entry) return;
  }
}

const serverAlertIds = async () => (await server.db.selectFrom('records').select('id').where('tbl', '=', 'alerts').orderBy('id').execute()).map((row) => row.id);
const lastSeq = (v: SyncVault) => (v.db().prepare('SELECT max(seq) AS seq FROM change_log').get() as { seq: number }).seq;
const alertEntrySeq = (v: SyncVault) => (v.db().prepare("SELECT seq FROM change_log WHERE table_name = 'alerts' AND first_rid IS NOT NULL").get() as { seq: number }).seq;

describe('pushing an entry bigger than a push, in parts', () => {
  it('sends a 1,200-alert import entry as three parts of at most 500, and the server ends holding every alert', async () => {
    const { a, device } = await enrolled();
    const alertIds = await importMany(a, ALERTS);
    expect(alertIds).toHaveLength(ALERTS);
    const entry = alertEntrySeq(a);

    const alertParts: Array<{ offset: number; last: boolean; changes: number }> = [];
    for (let rounds = 0; readSyncState(a.db()).pushedSeq < lastSeq(a); rounds += 1) {
      expect(rounds).toBeLessThan(20);
      const outbox = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
      expect(outbox.changes.length).toBeLessThanOrEqual(500);
      if (outbox.batch.part) {
        expect(outbox.oversized).toBe(true);
        expect(new Set(outbox.changes.map((change) => change.seq))).toEqual(new Set([outbox.batch.upto]));
      }
      if (outbox.batch.upto === entry) alertParts.push({ ...outbox.batch.part!, changes: outbox.changes.length });
      const response = await pushNext(a, device, outbox);
      expect(response.applied).toBe(true);
      markPushed(a.db(), outbox.batch, outbox.changes);
      expect(readSyncState(a.db()).pushedSeq).toBe(response.pushedSeq);
    }
    expect(alertParts).toEqual([{ offset: 0, last: false, changes: 500 }, { offset: 500, last: false, changes: 500 }, { offset: 1_000, last: true, changes: 200 }]);
    expect(await serverAlertIds()).toEqual(alertIds);
    expect(readPushedPart(a.db())).toBeNull();
    expect((await server.db.selectFrom('devices').select(['pushed_seq', 'pushed_part_seq']).where('id', '=', device.deviceId).executeTakeFirstOrThrow()))
      .toEqual({ pushed_seq: lastSeq(a), pushed_part_seq: null });
    // Every alert's creation is the vault's field clock now: the outbox is empty.
    expect(readOutbox(a.db(), readSyncState(a.db()).pushedSeq).changes).toEqual([]);
  });

  it('resumes after a crash that lost part 2\'s acknowledgement: the resent part is a replay, then part 3 goes in', async () => {
    const { a, device } = await enrolled();
    const alertIds = await importMany(a, ALERTS);
    const entry = alertEntrySeq(a);
    // Everything before the alerts' entry, then its first part, recorded the older way (a bare upto).
    await pushThroughFirstPart(a, device, entry, (outbox) => markPushed(a.db(), outbox.batch.upto, outbox.changes));
    const cursor = readSyncState(a.db()).pushedSeq;
    expect(cursor).toBeLessThan(entry);
    expect(readPushedPart(a.db())).toEqual({ seq: entry, offset: 500 });

    // Part 2 reaches the server, but the vault stops before markPushed.
    const second = readOutbox(a.db(), cursor);
    expect(second.batch.part).toEqual({ offset: 500, last: false });
    expect(await pushNext(a, device, second)).toMatchObject({ applied: true, pushedSeq: cursor, pushedPart: { upto: entry, offset: 1_000 } });
    const serverSeq = (await server.db.selectFrom('orgs').select('seq').executeTakeFirstOrThrow()).seq;

    // After the restart the vault knows of part 1 only: it sends part 2 again, the server changes nothing.
    const again = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
    expect(again.batch).toEqual(second.batch);
    expect(again.changes.map((change) => change.id)).toEqual(second.changes.map((change) => change.id));
    expect(await pushNext(a, device, again)).toEqual({ applied: false, pushedSeq: cursor, serverSeq, conflicts: 0, pushedPart: { upto: entry, offset: 1_000 } });
    markPushed(a.db(), again.batch, again.changes);
    expect(readPushedPart(a.db())).toEqual({ seq: entry, offset: 1_000 });

    const third = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
    expect(third.batch).toEqual({ after: cursor, upto: entry, part: { offset: 1_000, last: true } });
    expect(third.changes).toHaveLength(200);
    expect(await pushNext(a, device, third)).toMatchObject({ applied: true, pushedSeq: entry });
    markPushed(a.db(), third.batch, third.changes);
    expect(readSyncState(a.db()).pushedSeq).toBe(entry);
    expect(readPushedPart(a.db())).toBeNull();
    expect(await serverAlertIds()).toEqual(alertIds);
  });

  it('rebuilds from the offset a PUSH_GAP names when the vault is ahead of the server inside the entry', async () => {
    const { a, device } = await enrolled();
    const alertIds = await importMany(a, ALERTS);
    const entry = alertEntrySeq(a);
    await pushThroughFirstPart(a, device, entry);
    // The vault believes part 2 went in too (the server's database was restored from before it, say).
    const second = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
    markPushed(a.db(), second.batch, second.changes);
    const skipping = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
    expect(skipping.batch.part).toEqual({ offset: 1_000, last: true });
    const error: unknown = await pushNext(a, device, skipping).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('PUSH_GAP');
    const details = (error as SyncError).details as { expectedAfter: number; expectedOffset: number };
    expect(details).toEqual({ expectedAfter: readSyncState(a.db()).pushedSeq, expectedUpto: entry, expectedOffset: 500 });

    // The client rebuilds from where the server stopped, and the entry completes.
    for (let offset: number | undefined = details.expectedOffset; ;) {
      const outbox = readOutbox(a.db(), details.expectedAfter, undefined, offset === undefined ? {} : { partOffset: offset });
      expect(await pushNext(a, device, outbox)).toMatchObject({ applied: true });
      markPushed(a.db(), outbox.batch, outbox.changes);
      offset = undefined;
      if (outbox.batch.part?.last === true) break;
    }
    expect(readSyncState(a.db()).pushedSeq).toBe(entry);
    expect(await serverAlertIds()).toEqual(alertIds);
  });

  it('skips no row when rows the first part carried are purged before the next part', async () => {
    const { a, device } = await enrolled();
    const alertIds = await importMany(a, ALERTS);
    const entry = alertEntrySeq(a);
    await pushThroughFirstPart(a, device, entry);
    const first = (await serverAlertIds()).filter((id) => alertIds.includes(id));
    expect(first).toHaveLength(500);
    // A retention purge removes three alerts the first part already carried.
    const purged = first.slice(10, 13);
    a.db().transaction(() => {
      const ids = JSON.stringify(purged);
      a.db().prepare('DELETE FROM alert_sightings WHERE alert_id IN (SELECT value FROM json_each(?))').run(ids);
      a.db().prepare('DELETE FROM alert_entities WHERE alert_rid IN (SELECT rid FROM alerts WHERE id IN (SELECT value FROM json_each(?)))').run(ids);
      a.db().prepare('DELETE FROM alerts WHERE id IN (SELECT value FROM json_each(?))').run(ids);
    })();

    for (let rounds = 0; readSyncState(a.db()).pushedSeq < lastSeq(a); rounds += 1) {
      expect(rounds).toBeLessThan(20);
      const outbox = readOutbox(a.db(), readSyncState(a.db()).pushedSeq);
      expect(await pushNext(a, device, outbox)).toMatchObject({ applied: true });
      markPushed(a.db(), outbox.batch, outbox.changes);
    }
    // Every alert reached the server: the purged ones with the first part, the others after it.
    expect(await serverAlertIds()).toEqual(alertIds);
  });

  it('leaves an ordinary batch as it was: whole seqs, no part, acknowledged at once', async () => {
    const { a, device } = await enrolled();
    const created = await a.cli.invoke('investigations.create', { title: 'Phishing' });
    await a.cli.invoke('tasks.add', { investigationId: created.id, title: 'Call the bank' });
    const outbox = readOutbox(a.db(), 0);
    expect(outbox.batch).toEqual({ after: 0, upto: lastSeq(a) });
    expect(outbox.oversized).toBe(false);
    expect(await pushNext(a, device, outbox)).toEqual(expect.objectContaining({ applied: true, pushedSeq: lastSeq(a) }));
    markPushed(a.db(), outbox.batch, outbox.changes);
    expect(readSyncState(a.db()).pushedSeq).toBe(lastSeq(a));
    expect(readPushedPart(a.db())).toBeNull();
  });

  it('refuses a part offset that is not a count of changes', async () => {
    const { a } = await enrolled();
    expect(() => readOutbox(a.db(), 0, 500, { partOffset: -1 })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
