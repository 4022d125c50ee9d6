// A device's audit-log rows (docs/SYNC.md, "Audit rows"): the server keeps each device's log as it was
// sent, checked row by row, so a log rewritten on the device later is proven against the server's
// copy, and the organisation's auditors read every device's log in one place.
//
// Each upload is consecutive rows, oldest first, from right after the last row held. In one
// transaction, serialised per device (its row is updated first), every row is checked:
// - a row the server already holds must come with the same hash;
// - the next row must name the last held row's hash as its previous one (and a head a push reported
//   at that seq must be its hash);
// - its own hash must be SHA-256 of that previous hash and its canonical text (src-shared/audit-row.ts).
// The first row that fails stops the upload there: the rows before it are kept, the server's copy
// stays as it was, and the device's mismatch (when, which row, why) is recorded for the admins.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalAuditRow, type ChainedFields } from '../../src-shared/audit-row';
import type { AuditRowsResponse, PushedAuditRow } from '../../src-shared/sync-protocol';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';

type Mismatch = NonNullable<AuditRowsResponse['mismatch']>;

const chainHash = (prevHash: string, canonical: string) => createHash('sha256').update(prevHash).update(canonical).digest('hex');

/** Rows of one upload must be consecutive: anything else is a client's mistake, refused whole. */
function assertConsecutive(rows: readonly PushedAuditRow[]): void {
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    if (before !== undefined && row.seq !== before.seq + 1) {
      throw new SyncError('INVALID_REQUEST', 'Audit rows are sent consecutive, oldest first.', { seq: row.seq, after: before.seq });
    }
  });
}

export async function receiveAuditRows(db: Kysely<ServerDb>, context: DeviceContext, rows: readonly PushedAuditRow[], now: number): Promise<AuditRowsResponse> {
  assertConsecutive(rows);
  return db.transaction().execute(async (tx) => {
    // Updated first: a second upload of the same device waits here (PostgreSQL's row lock; SQLite serialises every transaction).
    const device = await tx.updateTable('devices').set((eb) => ({ audit_seq: eb.ref('audit_seq') }))
      .where('org_id', '=', context.orgId).where('id', '=', context.deviceId)
      .returning(['audit_seq', 'audit_hash']).executeTakeFirst();
    if (device === undefined) throw new SyncError('NOT_FOUND', 'No such device.');
    const deviceRows = tx.selectFrom('audit_rows').where('org_id', '=', context.orgId).where('device_id', '=', context.deviceId);
    const last = await deviceRows.select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const heldSeq = last?.seq ?? 0;
    const first = rows[0] as PushedAuditRow;
    // Nothing held yet: the log may start anywhere (the device's oldest row). Else it goes on from the last row held.
    if (heldSeq > 0 && first.seq > heldSeq + 1) {
      throw new SyncError('PUSH_GAP', 'The audit rows do not start after the last one the server holds.', { expectedAfter: heldSeq });
    }
    // Rows sent again (a reply lost): the hashes held for them. A new upload starts past the last row held and reads none.
    const held = new Map(first.seq > heldSeq ? [] : (await deviceRows.select(['seq', 'hash']).where('seq', '>=', first.seq).where('seq', '<=', heldSeq).execute())
      .map((row) => [row.seq, row.hash]));

    let mismatch: Mismatch | null = null;
    let previous = last?.hash ?? null;
    const taken: Array<PushedAuditRow & { canonical: string }> = [];
    for (const row of rows) {
      if (row.seq <= heldSeq) {
        if (held.get(row.seq) !== row.hash) {
          mismatch = { seq: row.seq, reason: 'rewritten' };
          break;
        }
        continue;
      }
      const reportedHead = device.audit_seq === row.seq ? device.audit_hash : null;
      if ((previous !== null && row.prevHash !== previous) || (reportedHead !== null && reportedHead !== row.hash)) {
        mismatch = { seq: row.seq, reason: 'rewritten' };
        break;
      }
      const canonical = canonicalAuditRow(row);
      if (chainHash(row.prevHash, canonical) !== row.hash) {
        mismatch = { seq: row.seq, reason: 'broken' };
        break;
      }
      taken.push({ ...row, canonical });
      previous = row.hash;
    }

    if (taken.length > 0) {
      await tx.insertInto('audit_rows').values(taken.map((row) => ({
        org_id: context.orgId, device_id: context.deviceId, seq: row.seq, canonical: row.canonical,
        prev_hash: row.prevHash, hash: row.hash, received_at: now,
      }))).execute();
    }
    const newest = taken[taken.length - 1];
    const head = newest !== undefined && newest.seq > (device.audit_seq ?? 0) ? { audit_seq: newest.seq, audit_hash: newest.hash } : {};
    const flagged = mismatch ? { audit_mismatch_at: now, audit_mismatch_seq: mismatch.seq, audit_mismatch_reason: mismatch.reason } : {};
    const changes = { ...head, ...flagged };
    if (Object.keys(changes).length > 0) {
      await tx.updateTable('devices').set(changes)
        .where('org_id', '=', context.orgId).where('id', '=', context.deviceId).execute();
    }
    return { heldSeq: newest?.seq ?? heldSeq, mismatch };
  });
}

/** The last of the device's audit rows the server holds (0: none). */
export async function heldAuditSeq(db: Kysely<ServerDb>, orgId: string, deviceId: string): Promise<number> {
  const last = await db.selectFrom('audit_rows').select('seq').where('org_id', '=', orgId).where('device_id', '=', deviceId)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.seq ?? 0;
}

/** An audit row as the organisation's auditors read it: its fields, its hashes, and whether the server's copy still checks. */
export interface HeldAuditRow extends ChainedFields {
  prevHash: string;
  hash: string;
  receivedAt: number;
  /** The hash is SHA-256 of the previous hash and the row's text, and the previous hash is the row before's (when it is held). */
  chained: boolean;
}

const CANONICAL_FIELDS = ['seq', 'id', 'at', 'actorId', 'actorName', 'action', 'target', 'outcome', 'details', 'originDevice'] as const;

/** A device's rows after `after`, oldest first, for a member with `audit_access` of its organisation (NOT_FOUND for a device of another). */
export async function readAuditRows(db: Kysely<ServerDb>, orgId: string, deviceId: string, after: number, limit: number): Promise<{ rows: HeldAuditRow[]; heldSeq: number }> {
  const device = await db.selectFrom('devices').select('id').where('org_id', '=', orgId).where('id', '=', deviceId).executeTakeFirst();
  if (device === undefined) throw new SyncError('NOT_FOUND', 'No such device.');
  const stored = await db.selectFrom('audit_rows').select(['seq', 'canonical', 'prev_hash', 'hash', 'received_at'])
    .where('org_id', '=', orgId).where('device_id', '=', deviceId).where('seq', '>=', Math.max(after, 1))
    .orderBy('seq').limit(limit + 1).execute();
  // The row at `after` is read too, to check the first returned row's link to it.
  let previous = stored[0]?.seq === after ? stored.shift() ?? null : null;
  const rows = stored.slice(0, limit).map((row) => {
    const fields = JSON.parse(row.canonical) as unknown[];
    const named = Object.fromEntries(CANONICAL_FIELDS.map((name, i) => [name, fields[i]])) as unknown as ChainedFields;
    const linked = previous === null || previous.seq !== row.seq - 1 || previous.hash === row.prev_hash;
    previous = row;
    return { ...named, prevHash: row.prev_hash, hash: row.hash, receivedAt: row.received_at, chained: linked && chainHash(row.prev_hash, row.canonical) === row.hash };
  });
  return { rows, heldSeq: await heldAuditSeq(db, orgId, deviceId) };
}
