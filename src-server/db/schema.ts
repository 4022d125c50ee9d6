// The server's tables as Kysely sees them (docs/SYNC.md). The same shapes on SQLite and PostgreSQL:
// times are epoch milliseconds, sequences plain numbers (PostgreSQL's bigint is read as a number,
// open.ts), JSON is text.
import type { Generated } from 'kysely';

export interface ServerSecretsTable {
  name: string;
  value: string;
}

export interface OrgsTable {
  id: string;
  name: string;
  /** The organisation's server sequence: the last one handed out (docs/SYNC.md, "Push"). */
  seq: Generated<number>;
  created_at: number;
}

export interface MembersTable {
  org_id: string;
  id: string;
  name: string;
  /** A role of src-shared/permissions.ts. */
  role: string;
  created_at: number;
  disabled_at: number | null;
}

export interface DevicesTable {
  id: string;
  org_id: string;
  member_id: string;
  name: string;
  /** SHA-256 (hex) of the device credential. */
  credential_hash: string;
  enrolled_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
  /** The last device change-log seq applied from this device's pushes. */
  pushed_seq: Generated<number>;
  /** The entry after `pushed_seq` being pushed in parts, and how many of its changes are applied (both null between entries). */
  pushed_part_seq: number | null;
  pushed_part_offset: number | null;
  audit_seq: number | null;
  audit_hash: string | null;
  audit_mismatch_at: number | null;
  /** The first of its audit rows the server did not take at the last mismatch, and why (`rewritten`, `broken`). */
  audit_mismatch_seq: number | null;
  audit_mismatch_reason: string | null;
  /** How far ahead of the server's clock this device's last refused stamp was. */
  clock_ahead_ms: number | null;
}

export interface EnrolTokensTable {
  /** SHA-256 (hex) of the one-time token. */
  token_hash: string;
  org_id: string;
  member_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

export interface RecordsTable {
  org_id: string;
  tbl: string;
  id: string;
  /** The organisation sequence of the record's last change: pulls page by it. */
  seq: number;
  /** The investigation the record belongs to, computed by the server (null: the whole organisation). */
  scope: string | null;
  /** The scope before the last change of scope, and when that was, so pulls evict it from devices that had it. */
  prev_scope: string | null;
  scope_changed_seq: number | null;
  /** JSON: { field: { value, hlc, device } }. */
  fields: string;
  deleted_hlc: string | null;
  deleted_device: string | null;
}

/** A restricted investigation (docs/SYNC.md, "Permissions on the server"), derived from its `investigation_access` record. */
export interface RestrictedScopesTable {
  org_id: string;
  scope: string;
}

export interface ScopeMembersTable {
  org_id: string;
  scope: string;
  member_id: string;
}

/** Scopes (investigations) a device has been sent records of: whom to evict when access goes. Every scope, not only restricted ones: a case restricted later is evicted from the devices that hold it. */
export interface DeviceScopesTable {
  device_id: string;
  scope: string;
  /** An eviction of this scope was sent in a page whose `next` was this: a pull from there on shows it was committed. */
  evict_confirm_seq: number | null;
}

/** Restricted scopes whose records a device's cursor passed without sending them: gaining access to one starts a backfill. */
export interface DeviceDeniedScopesTable {
  device_id: string;
  scope: string;
}

/** A backfill under way: the scope's records up to `upto` (the device's cursor when access came), sent up to `done_seq`. */
export interface DeviceBackfillsTable {
  device_id: string;
  scope: string;
  upto: number;
  done_seq: number;
}

/** An evidence blob of an organisation (docs/SYNC.md, "Evidence blobs"): created by its first chunk, complete once its whole SHA-256 was checked. */
export interface BlobsTable {
  org_id: string;
  sha256: string;
  size: number;
  created_at: number;
  completed_at: number | null;
}

export interface BlobChunksTable {
  org_id: string;
  sha256: string;
  idx: number;
  bytes: Buffer;
}

/** A device's audit-log row as it sent it (docs/SYNC.md, "Audit rows"). */
export interface AuditRowsTable {
  org_id: string;
  device_id: string;
  seq: number;
  /** The text its chain hashed (src-shared/audit-row.ts): the row's fields, checkable again. */
  canonical: string;
  prev_hash: string;
  hash: string;
  received_at: number;
}

export interface ServerDb {
  server_secrets: ServerSecretsTable;
  orgs: OrgsTable;
  members: MembersTable;
  devices: DevicesTable;
  enrol_tokens: EnrolTokensTable;
  records: RecordsTable;
  restricted_scopes: RestrictedScopesTable;
  scope_members: ScopeMembersTable;
  device_scopes: DeviceScopesTable;
  device_denied_scopes: DeviceDeniedScopesTable;
  device_backfills: DeviceBackfillsTable;
  blobs: BlobsTable;
  blob_chunks: BlobChunksTable;
  audit_rows: AuditRowsTable;
}
