// Rules that count one kind of row over a sliding window of time: failed sign-ins (per account and
// across the vault), second-factor failures, permission denials, PII reveals. A rule fires on the row
// that brings its window to the threshold and on every row after it while the window stays there;
// the monitor folds those firings into one incident (the windows overlap), whose evidence grows.
import type { AuditOutcome } from '../../src-shared/model';
import type { SecurityRule, SecurityThresholds } from '../../src-shared/security-model';
import type { Severity } from '../../src-shared/model';
import { MINUTE, nameOf, subjectOf, type AuditFact, type AuditLookBack, type Firing, type RuleContext, type SecurityRuleCheck } from './audit-fact';

interface BurstSpec {
  rule: SecurityRule;
  action: string;
  outcome: AuditOutcome;
  severity: Severity;
  /** Per account (its rows only) or across the vault. */
  perActor: boolean;
  threshold(thresholds: SecurityThresholds): { count: number; windowMinutes: number };
  describe(count: number, windowMinutes: number, row: AuditFact): string;
}

function burstRule(spec: BurstSpec): SecurityRuleCheck {
  return {
    rule: spec.rule,
    actions: [spec.action],
    check(row: AuditFact, look: AuditLookBack, context: RuleContext): Firing | null {
      if (row.outcome !== spec.outcome) return null;
      if (spec.perActor && row.actorId === null) return null;
      const { count, windowMinutes } = spec.threshold(context.thresholds);
      const from = row.at - windowMinutes * MINUTE;
      const rows = look.rows({
        action: spec.action, outcome: spec.outcome, actorId: spec.perActor ? (row.actorId ?? undefined) : undefined,
        from, to: row.at, upToSeq: row.seq,
      });
      if (rows.length < count) return null;
      return {
        rule: spec.rule, severity: spec.severity, subject: spec.perActor ? subjectOf(row) : null,
        windowStart: rows[0]?.at ?? from, windowEnd: row.at, triggerSeq: row.seq, evidence: rows.map((r) => r.seq),
        summary: spec.describe(rows.length, windowMinutes, row), foldWithinMs: 0,
      };
    },
  };
}

export const signinFailuresPerUser = burstRule({
  rule: 'signin_failures_user', action: 'auth.login', outcome: 'failure', severity: 'medium', perActor: true,
  threshold: (t) => t.signinFailuresPerUser,
  describe: (n, w, row) => `${n} failed sign-ins for ${nameOf(row)} within ${w} min`,
});

export const signinFailuresOverall = burstRule({
  rule: 'signin_failures_overall', action: 'auth.login', outcome: 'failure', severity: 'high', perActor: false,
  threshold: (t) => t.signinFailuresOverall,
  describe: (n, w) => `${n} failed sign-ins across the vault within ${w} min`,
});

export const totpFailures = burstRule({
  rule: 'totp_failures', action: 'auth.second_factor', outcome: 'failure', severity: 'medium', perActor: true,
  threshold: (t) => t.totpFailures,
  describe: (n, w, row) => `${n} wrong second-factor codes for ${nameOf(row)} within ${w} min`,
});

export const permissionDenials = burstRule({
  rule: 'permission_denials', action: 'access.denied', outcome: 'denied', severity: 'medium', perActor: true,
  threshold: (t) => t.permissionDenials,
  describe: (n, w, row) => `${n} permission denials for ${nameOf(row)} within ${w} min`,
});

export const piiRevealBurst = burstRule({
  rule: 'pii_reveal_burst', action: 'pii.reveal', outcome: 'success', severity: 'medium', perActor: true,
  threshold: (t) => t.piiReveals,
  describe: (n, w, row) => `${n} PII reveals by ${nameOf(row)} within ${w} min`,
});
