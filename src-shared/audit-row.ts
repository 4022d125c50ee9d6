// An audit-log row as its hash chain covers it (docs/SECURITY.md; docs/SYNC.md, "Audit rows"): the
// canonical text the vault hashes (hash = sha256(prev_hash || canonical row)) and the server checks
// again when a device sends its rows. Both sides hash with their own SHA-256; what is hashed is this.
import type { AuditOutcome } from './model';

export interface ChainedFields {
  seq: number;
  id: string;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  details: string;
  originDevice: string;
}

/** The previous hash of a log's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** A fixed field order, JSON-encoded, so the same row always hashes the same way. */
export function canonicalAuditRow(row: ChainedFields): string {
  return JSON.stringify([
    row.seq, row.id, row.at, row.actorId, row.actorName, row.action, row.target, row.outcome, row.details, row.originDevice,
  ]);
}
