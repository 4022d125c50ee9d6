// The body of a push inside its transaction: merges a batch's changes into the records they touch,
// refuses the whole batch at the first write the member may not make, turns the conflicts raised into
// conflict records, and writes everything with fresh organisation sequences. Reads and writes go in
// bulk: one query per table touched, not one per change or field.
import type { Kysely } from 'kysely';
import type { PushedChange } from '../../src-shared/sync-protocol';
import { syncTableRule, type SyncTable } from '../../src-shared/sync-tables';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import { loadScopeAccess, writeRefusal } from './access';
import { conflictId, conflictRecordFields, type ConflictSubject } from './conflicts';
import { loadHeldRecords, recordKey, writeHeldRecords, type HeldRow } from './held-records';
import { mergeChange, type HeldRecord, type MergeConflict } from './merge';
import { restrictionOf, storeRestriction } from './restrictions';
import { scopeOf, scopeParent } from './scope';

/** A record the batch touches: as held before the batch, and as merged so far. */
interface TouchedRecord {
  table: SyncTable;
  id: string;
  before: HeldRow | null;
  current: HeldRecord | null;
  changed: boolean;
  fieldNames: Set<string>;
  deletes: boolean;
  scopeAfter: string | null;
}

export interface MergedBatch {
  /** The organisation's sequence after the batch. */
  seq: number;
  /** Conflicts raised now (not those the same writes raised before). */
  conflicts: number;
}

export async function mergeBatch(db: Kysely<ServerDb>, context: DeviceContext, changes: readonly PushedChange[], orgSeq: number, now: number): Promise<MergedBatch> {
  const held = await loadHeldRecords(db, context.orgId, changes);
  const touched = new Map<string, TouchedRecord>();
  const raised: Array<{ key: string; conflict: MergeConflict }> = [];

  for (const change of changes) {
    const key = recordKey(change.table, change.id);
    let record = touched.get(key);
    if (record === undefined) {
      const before = held.get(key) ?? null;
      record = { table: change.table, id: change.id, before, current: before?.record ?? null, changed: false, fieldNames: new Set(), deletes: false, scopeAfter: null };
      touched.set(key, record);
    }
    const result = mergeChange(syncTableRule(change.table), record.current, change, context.deviceId);
    record.current = result.record;
    record.changed ||= result.changed;
    for (const name of Object.keys(change.fields)) record.fieldNames.add(name);
    record.deletes ||= change.deleted !== undefined;
    for (const conflict of result.conflicts) raised.push({ key, conflict });
  }

  await computeScopes(db, context.orgId, touched);
  await refuseForbiddenWrites(db, context, touched);

  let seq = orgSeq;
  // Records the batch creates (read absent above, under the organisation's lock) and those it changes.
  const writes = { fresh: [] as HeldRow[], held: [] as HeldRow[] };
  for (const record of touched.values()) {
    if (!record.changed || record.current === null) continue;
    seq += 1;
    (record.before === null ? writes.fresh : writes.held).push(rowAfterWrite(record, record.current, seq));
  }
  // Conflict records the organisation does not hold yet (newConflictRows read them absent).
  const conflictRows = await newConflictRows(db, context.orgId, touched, raised, now);
  for (const row of conflictRows) {
    seq += 1;
    writes.fresh.push({ ...row, seq });
  }
  await writeHeldRecords(db, context.orgId, writes);

  for (const record of touched.values()) {
    if (record.table === 'investigation_access' && record.changed && record.current !== null) {
      await storeRestriction(db, context.orgId, record.id, restrictionOf(record.current));
    }
  }
  return { seq, conflicts: conflictRows.length };
}

/** The scope of every touched record, after the batch; custody looks up its evidence, in the batch or held. */
async function computeScopes(db: Kysely<ServerDb>, orgId: string, touched: Map<string, TouchedRecord>): Promise<void> {
  const parents: Array<{ table: SyncTable; id: string }> = [];
  for (const record of touched.values()) {
    const parent = record.current === null ? null : scopeParent(record.table, record.current);
    if (parent !== null && !touched.has(recordKey(parent.table, parent.id))) parents.push(parent);
  }
  const heldParents = parents.length === 0 ? new Map<string, HeldRow>() : await loadHeldRecords(db, orgId, parents);
  const parentScope = (table: SyncTable, id: string): string | null => {
    const key = recordKey(table, id);
    const inBatch = touched.get(key);
    if (inBatch?.current) return scopeOf(table, id, inBatch.current, () => null);
    return heldParents.get(key)?.scope ?? null;
  };
  for (const record of touched.values()) {
    record.scopeAfter = record.current === null ? null : scopeOf(record.table, record.id, record.current, parentScope);
  }
}

/** Refuses the whole batch, naming the first record (in the batch's order) the member may not write. */
async function refuseForbiddenWrites(db: Kysely<ServerDb>, context: DeviceContext, touched: Map<string, TouchedRecord>): Promise<void> {
  const scopes = [...touched.values()].flatMap((record) => [record.before?.scope ?? null, record.scopeAfter]);
  const access = await loadScopeAccess(db, context.orgId, context.memberId, scopes);
  for (const record of touched.values()) {
    const refusal = writeRefusal(context.role, {
      table: record.table,
      isNew: record.before === null,
      fieldNames: [...record.fieldNames],
      deletes: record.deletes,
      scopeBefore: record.before?.scope ?? null,
      scopeAfter: record.scopeAfter,
    }, access);
    if (refusal !== null) {
      throw new SyncError('FORBIDDEN', `This member may not write this record: ${refusal}.`, { table: record.table, id: record.id });
    }
  }
}

/** The row to write for a changed record: a move to another scope remembers the one it left, for evictions. */
function rowAfterWrite(record: TouchedRecord, merged: HeldRecord, seq: number): HeldRow {
  const before = record.before;
  const moved = before !== null && before.scope !== record.scopeAfter;
  return {
    table: record.table,
    id: record.id,
    seq,
    scope: record.scopeAfter,
    prevScope: moved ? before.scope : (before?.prevScope ?? null),
    scopeChangedSeq: moved ? seq : (before?.scopeChangedSeq ?? null),
    record: merged,
  };
}

/** Conflict records for the conflicts raised, leaving out any the organisation already holds (the same two writes met before). */
async function newConflictRows(db: Kysely<ServerDb>, orgId: string, touched: Map<string, TouchedRecord>, raised: Array<{ key: string; conflict: MergeConflict }>, now: number): Promise<Array<Omit<HeldRow, 'seq'>>> {
  if (raised.length === 0) return [];
  const candidates = new Map<string, { subject: ConflictSubject; conflict: MergeConflict }>();
  for (const { key, conflict } of raised) {
    const record = touched.get(key)!;
    const subject: ConflictSubject = { table: record.table, id: record.id, scope: record.scopeAfter };
    const id = conflictId(subject, conflict);
    if (!candidates.has(id)) candidates.set(id, { subject, conflict });
  }
  const existing = await loadHeldRecords(db, orgId, [...candidates.keys()].map((id) => ({ table: 'sync_conflicts' as const, id })));
  const fresh = [...candidates].filter(([id]) => !existing.has(recordKey('sync_conflicts', id)));
  if (fresh.length === 0) return [];

  const deviceIds = [...new Set(fresh.flatMap(([, { conflict }]) => conflict.sides.map((side) => side.device)))];
  const devices = await db.selectFrom('devices').select(['id', 'member_id'])
    .where('org_id', '=', orgId).where('id', 'in', deviceIds).execute();
  const memberByDevice = new Map(devices.map((device) => [device.id, device.member_id]));
  const memberOf = (deviceId: string): string | null => memberByDevice.get(deviceId) ?? null;

  return fresh.map(([id, { subject, conflict }]) => ({
    table: 'sync_conflicts' as const,
    id,
    scope: subject.scope,
    prevScope: null,
    scopeChangedSeq: null,
    record: { fields: conflictRecordFields(subject, conflict, memberOf, now), deleted: null },
  }));
}
