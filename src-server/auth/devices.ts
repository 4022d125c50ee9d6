// The devices of an organisation, as its admins see them, and revocation (docs/SYNC.md). Every query
// names the organisation: a device of another one is NOT_FOUND like one that does not exist.
import type { Kysely } from 'kysely';
import { AUDIT_MISMATCH_REASONS, type AuditHead, type AuditMismatchReason } from '../../src-shared/sync-protocol';
import type { SyncDeviceView } from '../../src-shared/sync-contract';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';

/**
 * A device as the admin API lists it: what the app's Sync screen shows, and the server's own marks.
 * The audit mismatch goes out as its three columns, as the admin API publishes them (docs/SYNC.md,
 * "Audit rows"); the vault's transport gathers them into the screen's `auditMismatch`.
 */
export interface DeviceSummary extends Omit<SyncDeviceView, 'auditMismatch'> {
  pushedSeq: number;
  auditHead: AuditHead | null;
  auditMismatchAt: number | null;
  /** At the last mismatch found in its audit rows: the first row the server did not take, and why (docs/SYNC.md, "Audit rows"). */
  auditMismatchSeq: number | null;
  auditMismatchReason: AuditMismatchReason | null;
}

const isMismatchReason = (value: string | null): value is AuditMismatchReason => (AUDIT_MISMATCH_REASONS as readonly (string | null)[]).includes(value);

export async function listDevices(db: Kysely<ServerDb>, orgId: string): Promise<DeviceSummary[]> {
  const rows = await db.selectFrom('devices')
    .innerJoin('members', (join) => join.onRef('members.org_id', '=', 'devices.org_id').onRef('members.id', '=', 'devices.member_id'))
    .select([
      'devices.id', 'devices.name', 'devices.member_id', 'members.name as member_name', 'devices.enrolled_at', 'devices.last_seen_at',
      'devices.revoked_at', 'devices.pushed_seq', 'devices.clock_ahead_ms', 'devices.audit_seq', 'devices.audit_hash', 'devices.audit_mismatch_at',
      'devices.audit_mismatch_seq', 'devices.audit_mismatch_reason',
    ])
    .where('devices.org_id', '=', orgId)
    .orderBy('devices.enrolled_at').orderBy('devices.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    memberId: row.member_id,
    memberName: row.member_name,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    pushedSeq: row.pushed_seq,
    clockAheadMs: row.clock_ahead_ms,
    auditHead: row.audit_seq === null || row.audit_hash === null ? null : { seq: row.audit_seq, hash: row.audit_hash },
    auditMismatchAt: row.audit_mismatch_at,
    auditMismatchSeq: row.audit_mismatch_seq,
    auditMismatchReason: isMismatchReason(row.audit_mismatch_reason) ? row.audit_mismatch_reason : null,
  }));
}

/** The organisation a device belongs to, for the operator's CLI, which names a device by id alone. */
export async function organisationOfDevice(db: Kysely<ServerDb>, deviceId: string): Promise<string> {
  const row = await db.selectFrom('devices').select('org_id').where('id', '=', deviceId).executeTakeFirst();
  if (!row) throw new SyncError('NOT_FOUND', 'No such device.');
  return row.org_id;
}

/**
 * Revokes a device of the organisation: from now on its tokens and credential are refused. Its
 * records stay. Revoking twice keeps the first time.
 */
export async function revokeDevice(db: Kysely<ServerDb>, orgId: string, deviceId: string, now: number): Promise<{ deviceId: string; revokedAt: number }> {
  const row = await db.selectFrom('devices').select('revoked_at').where('org_id', '=', orgId).where('id', '=', deviceId).executeTakeFirst();
  if (!row) throw new SyncError('NOT_FOUND', 'No such device in this organisation.');
  if (row.revoked_at !== null) return { deviceId, revokedAt: row.revoked_at };
  await db.updateTable('devices').set({ revoked_at: now }).where('org_id', '=', orgId).where('id', '=', deviceId).where('revoked_at', 'is', null).execute();
  return { deviceId, revokedAt: now };
}
