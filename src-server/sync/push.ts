// Applying a device's push (docs/SYNC.md, "Push"): one transaction that serialises the organisation,
// tells a replay or a gap from the next batch, merges every change into the held records, checks the
// member may make each write, raises conflicts, and hands every record written the organisation's
// next sequence. A refused push changes nothing (but the clock skew it saw, kept for the admins).
// An entry too big for one push comes in parts (`batch.part`): the device's progress inside it is
// kept beside `pushed_seq` and checked like it, so a part is applied once and none is skipped.
import type { Kysely } from 'kysely';
import type { PushRequest, PushResponse, PushedChange } from '../../src-shared/sync-protocol';
import { SYNC_LIMITS } from '../../src-shared/sync-protocol';
import { DELETED_FIELD, syncTableRule } from '../../src-shared/sync-tables';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import { mergeBatch } from './merge-batch';
import { assertAccessChangeShape } from './restrictions';
import { hlcWallMs } from './stamps';

export async function applyPush(db: Kysely<ServerDb>, context: DeviceContext, request: PushRequest, now: number): Promise<PushResponse> {
  assertChangesFitBatch(request);
  const aheadMs = clockAheadMs(request.changes, now);
  if (aheadMs > SYNC_LIMITS.clockAheadMs) {
    // Kept apart from the refused push so the admins' device list shows the skew.
    await db.updateTable('devices').set({ clock_ahead_ms: aheadMs })
      .where('org_id', '=', context.orgId).where('id', '=', context.deviceId).execute();
    throw new SyncError('CLOCK_AHEAD', 'This device\'s clock is ahead of the server\'s; fix the clock, nothing it wrote is lost.', { serverTime: now, aheadMs });
  }

  return db.transaction().execute(async (tx) => {
    // Updating the organisation's row first takes its lock on PostgreSQL (a second push of the same
    // organisation waits here until this one commits), so sequences commit in the order handed out
    // and a reader never sees n without everything below it. SQLite serialises every transaction.
    const org = await tx.updateTable('orgs').set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', context.orgId).returning('seq').executeTakeFirst();
    const device = await tx.selectFrom('devices').select(['pushed_seq', 'pushed_part_seq', 'pushed_part_offset', 'audit_seq', 'audit_hash'])
      .where('org_id', '=', context.orgId).where('id', '=', context.deviceId).executeTakeFirst();
    if (org === undefined || device === undefined) throw new SyncError('NOT_FOUND', 'No such device.');
    const inPart = partUnderWay(device);

    const unchanged = (): PushResponse => ({ applied: false, pushedSeq: device.pushed_seq, serverSeq: org.seq, conflicts: 0, ...(inPart ? { pushedPart: inPart } : {}) });
    if (request.batch.upto <= device.pushed_seq) return unchanged();
    if (request.batch.after !== device.pushed_seq) throw pushGap(device.pushed_seq, inPart);
    const part = request.batch.part;
    // Where this batch must start inside its entry: where the parts stopped, or its start.
    const expectedOffset = inPart?.upto === request.batch.upto ? inPart.offset : 0;
    if (inPart !== null && inPart.upto !== request.batch.upto) throw pushGap(device.pushed_seq, inPart);
    if (part === undefined) {
      // A whole batch over an entry begun in parts would send its first changes twice.
      if (inPart !== null) throw pushGap(device.pushed_seq, inPart);
    } else {
      // A part the server has already applied whole (its response was lost): nothing changes.
      if (!part.last && part.offset + request.changes.length <= expectedOffset) return unchanged();
      if (part.offset !== expectedOffset) throw pushGap(device.pushed_seq, { upto: request.batch.upto, offset: expectedOffset });
    }

    const merged = await mergeBatch(tx, context, request.changes, org.seq, now);
    await tx.updateTable('orgs').set({ seq: merged.seq }).where('id', '=', context.orgId).execute();
    const progress = part !== undefined && !part.last
      ? { pushed_part_seq: request.batch.upto, pushed_part_offset: part.offset + request.changes.length }
      : { pushed_seq: request.batch.upto, pushed_part_seq: null, pushed_part_offset: null };
    await tx.updateTable('devices')
      .set({ ...progress, ...auditHeadUpdate(device, request.auditHead, now) })
      .where('org_id', '=', context.orgId).where('id', '=', context.deviceId).execute();
    const response: PushResponse = { applied: true, pushedSeq: progress.pushed_seq ?? device.pushed_seq, serverSeq: merged.seq, conflicts: merged.conflicts };
    return progress.pushed_part_seq === null ? response : { ...response, pushedPart: { upto: progress.pushed_part_seq, offset: progress.pushed_part_offset } };
  });
}

interface PartProgress {
  upto: number;
  offset: number;
}

/** The entry the device is pushing in parts, and how many of its changes are in; null between entries. */
function partUnderWay(device: { pushed_seq: number; pushed_part_seq: number | null; pushed_part_offset: number | null }): PartProgress | null {
  if (device.pushed_part_seq === null || device.pushed_part_seq <= device.pushed_seq) return null;
  return { upto: device.pushed_part_seq, offset: device.pushed_part_offset ?? 0 };
}

/** A batch that does not start where the server stopped: where it did (inside an entry: which, and at which change). */
function pushGap(pushedSeq: number, inPart: PartProgress | null): SyncError {
  return new SyncError('PUSH_GAP', 'The batch does not start where the server stopped.', {
    expectedAfter: pushedSeq,
    ...(inPart ? { expectedUpto: inPart.upto, expectedOffset: inPart.offset } : {}),
  });
}

/** Every change inside the batch's range, and no field named like the tombstone. */
function assertChangesFitBatch(request: PushRequest): void {
  const { after, upto, part } = request.batch;
  // A part is one entry's changes (the entry `upto`); only its last part may be empty (rows gone since).
  if (part !== undefined && !part.last && request.changes.length === 0) {
    throw new SyncError('INVALID_REQUEST', 'A part of an entry carries at least one change, or is its last.', { upto, offset: part.offset });
  }
  for (const change of request.changes) {
    if (part !== undefined && change.seq !== upto) {
      throw new SyncError('INVALID_REQUEST', `A part carries changes of one entry, seq ${upto}.`, { table: change.table, id: change.id, seq: change.seq });
    }
    if (change.seq <= after || change.seq > upto) {
      throw new SyncError('INVALID_REQUEST', `A change's seq lies outside its batch (${after}, ${upto}].`, { table: change.table, id: change.id, seq: change.seq });
    }
    if (Object.hasOwn(change.fields, DELETED_FIELD)) {
      throw new SyncError('INVALID_REQUEST', `${DELETED_FIELD} is the tombstone, not a field: send deleted instead.`, { table: change.table, id: change.id });
    }
    if (change.table === 'investigation_access') assertAccessChangeShape(change);
    if (syncTableRule(change.table).writtenBy === 'server' && change.fields.resolved_by !== undefined && typeof change.fields.resolved_by.value !== 'string') {
      throw new SyncError('INVALID_REQUEST', 'resolved_by names the member who resolved the conflict.', { table: change.table, id: change.id });
    }
  }
}

/** How far the latest stamp of the batch is ahead of `now` (0 or less: not ahead). */
function clockAheadMs(changes: readonly PushedChange[], now: number): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const change of changes) {
    for (const field of Object.values(change.fields)) latest = Math.max(latest, hlcWallMs(field.hlc));
    if (change.deleted) latest = Math.max(latest, hlcWallMs(change.deleted.hlc));
  }
  return latest - now;
}

interface StoredAuditHead {
  audit_seq: number | null;
  audit_hash: string | null;
}

/**
 * The device's audit head moves forward only (docs/SYNC.md, "Audit head"). A head below the stored
 * one, or the same seq with another hash, means the local log was rewritten: the push still applies
 * (the team's work is not held hostage), the stored head stays, and the mismatch time is recorded for
 * the organisation's admins.
 */
function auditHeadUpdate(stored: StoredAuditHead, head: PushRequest['auditHead'], now: number): { audit_seq?: number; audit_hash?: string; audit_mismatch_at?: number } {
  if (head === null) return {};
  if (stored.audit_seq === null || head.seq > stored.audit_seq) return { audit_seq: head.seq, audit_hash: head.hash };
  if (head.seq === stored.audit_seq && head.hash === stored.audit_hash) return {};
  return { audit_mismatch_at: now };
}
