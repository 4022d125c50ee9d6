// The audit hash chain: hash = sha256(prev_hash || canonical row). Editing, deleting or
// reordering any row breaks the chain from that row on. Pure functions, shared by writer and verifier.
import { createHash } from 'node:crypto';
import type { AuditOutcome } from '../../src-shared/model';

export const GENESIS_HASH = '0'.repeat(64);

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

/** A fixed field order, JSON-encoded, so the same row always hashes the same way. */
export function canonicalAuditRow(row: ChainedFields): string {
  return JSON.stringify([
    row.seq, row.id, row.at, row.actorId, row.actorName, row.action, row.target, row.outcome, row.details, row.originDevice,
  ]);
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalAuditRow(row)).digest('hex');
}
