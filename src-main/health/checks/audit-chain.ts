// The audit log's hash chain and its anchor. Every 15 minutes the rows written since the last
// verified head are walked (and that head must still be in place); once a day the whole chain is.
// Both walks read 128 rows at a time and yield after 4 ms (AuditLog.verify), so even a full walk of
// a million rows never holds the event loop.
import type { AuditLog } from '../../audit/audit-log';
import type { AuditHead } from '../../audit/audit-anchor';
import type { Clock } from '../../platform/clock';
import type { HealthCheck } from '../health-check';

const FULL_WALK_EVERY_MS = 86_400_000;

export function auditChainCheck(sources: { audit: () => Pick<AuditLog, 'verify'> | null; clock: Clock }): HealthCheck & { forget(): void } {
  let verified: AuditHead | null = null;
  let lastFullWalkAt: number | null = null;
  return {
    id: 'audit-chain',
    everyMs: 15 * 60_000,
    async measure() {
      const audit = sources.audit();
      if (!audit) return { value: null, evidence: 'The vault is locked.' };
      const now = sources.clock.now();
      const full = verified === null || lastFullWalkAt === null || now - lastFullWalkAt >= FULL_WALK_EVERY_MS;
      const result = await audit.verify(undefined, full ? undefined : verified ?? undefined);
      if (!result.ok) {
        verified = null;
        const at = result.problem ? ` at row ${result.problem.seq} (${result.problem.reason.replace(/_/g, ' ')})` : '';
        return { value: 1, evidence: `The audit chain is broken${at}. Someone changed the log or its anchor; see Audit log → Verify.` };
      }
      if (full) lastFullWalkAt = now;
      const head = result.headHash === null ? null : { seq: (verified && !full ? verified.seq : 0) + result.checked, hash: result.headHash };
      verified = head;
      return { value: 0, evidence: `${full ? 'Full walk' : 'Rows since the last check'}: ${result.checked} row(s) verified; the chain and its anchor agree.` };
    },
    /** The vault closed: the next walk is a full one (the file may be a restored one). */
    forget() {
      verified = null;
      lastFullWalkAt = null;
    },
  };
}
