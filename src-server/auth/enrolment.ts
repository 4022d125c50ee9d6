// Enrolment (docs/SYNC.md, "Organisations, members, devices"): an admin makes a one-time token for a
// member; a vault trades it, once, for a device and that device's credential.
import type { Kysely } from 'kysely';
import { SYNC_LIMITS, type EnrolResponse } from '../../src-shared/sync-protocol';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import { hashSecret, newSecret } from './secret-hash';

export interface EnrolToken {
  /** Shown once; the server keeps only its hash. */
  token: string;
  memberId: string;
  expiresAt: number;
}

/** A one-time enrolment token for an enabled member of the organisation; any other member is NOT_FOUND. */
export async function createEnrolToken(db: Kysely<ServerDb>, orgId: string, memberId: string, now: number): Promise<EnrolToken> {
  const member = await db.selectFrom('members').select('id')
    .where('org_id', '=', orgId).where('id', '=', memberId).where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!member) throw new SyncError('NOT_FOUND', 'No such member in this organisation.');
  const token = newSecret();
  const expiresAt = now + SYNC_LIMITS.enrolTokenMs;
  await db.insertInto('enrol_tokens')
    .values({ token_hash: hashSecret(token), org_id: orgId, member_id: memberId, created_at: now, expires_at: expiresAt, used_at: null, device_id: null })
    .execute();
  return { token, memberId, expiresAt };
}

const INVALID = 'This enrolment token is unknown, used or expired; ask an admin for a new one.';

/**
 * `POST /v1/enrol`. Marking the token used and creating the device are one transaction, and the mark
 * is a conditional update, so of two concurrent uses exactly one succeeds. Unknown, used and expired
 * tokens get the same error, so a guess learns nothing.
 */
export async function enrolDevice(
  db: Kysely<ServerDb>,
  request: { token: string; deviceId: string; deviceName: string },
  now: number,
): Promise<EnrolResponse> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx.updateTable('enrol_tokens')
      .set({ used_at: now, device_id: request.deviceId })
      .where('token_hash', '=', hashSecret(request.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['org_id', 'member_id'])
      .executeTakeFirst();
    if (!claimed) throw new SyncError('ENROL_TOKEN_INVALID', INVALID);
    const member = await trx.selectFrom('members').select('disabled_at')
      .where('org_id', '=', claimed.org_id).where('id', '=', claimed.member_id)
      .executeTakeFirst();
    // A member disabled after the token was made: the token is as dead as an expired one.
    if (!member || member.disabled_at !== null) throw new SyncError('ENROL_TOKEN_INVALID', INVALID);
    const existing = await trx.selectFrom('devices').select('id').where('id', '=', request.deviceId).executeTakeFirst();
    // Rolling back leaves the token unused, so the vault can enrol again under a fresh id.
    if (existing) throw new SyncError('INVALID_REQUEST', 'This device id is already enrolled; enrol under a new one.', { issues: [{ path: ['deviceId'], code: 'taken' }] });
    const credential = newSecret();
    await trx.insertInto('devices').values({
      id: request.deviceId, org_id: claimed.org_id, member_id: claimed.member_id, name: request.deviceName,
      credential_hash: hashSecret(credential), enrolled_at: now, revoked_at: null, last_seen_at: now,
      audit_seq: null, audit_hash: null, audit_mismatch_at: null, clock_ahead_ms: null,
    }).execute();
    return { deviceId: request.deviceId, orgId: claimed.org_id, memberId: claimed.member_id, credential };
  });
}
