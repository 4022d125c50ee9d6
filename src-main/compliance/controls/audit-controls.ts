// Controls on the audit log: its hash chain intact, and every PII reveal reviewed by someone with
// audit access within the policy's days.
import { DAY, when, type Control } from '../control';

/** A full verification this recent is reused (a million rows take seconds to read again). */
const VERIFICATION_REUSED_FOR_MS = DAY;

interface Verified { seq: number; at: number; ok: boolean; checked: number }

/** The newest full verification recorded: by audit.verify, or by an evaluation (or a report's) that ran one. */
function lastVerification(context: Parameters<Control['evaluate']>[0]): Verified | null {
  const row = (sql: string) => context.repos.db.prepare<[], { seq: number; at: number; ok: number | null; checked: number | null }>(sql).get();
  const byChannel = row(`SELECT seq, at, json_extract(details, '$.ok') AS ok, json_extract(details, '$.checked') AS checked
    FROM audit_log WHERE action = 'audit.verify' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`);
  const byEvaluation = row(`SELECT seq, at, json_extract(details, '$.auditChain.ok') AS ok, json_extract(details, '$.auditChain.checked') AS checked
    FROM audit_log WHERE action IN ('compliance.evaluate', 'compliance.exportReport') AND outcome = 'success'
      AND json_extract(details, '$.auditChain') IS NOT NULL ORDER BY seq DESC LIMIT 1`);
  const newest = [byChannel, byEvaluation].filter((r) => r !== undefined).sort((a, b) => b.seq - a.seq)[0];
  return newest && newest.ok !== null ? { seq: newest.seq, at: newest.at, ok: newest.ok === 1, checked: newest.checked ?? 0 } : null;
}

export const auditChainControl: Control = {
  id: 'audit_chain_intact',
  title: 'Audit log hash chain intact',
  remedy: 'Run Audit → Verify to find the first broken entry, restore the vault from the last backup whose log verifies, and investigate who changed the file.',
  frameworks: ['SOC 2 CC7.2', 'ISO 27001 A.8.15', 'GDPR Art. 5(1)(f)'],
  async evaluate(context) {
    const { repos, now } = context;
    const tamper = repos.db.prepare<[], { seq: number; at: number }>(
      "SELECT seq, at FROM audit_log WHERE action = 'audit.tamper_detected' ORDER BY seq DESC LIMIT 1",
    ).get();
    const cached = lastVerification(context);
    if (cached && cached.ok && now - cached.at < VERIFICATION_REUSED_FOR_MS && (!tamper || tamper.seq < cached.seq)) {
      return {
        status: 'pass', reason: 'A full verification in the last 24 hours passed, and no tampering was detected since.',
        evidence: { verifiedAt: when(cached.at), entriesChecked: cached.checked, verifiedNow: false, tamperDetectedAt: when(tamper?.at) },
      };
    }
    const result = await context.verifyAudit();
    const evidence = {
      verifiedAt: when(now), entriesChecked: result.checked, verifiedNow: true, headHash: result.headHash,
      problem: result.problem ? `${result.problem.reason} at entry #${result.problem.seq}` : null, tamperDetectedAt: when(tamper?.at),
    };
    if (!result.ok) return { status: 'fail', reason: 'The audit hash chain does not verify.', evidence };
    if (tamper && (!cached || tamper.seq > cached.seq) && tamper.at > now - VERIFICATION_REUSED_FOR_MS) {
      return { status: 'fail', reason: 'The chain verifies, but the vault reported tampering against its anchor in the last 24 hours.', evidence };
    }
    return { status: 'pass', reason: `All ${result.checked} entries verify.`, evidence };
  },
};

export const REVEALS_REVIEWED_ACTION = 'compliance.revealsReviewed';

/** The last audit entry an administrator marked reviewed (0: none). */
export function revealsReviewedUpTo(db: Parameters<Control['evaluate']>[0]['repos']['db']): number {
  return db.prepare<[], number>(
    `SELECT json_extract(details, '$.upToSeq') FROM audit_log WHERE action = '${REVEALS_REVIEWED_ACTION}' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
  ).pluck().get() ?? 0;
}

export const revealsReviewedControl: Control = {
  id: 'pii_reveals_reviewed',
  title: 'PII reveals reviewed',
  remedy: 'Someone with audit access reads the pii.reveal entries in Audit (who, which entity, the stated purpose) and marks them reviewed on the Compliance screen.',
  frameworks: ['SOC 2 CC7.2', 'ISO 27001 A.8.15', 'GDPR Art. 5(1)(f)', 'GDPR Art. 32(1)(d)'],
  evaluate({ repos, now, policy }) {
    const upTo = revealsReviewedUpTo(repos.db);
    const open = repos.db.prepare<[number], { n: number; oldest: number | null }>(
      "SELECT count(*) AS n, min(at) AS oldest FROM audit_log WHERE action = 'pii.reveal' AND outcome = 'success' AND seq > ?",
    ).get(upTo) ?? { n: 0, oldest: null };
    const overdue = repos.db.prepare<[number, number], number>(
      "SELECT count(*) FROM audit_log WHERE action = 'pii.reveal' AND outcome = 'success' AND seq > ? AND at < ?",
    ).pluck().get(upTo, now - policy.revealReviewDays * DAY) ?? 0;
    const evidence = { reviewedUpToEntry: upTo, unreviewed: open.n, oldestUnreviewedAt: when(open.oldest), overdue, reviewWithinDays: policy.revealReviewDays };
    if (overdue > 0) return { status: 'fail', reason: `${overdue} reveals are older than ${policy.revealReviewDays} days and not reviewed.`, evidence };
    return { status: 'pass', reason: open.n === 0 ? 'Every reveal is reviewed.' : `${open.n} reveals await review, none overdue.`, evidence };
  },
};
