// Compliance checks (issue 14, part 3): each control evaluated from the vault's real state, with its
// status, the evidence it read, when, the remedy and the frameworks it serves. docs/COMPLIANCE.md
// has the table. Gathered by contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import { REPORT_FORMATS, type ReportFile } from './report-contract';

export const CONTROL_STATUSES = ['pass', 'fail', 'error', 'not_applicable', 'not_evaluated'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const CONTROL_IDS = [
  'kdf_floor', 'recovery_key_confirmed', 'backups_on_schedule', 'restore_tested', 'audit_chain_intact', 'admin_two_factor',
  'one_time_passwords_changed', 'idle_lock', 'retention_applied', 'pii_reveals_reviewed', 'dormant_accounts_disabled',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** Plain values (numbers, strings, booleans, lists of them): what the control read, shown as it is. */
export type EvidenceValue = string | number | boolean | null | readonly (string | number)[];

export interface ControlResult {
  id: ControlId;
  title: string;
  status: ControlStatus;
  /** Why this status, in a sentence. */
  reason: string;
  evidence: Record<string, EvidenceValue>;
  evaluatedAt: number;
  /** What to do to make it pass. */
  remedy: string;
  frameworks: readonly string[];
}

export interface ComplianceSummary {
  counts: Record<ControlStatus, number>;
  /** The audit log's head when the controls were evaluated: a report names the log it was drawn from. */
  auditHead: { seq: number; hash: string } | null;
}

export interface ComplianceEvaluation extends ComplianceSummary {
  evaluatedAt: number;
  controls: ControlResult[];
}

const days = (max: number) => z.number().int().min(1).max(max);

/** The numbers the controls judge by. */
export const compliancePolicySchema = z.object({
  /** A restore (full, or one investigation) within this many days. */
  restoreTestDays: days(3650),
  /** The newest good backup no older than this many hours. */
  backupMaxAgeHours: days(24 * 90),
  /** A one-time password still unchanged this many days after it was issued fails. */
  oneTimePasswordDays: days(365),
  /** The idle lock at most this many minutes. */
  maxIdleLockMinutes: days(24 * 60),
  /** A PII reveal not reviewed within this many days fails. */
  revealReviewDays: days(365),
  /** An enabled account with no sign-in for this many days fails. */
  dormantDays: days(3650),
  /** Retention (when on) ran within this many days. */
  retentionRunMaxAgeDays: days(365),
}).strict();
export type CompliancePolicy = z.infer<typeof compliancePolicySchema>;

export const DEFAULT_COMPLIANCE_POLICY: CompliancePolicy = {
  restoreTestDays: 90,
  backupMaxAgeHours: 24,
  oneTimePasswordDays: 7,
  maxIdleLockMinutes: 15,
  revealReviewDays: 30,
  dormantDays: 90,
  retentionRunMaxAgeDays: 2,
};

export interface RevealsReviewed {
  /** Reveals up to this audit entry are reviewed. */
  upToSeq: number;
  reviewed: number;
}

/** A report file (the report pipeline's), with the audit head it names. */
export interface ComplianceReportFile extends ReportFile {
  auditHead: { seq: number; hash: string } | null;
}

const empty = z.object({}).strict();

export const complianceChannels = {
  /**
   * Audited: an evaluation that verified the audit chain in full records that in its row, and the
   * next evaluation within a day reuses it instead of reading a million rows again.
   */
  'compliance.evaluate': channel<ComplianceEvaluation>()({ input: empty, access: needs('audit_access'), audited: true }),
  'compliance.getPolicy': channel<CompliancePolicy>()({ input: empty, access: needs('audit_access') }),
  'compliance.updatePolicy': channel<CompliancePolicy>()({ input: compliancePolicySchema, access: needs('admin_access'), audited: true }),
  /** Marks every PII reveal so far as reviewed; writes `compliance.revealsReviewed` with the last entry reviewed. */
  'compliance.markRevealsReviewed': channel<RevealsReviewed>()({ input: empty, access: needs('audit_access') }),
  'compliance.exportReport': channel<ComplianceReportFile>()({
    input: z.object({ format: z.enum(REPORT_FORMATS).default('pdf') }).strict(),
    access: needs('audit_access'),
    audited: true,
  }),
};
