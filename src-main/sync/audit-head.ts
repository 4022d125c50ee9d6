// The audit-chain head a push carries (docs/SYNC.md, "Audit head"): the newest row of this vault's
// audit log, `{seq, hash}`. The server keeps the highest head each device sent and records a mismatch
// when one comes back lower, or at the same seq with another hash: a local log rewritten since the
// last push (rows deleted, or re-hashed) shows on the organisation's device list at the next push.
import type { AuditHead } from '../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../store/database';

/** This vault's audit head now; null for an empty log. */
export function localAuditHead(db: SqliteDatabase): AuditHead | null {
  return db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? null;
}
