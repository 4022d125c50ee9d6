// Security monitoring of Vigil itself (docs/SECURITY-MONITORING.md): the rules, their thresholds,
// incidents and risk scores, shared by the main process (which decides) and the Security screen and
// CLI (which show). Thresholds are one settings value, `security.thresholds`, merged over the defaults.
import { z } from 'zod';
import type { AuditEntry, Severity } from './model';

export const SECURITY_RULES = [
  'signin_failures_user',
  'signin_failures_overall',
  'signin_after_failures',
  'unusual_signin_hour',
  'mass_export',
  'pii_reveal_burst',
  'pii_reveal_without_case',
  'permission_denials',
  'totp_failures',
  'sensitive_change',
  'audit_chain',
] as const;
export type SecurityRule = (typeof SECURITY_RULES)[number];

/** What each rule is called on the Security screen, in the CLI and in the alert it raises. */
export const SECURITY_RULE_TITLES: Readonly<Record<SecurityRule, string>> = {
  signin_failures_user: 'Failed sign-ins for one account',
  signin_failures_overall: 'Failed sign-ins across the vault',
  signin_after_failures: 'Sign-in right after failures',
  unusual_signin_hour: 'Sign-in at an unusual hour',
  mass_export: 'Mass export',
  pii_reveal_burst: 'Many PII reveals',
  pii_reveal_without_case: 'PII reveal outside an open investigation',
  permission_denials: 'Repeated permission denials',
  totp_failures: 'Second-factor failures',
  sensitive_change: 'Restore, role change or recovery-key use',
  audit_chain: 'Audit chain fails verification',
};

export const INCIDENT_STATUSES = ['open', 'investigating', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The moves an incident may make: investigating is optional, resolved is final. */
export const INCIDENT_MOVES: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['investigating', 'resolved'],
  investigating: ['resolved'],
  resolved: [],
};

const count = (max: number) => z.number().int().min(1).max(max);
const minutes = z.number().int().min(1).max(24 * 60);
const burst = z.object({ count: count(10_000), windowMinutes: minutes }).strict();

export const securityThresholdsSchema = z.object({
  signinFailuresPerUser: burst,
  signinFailuresOverall: burst,
  signinAfterFailures: z.object({ failures: count(10_000), windowMinutes: minutes }).strict(),
  unusualHour: z.object({
    /** Days between the person's first sign-in seen and now before the rule may fire. */
    learningDays: z.number().int().min(1).max(365),
    /** Successful sign-ins in the history before the rule may fire. */
    learningSignIns: z.number().int().min(1).max(100_000),
    /** The hour's share of the history at or below which a sign-in is unusual (0.02 = 2 %). */
    maxShare: z.number().min(0).max(0.5),
    /** How far back the history reaches. */
    historyDays: z.number().int().min(7).max(365),
  }).strict(),
  massExport: z.object({
    /** Rows in one hour never flagged below this, whatever the baseline. */
    floorRows: z.number().int().min(1).max(100_000_000),
    /** Flagged above this many times the person's 95th percentile hour. */
    baselineMultiple: z.number().min(1).max(1000),
    baselineDays: z.number().int().min(1).max(365),
  }).strict(),
  piiReveals: burst,
  piiRevealWithoutCase: z.object({ enabled: z.boolean() }).strict(),
  permissionDenials: burst,
  totpFailures: burst,
  /** Days after which an incident weighs half as much in a risk score. */
  riskHalfLifeDays: z.number().int().min(1).max(365),
}).strict();
export type SecurityThresholds = z.infer<typeof securityThresholdsSchema>;

export const DEFAULT_SECURITY_THRESHOLDS: SecurityThresholds = {
  signinFailuresPerUser: { count: 5, windowMinutes: 10 },
  signinFailuresOverall: { count: 20, windowMinutes: 10 },
  signinAfterFailures: { failures: 3, windowMinutes: 30 },
  unusualHour: { learningDays: 14, learningSignIns: 20, maxShare: 0.02, historyDays: 90 },
  massExport: { floorRows: 10_000, baselineMultiple: 3, baselineDays: 30 },
  piiReveals: { count: 20, windowMinutes: 60 },
  piiRevealWithoutCase: { enabled: true },
  permissionDenials: { count: 5, windowMinutes: 10 },
  totpFailures: { count: 3, windowMinutes: 10 },
  riskHalfLifeDays: 14,
};

/** What an incident weighs in a risk score before decay (docs/SECURITY-MONITORING.md, "Risk score"). */
export const SEVERITY_RISK_WEIGHT: Readonly<Record<Severity, number>> = { low: 1, medium: 3, high: 9, critical: 27 };
/** A resolved incident still counts, at this share: it happened, even if it was benign. */
export const RESOLVED_RISK_SHARE = 0.5;

export interface IncidentPerson {
  id: string | null;
  name: string | null;
}

export interface SecurityIncident {
  id: string;
  rule: SecurityRule;
  severity: Severity;
  /** Who the incident is about; null for vault-wide ones (failures across accounts, the audit chain). */
  subject: IncidentPerson | null;
  status: IncidentStatus;
  summary: string;
  windowStart: number;
  windowEnd: number;
  openedAt: number;
  updatedAt: number;
  evidenceCount: number;
  resolution: { note: string; by: IncidentPerson; at: number } | null;
  /** The alert raised into the triage queue for it. */
  alertId: string | null;
}

export interface SecurityIncidentDetail extends SecurityIncident {
  /** The audit rows that made the rule fire, oldest first, as the audit screen shows them. */
  evidence: AuditEntry[];
}

export interface SecurityIncidentPage {
  incidents: SecurityIncident[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

export interface RiskContribution {
  incidentId: string;
  rule: SecurityRule;
  severity: Severity;
  status: IncidentStatus;
  /** When it happened: the end of its window. */
  happenedAt: number;
  evidenceCount: number;
  /** This incident's share of the score, after decay. */
  weight: number;
}

export interface UserRiskScore {
  user: IncidentPerson;
  score: number;
  contributions: RiskContribution[];
}

export interface SecurityScanOutcome {
  /** Audit rows read by this scan. */
  scanned: number;
  opened: number;
  /** Firings folded into an incident already open for the same rule and person. */
  extended: number;
  /** The last audit row scanned. */
  scannedSeq: number;
  /** The chain check: null when it did not run in this scan. */
  chain: 'verified' | 'broken' | null;
}

