// The audit-chain head a push carries (docs/SYNC.md, "Audit head"): the newest row of this vault's
// audit log, `{seq, hash}`. The server keeps the highest head each device sent and records a mismatch
// when one comes back lower, or at the same seq with another hash: a local log rewritten since the
// last push (rows deleted, or re-hashed) shows on the organisation's device list at the next push,
// and on this device at the next hello, which tells it the head the server holds.
import type { AuditHead } from '../../src-shared/sync-protocol';
import type { AuditLogCheck } from '../../src-shared/sync-contract';
import type { SqliteDatabase } from '../store/database';

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
