// Rules that fire on a single row: a PII reveal on an entity no open investigation holds, a restore,
// a role change or a recovery-key use, and the vault's own report that its audit chain was tampered
// with. Rows of one rule for one person within an hour fold into one incident.
import type { Severity } from '../../src-shared/model';
import { HOUR, nameOf, subjectOf, type AuditFact, type AuditLookBack, type Firing, type RuleContext, type SecurityRuleCheck } from './audit-fact';

export const piiRevealWithoutCase: SecurityRuleCheck = {
  rule: 'pii_reveal_without_case',
  actions: ['pii.reveal'],
  check(row: AuditFact, look: AuditLookBack, { thresholds }: RuleContext): Firing | null {
    if (!thresholds.piiRevealWithoutCase.enabled || row.outcome !== 'success' || row.target === null) return null;
    // Judged against the investigations as they are when the row is scanned (a scan follows the
    // reveal within seconds); a later rescan judges against later investigations.
    if (look.entityInOpenInvestigation(row.target)) return null;
    return {
      rule: 'pii_reveal_without_case', severity: 'low', subject: subjectOf(row), windowStart: row.at, windowEnd: row.at,
      triggerSeq: row.seq, evidence: [row.seq],
      summary: `${nameOf(row)} revealed personal data of an entity on no open investigation`, foldWithinMs: HOUR,
    };
  },
};

/** The changes that are rare, powerful and each worth a second look, with how much. */
export const SENSITIVE_ACTIONS: Readonly<Record<string, { severity: Severity; what: string }>> = {
  'vault.restore_started': { severity: 'high', what: 'started a restore of the vault' },
  'vault.restored': { severity: 'high', what: 'restored the vault from a backup' },
  'backup.restoreInvestigation': { severity: 'medium', what: 'restored an investigation from a backup' },
  'users.setRole': { severity: 'medium', what: 'changed a role' },
  'auth.recovered_with_recovery_key': { severity: 'high', what: 'used the recovery key' },
  'vault.recovery_key_rotated': { severity: 'medium', what: 'issued a new recovery key' },
  'audit.history_replaced': { severity: 'medium', what: 'replaced the audit history (restore)' },
};

export const sensitiveChange: SecurityRuleCheck = {
  rule: 'sensitive_change',
  actions: Object.keys(SENSITIVE_ACTIONS),
  check(row: AuditFact): Firing | null {
    const sensitive = SENSITIVE_ACTIONS[row.action];
    if (!sensitive || row.outcome !== 'success') return null;
    return {
      rule: 'sensitive_change', severity: sensitive.severity, subject: subjectOf(row), windowStart: row.at, windowEnd: row.at,
      triggerSeq: row.seq, evidence: [row.seq], summary: `${nameOf(row)} ${sensitive.what}`, foldWithinMs: HOUR,
    };
  },
};

export const auditTamperReported: SecurityRuleCheck = {
  rule: 'audit_chain',
  actions: ['audit.tamper_detected'],
  check(row: AuditFact): Firing | null {
    const reason = row.details().reason;
    return {
      rule: 'audit_chain', severity: 'critical', subject: null, windowStart: row.at, windowEnd: row.at, triggerSeq: row.seq,
      evidence: [row.seq], summary: `The audit chain disagrees with its anchor at open (${typeof reason === 'string' ? reason : 'tampered'})`,
      foldWithinMs: 0,
    };
  },
};
