// The audit-chain head a push carries (docs/SYNC.md, "Audit head") and the rows a round uploads
// after it ("Audit rows"). The head is the newest row of this vault's audit log, `{seq, hash}`. The
// server keeps the highest head each device sent and records a mismatch when one comes back lower, or
// at the same seq with another hash: a local log rewritten since the last push (rows deleted, or
// re-hashed) shows on the organisation's device list at the next push, and on this device at the next
// hello, which tells it the head the server holds.
import { SYNC_LIMITS, type AuditHead, type PushedAuditRow } from '../../src-shared/sync-protocol';
import type { AuditLogCheck } from '../../src-shared/sync-contract';
import type { SqliteDatabase } from '../store/database';
import { chainedFields, type AuditRow } from '../audit/audit-log';

/** This vault's audit head now; null for an empty log. */
export function localAuditHead(db: SqliteDatabase): AuditHead | null {
  return db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? null;
}

/** Whether this vault's log still holds the head the server keeps for this device, as it was sent. */
export function checkAuditLog(db: SqliteDatabase, serverHead: AuditHead | null): AuditLogCheck {
  if (serverHead === null) return { serverSeq: null, matches: true };
  const hash = db.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(serverHead.seq);
  return { serverSeq: serverHead.seq, matches: hash === serverHead.hash };
}

/** Text an upload's rows may carry in all (their details, mostly): well inside the server's body limit. */
const UPLOAD_CHARS = SYNC_LIMITS.bodyBytes / 2;

/**
 * This vault's audit rows after `after`, oldest first, as an upload sends them (docs/SYNC.md, "Audit
 * rows"): at most `limit`, and fewer when their text would outgrow one request (always at least one).
 */
export function localAuditRowsAfter(db: SqliteDatabase, after: number, limit: number = SYNC_LIMITS.auditRowsPerUpload): PushedAuditRow[] {
  const rows = db.prepare<[number, number], AuditRow>(
    `SELECT seq, id, at, actor_id, actor_name, action, target, outcome, details, origin_device, prev_hash, hash
     FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
  ).all(after, limit);
  const upload: PushedAuditRow[] = [];
  let chars = 0;
  for (const row of rows) {
    chars += row.details.length + (row.target?.length ?? 0) + 400;
    if (upload.length > 0 && chars > UPLOAD_CHARS) break;
    upload.push({ ...chainedFields(row), prevHash: row.prev_hash, hash: row.hash });
  }
  return upload;
}
