// The sync wire protocol (docs/SYNC.md): every request and response body as a zod schema, parsed by
// the server on the way in and by the client on the way back, and the error codes both sides use.
import { z } from 'zod';
import { SYNC_TABLES } from './sync-tables';
import { HLC_TEXT } from './sync-shape-checks';

/** The protocol this build speaks; the server also serves the one before it (docs/SYNC.md, "Versions"). */
export const SYNC_PROTOCOL = 1;
/** The version of the record shapes (`sync-tables.ts`); raised when a synced table's fields change meaning. */
export const SYNC_SCHEMA = 1;

/** Bounds the server enforces (docs/SYNC.md, "Operations"). */
export const SYNC_LIMITS = {
  bodyBytes: 8 * 1024 * 1024,
  changesPerPush: 500,
  recordsPerPull: 5_000,
  /** A stamp this far ahead of the server's clock is refused (`CLOCK_AHEAD`). */
  clockAheadMs: 5 * 60_000,
  accessTokenMs: 15 * 60_000,
  enrolTokenMs: 24 * 60 * 60_000,
  requestsPerMinute: 600,
  /**
   * Pulls per device have an allowance of their own: a first sync asks page after page as fast as it
   * applies them (1M records is 2,000 pages of 500), and at the general limit it would wait minutes
   * on the limiter alone.
   */
  pullsPerMinute: 6_000,
  /**
   * An evidence blob travels in chunks of this many bytes (the last may be shorter): the vault's own
   * chunk (the largest multiple of 3 at or under 1 MiB, src-main/evidence/evidence-chunks.ts), so a
   * chunk moves between the vault and the wire as it is, with no re-cutting on either side.
   */
  blobChunkBytes: 3 * Math.floor((1024 * 1024) / 3),
  /** The largest evidence blob the server takes: the vault's own bound on an evidence file. */
  blobBytes: 200 * 1024 * 1024,
  /** Audit-log rows per upload (docs/SYNC.md, "Audit rows"); a device with more sends them in turn. */
  auditRowsPerUpload: 500,
  /** An audit row's details, as text: far above any entry the app writes, well inside a body. */
  auditDetailsChars: 256 * 1024,
} as const;

export const SYNC_ERROR_CODES = [
  'UNAUTHENTICATED', 'DEVICE_REVOKED', 'ENROL_TOKEN_INVALID', 'FORBIDDEN', 'NOT_FOUND', 'PUSH_GAP',
  'CLOCK_AHEAD', 'INVALID_REQUEST', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UPDATE_REQUIRED', 'SERVER_TOO_OLD', 'INTERNAL',
  'BLOB_HASH_MISMATCH',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** The HTTP status each error travels with. */
export const SYNC_ERROR_STATUS: Record<SyncErrorCode, number> = {
  UNAUTHENTICATED: 401, DEVICE_REVOKED: 401, ENROL_TOKEN_INVALID: 401, FORBIDDEN: 403, NOT_FOUND: 404,
  PUSH_GAP: 409, CLOCK_AHEAD: 422, INVALID_REQUEST: 400, PAYLOAD_TOO_LARGE: 413, RATE_LIMITED: 429,
  UPDATE_REQUIRED: 426, SERVER_TOO_OLD: 400, INTERNAL: 500,
  BLOB_HASH_MISMATCH: 422,
};

export const syncErrorBody = z.object({
  error: z.object({ code: z.enum(SYNC_ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export type SyncErrorBody = z.infer<typeof syncErrorBody>;

export const hlcText = z.string().regex(HLC_TEXT, 'an HLC (15-digit wall ms, dash, 6 hex digits)');
export const recordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id of letters, digits, dash and underscore');
export const syncTable = z.enum(SYNC_TABLES);
const deviceSeq = z.number().int().min(0);
const serverSeq = z.number().int().min(0);

/** A field as a device writes it: the value, its stamp, and the stamp of the value it was edited over. */
export const pushedField = z.object({ value: z.json(), hlc: hlcText, base: hlcText.nullable() });
export const pushedChange = z.object({
  table: syncTable,
  id: recordId,
  /** The device's change-log seq of this change (within the batch's range). */
  seq: deviceSeq,
  fields: z.record(z.string().min(1).max(64), pushedField),
  deleted: z.object({ hlc: hlcText }).optional(),
});
export type PushedChange = z.infer<typeof pushedChange>;

const versions = { protocol: z.number().int().min(1), schema: z.number().int().min(1) };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const auditHead = z.object({ seq: z.number().int().min(0), hash: sha256Hex });
export type AuditHead = z.infer<typeof auditHead>;

/**
 * An audit-log row as a device sends it (docs/SYNC.md, "Audit rows"): the fields its hash chain
 * covers (src-shared/audit-row.ts), the hash of the row before it and its own.
 */
export const pushedAuditRow = z.object({
  seq: z.number().int().min(1),
  id: z.string().min(1).max(64),
  at: z.number().int().min(0),
  actorId: z.string().max(200).nullable(),
  actorName: z.string().max(200).nullable(),
  action: z.string().min(1).max(200),
  target: z.string().max(2_000).nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  details: z.string().max(SYNC_LIMITS.auditDetailsChars),
  originDevice: z.string().min(1).max(64),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type PushedAuditRow = z.infer<typeof pushedAuditRow>;

export const auditRowsRequest = z.object({
  ...versions,
  /** Consecutive rows, oldest first, starting right after the last row the server holds of this device. */
  rows: z.array(pushedAuditRow).min(1).max(SYNC_LIMITS.auditRowsPerUpload),
});
export type AuditRowsRequest = z.infer<typeof auditRowsRequest>;

/**
 * Why the server kept its own copy instead of a row sent: `rewritten`, a row it holds came again
 * otherwise (or the next row does not follow the one it holds); `broken`, the row's hash is not the
 * hash of its fields and the row before (a log edited without its chain).
 */
export const AUDIT_MISMATCH_REASONS = ['rewritten', 'broken'] as const;
export type AuditMismatchReason = (typeof AUDIT_MISMATCH_REASONS)[number];
export const auditRowsResponse = z.object({
  /** The last row the server now holds of this device's log (0: none). */
  heldSeq: z.number().int().min(0),
  /** The first row the server did not take, and why; null when it took them all. */
  mismatch: z.object({ seq: z.number().int().min(1), reason: z.enum(AUDIT_MISMATCH_REASONS) }).nullable(),
});
export type AuditRowsResponse = z.infer<typeof auditRowsResponse>;

/**
 * A part of one change-log entry too big for one push (an import's batch entry expands to up to 5,000
 * changes): the batch's changes are that entry's changes from `offset` on, in the order the device
 * expands it; `last` says they reach its end (docs/SYNC.md, "Push", "Parts").
 */
export const pushPart = z.object({ offset: z.number().int().min(0), last: z.boolean() });
export type PushPart = z.infer<typeof pushPart>;

export const pushBatch = z.object({ after: deviceSeq, upto: deviceSeq, part: pushPart.optional() })
  .refine((b) => b.upto >= b.after, 'upto before after');
export type PushBatch = z.infer<typeof pushBatch>;

export const pushRequest = z.object({
  ...versions,
  batch: pushBatch,
  changes: z.array(pushedChange).max(SYNC_LIMITS.changesPerPush),
  auditHead: auditHead.nullable(),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResponse = z.object({
  /** False for a replay: the batch had been applied before and nothing changed now. */
  applied: z.boolean(),
  /** The last device seq the server has applied. */
  pushedSeq: deviceSeq,
  /** The organisation's sequence after this push. */
  serverSeq,
  conflicts: z.number().int().min(0),
  /**
   * Only while an entry is pushed in parts: the entry (`upto`) and how many of its changes the server
   * has applied (the next part's `offset`). Absent once its last part is in, and for whole batches.
   */
  pushedPart: z.object({ upto: deviceSeq, offset: z.number().int().min(0) }).optional(),
});
export type PushResponse = z.infer<typeof pushResponse>;

/** A field as the server holds it: the winning value and its stamp. */
export const storedField = z.object({ value: z.json(), hlc: hlcText, device: z.string() });
export type StoredField = z.infer<typeof storedField>;

export const pulledRecord = z.object({
  table: syncTable,
  id: recordId,
  seq: serverSeq,
  fields: z.record(z.string(), storedField),
  deleted: z.object({ hlc: hlcText, device: z.string() }).nullable(),
});
export type PulledRecord = z.infer<typeof pulledRecord>;

export const eviction = z.union([
  z.object({ scope: recordId }),
  z.object({ table: syncTable, id: recordId }),
]);
export type Eviction = z.infer<typeof eviction>;

export const pullItem = z.union([z.object({ record: pulledRecord }), z.object({ evict: eviction })]);
export type PullItem = z.infer<typeof pullItem>;

/** Where a backfill page ended: sent with the page, and back with the next pull once the page is committed. */
export const backfillMark = z.object({ scope: z.string().min(1).max(200), seq: serverSeq });
export type BackfillMark = z.infer<typeof backfillMark>;

export const pullRequest = z.object({
  ...versions, after: serverSeq, limit: z.number().int().min(1).max(SYNC_LIMITS.recordsPerPull),
  /**
   * The `backfill` of the last page this device committed (null: none). A client that sends the field
   * (null included) is sent each backfill page again until it acknowledges it; one that leaves it out
   * gets the older behaviour, a page counted as sent when it leaves.
   */
  backfillAck: backfillMark.nullable().optional(),
});
export type PullRequest = z.infer<typeof pullRequest>;

export const pullResponse = z.object({
  items: z.array(pullItem),
  /** The cursor for the next pull: the last sequence this page covered. */
  next: serverSeq,
  more: z.boolean(),
  /** The organisation's sequence when the page was read (a first sync's progress: next of head). */
  head: serverSeq,
  /** With a backfill page: where it ended, to send back as `backfillAck` once it is committed. */
  backfill: backfillMark.optional(),
});
export type PullResponse = z.infer<typeof pullResponse>;

export const helloRequest = z.object({ ...versions, app: z.string().max(64) });
export const helloResponse = z.object({
  protocol: z.number().int(),
  served: z.array(z.number().int()),
  schema: z.number().int(),
  serverTime: z.number().int(),
  device: z.object({
    id: z.string(), name: z.string(), memberId: z.string(),
    /** The member's name at the server; absent from a server older than this field. */
    memberName: z.string().optional(),
    role: z.string(), pushedSeq: deviceSeq, auditHead: auditHead.nullable(),
    /** The last of this device's audit rows the server holds; absent from a server older than this field. */
    auditRowsHeld: z.number().int().min(0).optional(),
  }),
  /** The organisation the device is enrolled in; absent from a server older than this field. */
  organisation: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type HelloResponse = z.infer<typeof helloResponse>;

export const enrolRequest = z.object({ token: z.string().min(16).max(128), deviceId: recordId, deviceName: z.string().min(1).max(120) });
export const enrolResponse = z.object({ deviceId: z.string(), orgId: z.string(), memberId: z.string(), credential: z.string() });
export type EnrolResponse = z.infer<typeof enrolResponse>;

export const tokenRequest = z.object({ deviceId: recordId, credential: z.string().min(16).max(128) });
export const tokenResponse = z.object({ accessToken: z.string(), expiresAt: z.number().int() });
export type TokenResponse = z.infer<typeof tokenResponse>;

export interface SyncVersions {
  protocol: number;
  schema: number;
}

export const CURRENT_SYNC_VERSIONS: SyncVersions = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA };

/** Whether a server at `server` serves a client speaking `client` (the current and the previous version of each). */
export function versionVerdict(client: SyncVersions, server: SyncVersions = CURRENT_SYNC_VERSIONS): 'ok' | 'UPDATE_REQUIRED' | 'SERVER_TOO_OLD' {
  if (client.protocol > server.protocol || client.schema > server.schema) return 'SERVER_TOO_OLD';
  if (client.protocol < server.protocol - 1 || client.schema < server.schema - 1) return 'UPDATE_REQUIRED';
  return 'ok';
}

// Evidence blobs (docs/SYNC.md, "Evidence blobs"): the bytes of an evidence file, addressed by their
// SHA-256, moved in chunks of SYNC_LIMITS.blobChunkBytes apart from the records.

/** A blob's address: the SHA-256 of its bytes, 64 lowercase hex digits. */
export const blobSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

/** How many chunks a blob of `size` bytes travels in. */
export function blobChunkCount(size: number): number {
  return Math.ceil(size / SYNC_LIMITS.blobChunkBytes);
}

/** The length chunk `index` of a blob of `size` bytes must have. */
export function blobChunkLength(size: number, index: number): number {
  return Math.min(SYNC_LIMITS.blobChunkBytes, size - index * SYNC_LIMITS.blobChunkBytes);
}

/** The headers of a chunk upload: the whole blob's size (the first chunk creates the blob) and the chunk's own SHA-256. */
export const BLOB_SIZE_HEADER = 'x-vigil-blob-size';
export const CHUNK_SHA256_HEADER = 'x-vigil-chunk-sha256';
/**
 * The client's versions on a blob call, which has no JSON body to state them in (the other calls carry
 * `protocol` and `schema` in theirs). A call without them is taken: its round's hello checked them.
 */
export const PROTOCOL_HEADER = 'x-vigil-protocol';
export const SCHEMA_HEADER = 'x-vigil-schema';

/** `GET /v1/blobs/:sha256`: what the server holds of a blob, so an upload resumes and a complete one is not sent again. */
export const blobStatus = z.object({
  sha256: blobSha256,
  /** Null while no chunk has arrived. */
  size: z.number().int().min(1).max(SYNC_LIMITS.blobBytes).nullable(),
  /** Every chunk held and the whole hash checked: it can be downloaded. */
  complete: z.boolean(),
  /** The indexes of the chunks held, ascending. */
  chunks: z.array(z.number().int().min(0)),
});
export type BlobStatus = z.infer<typeof blobStatus>;
