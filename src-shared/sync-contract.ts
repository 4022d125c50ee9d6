// Channels of the sync client (docs/SYNC.md, "Client runtime"). Gathered into the one contract by
// contract.ts. The status is for any session (the indicator is on every screen, and carries no vault
// data). Enrolling, disconnecting, pausing and resuming change where this vault's data goes: they are
// administration (admin_access, which admins hold: choosing the organisation's server is theirs to
// do, as the server's own enrolment tokens are made by its admins; system_config is super-admin only
// and about this installation's settings). "Sync now" is anyone's who edits (modify_investigations):
// it sends what they wrote. Conflicts are read with read_investigations and resolved with
// modify_investigations, like the edit a resolution is.
import { z } from 'zod';
import { channel, anySession, needs } from './channel';
import { ROLES, type Role } from './permissions';
import type { AuditMismatchReason } from './sync-protocol';

export const SYNC_STATES = ['off', 'idle', 'syncing', 'paused', 'offline', 'error', 'update_required', 'clock_ahead'] as const;
export type SyncRunState = (typeof SYNC_STATES)[number];

export interface SyncStatus {
  state: SyncRunState;
  lastSyncedAt: number | null;
  /** This device's change-log entries the server has not acknowledged (entries, not records: an import counts once). */
  pendingChanges: number;
  lastError: { code: string; message: string; details?: Record<string, unknown> } | null;
  /** A first sync's pull: the server sequence reached of the head. */
  progress: { done: number; total: number } | null;
  /** Evidence files moving in this round, while they move (absent otherwise). */
  files?: EvidenceFileProgress;
  /** Server time minus this device's time at the last hello. */
  clockSkewMs: number | null;
  /** With `clock_ahead`: how far the refused stamp was ahead of the server. */
  aheadMs?: number;
  /** This vault's audit log against the head the server holds for this device, at the last hello (absent before one). */
  auditLog?: AuditLogCheck;
}

/**
 * One direction of a round's evidence files: uploads first, then downloads. `files` and `bytes` are
 * the files this direction moves in the round and their sizes; a file found not ready on the server
 * (its uploader has not finished) or damaged on the way leaves both totals, as it moves next round.
 * `bytesDone` counts what the other side holds of them so far, a resumed file's earlier chunks included.
 */
export interface EvidenceFileProgress {
  direction: 'upload' | 'download';
  filesDone: number;
  files: number;
  bytesDone: number;
  bytes: number;
}

/**
 * The newest audit entry this device sent the server (`serverSeq`, null when it sent none), and
 * whether this vault's log still holds it as sent: not, when the log was rewritten since
 * (docs/SYNC.md, "Audit head").
 */
export interface AuditLogCheck {
  serverSeq: number | null;
  matches: boolean;
}

export const SYNC_CONFLICT_KINDS = ['text_edit', 'verdict', 'closed_elsewhere', 'deleted_edited'] as const;
export type SyncConflictKind = (typeof SYNC_CONFLICT_KINDS)[number];

/** One side of a conflict as the server recorded it: a value, its stamp, and who wrote it. */
export const syncConflictSide = z.object({
  value: z.json(),
  hlc: z.string(),
  device: z.string(),
  memberId: z.string().nullable().optional(),
  at: z.number().optional(),
});
export type SyncConflictSide = z.infer<typeof syncConflictSide>;

/** A conflict the server raised, as the vault holds it (`sync/conflicts.ts`) and the renderer lists it. */
export interface SyncConflict {
  id: string;
  kind: SyncConflictKind;
  recordTable: string;
  recordId: string;
  field: string | null;
  scope: string | null;
  /** `[held, incoming]` as the server saw them; for `deleted_edited` the tombstone (value null), then the edit (the edited fields by name). */
  sides: SyncConflictSide[];
  raisedAt: number;
}

/** What the channels return: the conflict itself, read-only. */
export type SyncConflictView = Readonly<SyncConflict>;

export interface SyncEnrolmentView {
  serverUrl: string;
  deviceId: string;
  orgId: string;
  memberId: string;
}

/** This vault's enrolment as the Sync screen shows it; `device` is what the server says of it (null when it did not answer). */
export interface SyncEnrolmentDetail {
  serverUrl: string;
  deviceId: string;
  /** Null when the server does not answer, or is older than this field. */
  organisation: { id: string; name: string } | null;
  /** `memberName` is null from a server older than that field. */
  device: { name: string; memberId: string; memberName: string | null; role: string } | null;
  /** Why `device` is null: the server's code, or OFFLINE. */
  deviceError: { code: string; message: string } | null;
}

/** A device of the organisation, as the server's admin API lists it. */
export interface SyncDeviceView {
  id: string;
  name: string;
  memberId: string;
  memberName: string;
  enrolledAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
  /** How far ahead of the server this device's clock was last seen, when it was. */
  clockAheadMs: number | null;
  /** Its audit log no longer matches the copy the server holds; null when it does (or the server is older than this). */
  auditMismatch: SyncDeviceAuditMismatch | null;
}

/**
 * When the server last found a device's audit log not matching its copy, and where (docs/SYNC.md,
 * "Audit head", "Audit rows"). `seq` and `reason` are the first row the server refused and why; both
 * null when only the head a push carried went back (rows deleted, with none written past them yet).
 */
export interface SyncDeviceAuditMismatch {
  at: number;
  seq: number | null;
  reason: AuditMismatchReason | null;
}

/** A member of the organisation, as the server's admin API lists it (roles: src-shared/permissions.ts). */
export interface SyncMemberView {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
}

/** A one-time enrolment token for a member's next device: shown once, never stored on this vault. */
export interface SyncEnrolTokenView {
  token: string;
  memberId: string;
  expiresAt: number;
}

const empty = z.object({}).strict();
const memberId = z.string().trim().min(1).max(64);

export const syncChannels = {
  'sync.status': channel<SyncStatus>()({ input: empty, access: anySession, passive: true }),
  'sync.enrol': channel<SyncEnrolmentView>()({
    input: z.object({
      serverUrl: z.string().trim().url().max(500),
      token: z.string().trim().min(16).max(128),
      deviceName: z.string().trim().min(1).max(120),
    }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'sync.syncNow': channel<SyncStatus>()({ input: empty, access: needs('modify_investigations'), audited: true }),
  'sync.pause': channel<SyncStatus>()({ input: empty, access: needs('admin_access'), audited: true }),
  'sync.resume': channel<SyncStatus>()({ input: empty, access: needs('admin_access'), audited: true }),
  'sync.disconnect': channel<SyncStatus>()({ input: empty, access: needs('admin_access'), audited: true }),
  // Enrolment details and the organisation's devices: administration, like enrolling.
  'sync.enrolment': channel<SyncEnrolmentDetail | null>()({ input: empty, access: anySession }),
  'sync.devices.list': channel<SyncDeviceView[]>()({ input: empty, access: needs('admin_access') }),
  'sync.devices.revoke': channel<{ deviceId: string; revokedAt: number }>()({
    input: z.object({ deviceId: z.string().trim().min(1).max(64) }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'sync.members.list': channel<SyncMemberView[]>()({ input: empty, access: needs('admin_access') }),
  'sync.members.add': channel<SyncMemberView>()({
    input: z.object({ name: z.string().trim().min(1).max(120), role: z.enum(ROLES) }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'sync.members.setDisabled': channel<SyncMemberView>()({
    input: z.object({ memberId, disabled: z.boolean() }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  // The token goes to the screen once; the audit entry names the member, never the token.
  'sync.enrolTokens.create': channel<SyncEnrolTokenView>()({
    input: z.object({ memberId }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
  'sync.conflicts.list': channel<SyncConflictView[]>()({ input: empty, access: needs('read_investigations') }),
  'sync.conflicts.resolve': channel<SyncConflictView>()({
    input: z.object({ id: z.string().min(1).max(64), choice: z.enum(['held', 'incoming']) }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
};
