// The audit hash chain: hash = sha256(prev_hash || canonical row). Editing, deleting or
// reordering any row breaks the chain from that row on. The canonical row is shared with the sync
// server, which checks the rows a device sends (src-shared/audit-row.ts).
import { createHash } from 'node:crypto';
import { canonicalAuditRow, type ChainedFields } from '../../src-shared/audit-row';

export { GENESIS_HASH, canonicalAuditRow, type ChainedFields } from '../../src-shared/audit-row';

export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalAuditRow(row)).digest('hex');
}
