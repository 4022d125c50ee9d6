// Access tokens: `v1.<deviceId>.<expiry>.<HMAC-SHA256>`, valid 15 minutes, exchanged for a device
// credential (docs/SYNC.md, "Access tokens"). The signature and expiry prove who is calling; the
// device and member rows, read on every request, decide whether they still may (revocation is at once).
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../../src-shared/permissions';
import { SYNC_LIMITS, type TokenResponse } from '../../src-shared/sync-protocol';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import type { DeviceContext } from './device-context';
import { constantTimeEqual, hashSecret } from './secret-hash';
import { accessTokenKey } from './token-secret';

const TOKEN_VERSION = 'v1';
const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EXPIRY = /^\d{1,15}$/;
/** last_seen_at is written at most this often per device, so every request is not also a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

function signature(key: Buffer, deviceId: string, expiresAt: number): string {
  return createHmac('sha256', key).update(`${TOKEN_VERSION}.${deviceId}.${expiresAt}`).digest('base64url');
}

export function signAccessToken(key: Buffer, deviceId: string, expiresAt: number): string {
  return `${TOKEN_VERSION}.${deviceId}.${expiresAt}.${signature(key, deviceId, expiresAt)}`;
}

/** The device a token names if its signature is genuine (expired or not), else null. No database read. */
export function verifyAccessTokenSignature(key: Buffer, token: string): { deviceId: string; expiresAt: number } | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [version, deviceId, expiry, mac] = parts as [string, string, string, string];
  if (version !== TOKEN_VERSION || !DEVICE_ID.test(deviceId) || !EXPIRY.test(expiry)) return null;
  const expiresAt = Number(expiry);
  if (!constantTimeEqual(mac, signature(key, deviceId, expiresAt))) return null;
  return { deviceId, expiresAt };
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

async function deviceWithMember(db: Kysely<ServerDb>, deviceId: string) {
  return db.selectFrom('devices')
    .innerJoin('members', (join) => join.onRef('members.org_id', '=', 'devices.org_id').onRef('members.id', '=', 'devices.member_id'))
    .select([
      'devices.id as deviceId', 'devices.org_id as orgId', 'devices.member_id as memberId', 'devices.credential_hash as credentialHash',
      'devices.revoked_at as revokedAt', 'devices.last_seen_at as lastSeenAt', 'members.role as role', 'members.disabled_at as memberDisabledAt',
    ])
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
}

type DeviceRow = NonNullable<Awaited<ReturnType<typeof deviceWithMember>>>;

function contextOf(row: DeviceRow): DeviceContext {
  if (row.revokedAt !== null || row.memberDisabledAt !== null) {
    throw new SyncError('DEVICE_REVOKED', 'This device has been revoked, or its member disabled; enrol again to sync.');
  }
  // Roles are checked when a member is written; a row outside the list is a damaged database, refused.
  if (!isRole(row.role)) throw new Error(`Member ${row.memberId} has an unknown role`);
  return { orgId: row.orgId, deviceId: row.deviceId, memberId: row.memberId, role: row.role };
}

/**
 * `POST /v1/token`: a device credential for an access token. A wrong credential and an unknown device
 * are the same UNAUTHENTICATED; only a caller holding the real credential learns it was revoked.
 */
export async function issueAccessToken(db: Kysely<ServerDb>, request: { deviceId: string; credential: string }, now: number): Promise<TokenResponse> {
  const row = await deviceWithMember(db, request.deviceId);
  if (!row || !constantTimeEqual(row.credentialHash, hashSecret(request.credential))) {
    throw new SyncError('UNAUTHENTICATED', 'Unknown device or wrong credential.');
  }
  contextOf(row);
  const expiresAt = now + SYNC_LIMITS.accessTokenMs;
  return { accessToken: signAccessToken(await accessTokenKey(db), row.deviceId, expiresAt), expiresAt };
}

/**
 * Who an access token speaks for, now: a bad or expired token is UNAUTHENTICATED, a revoked device or
 * disabled member DEVICE_REVOKED. `key` lets a server pass the signing key it already read.
 */
export async function authenticate(db: Kysely<ServerDb>, token: string, now: number, key?: Buffer): Promise<DeviceContext> {
  const claim = verifyAccessTokenSignature(key ?? await accessTokenKey(db), token);
  if (!claim) throw new SyncError('UNAUTHENTICATED', 'The access token is not valid.');
  if (claim.expiresAt <= now) throw new SyncError('UNAUTHENTICATED', 'The access token has expired.');
  const row = await deviceWithMember(db, claim.deviceId);
  if (!row) throw new SyncError('UNAUTHENTICATED', 'The access token is not valid.');
  const context = contextOf(row);
  if (row.lastSeenAt === null || row.lastSeenAt <= now - LAST_SEEN_RESOLUTION_MS) {
    await db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', row.deviceId).execute();
  }
  return context;
}
