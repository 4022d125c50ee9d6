// What a security rule sees of an audit row, and the read-only look back over the log it may ask for.
// Rules are pure functions of the row, the look back and the thresholds: the monitor (security-monitor.ts)
// feeds them in sequence order, a unit test feeds them a crafted log, and both get the same answers.
import type { AuditOutcome, Severity } from '../../src-shared/model';
import type { SecurityRule, SecurityThresholds } from '../../src-shared/security-model';

export interface AuditFact {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  /** The row's details, parsed on first use (most rows no rule reads). */
  details(): Record<string, unknown>;
}

export interface LookBackQuery {
  action: string;
  outcome: AuditOutcome;
  /** One person's rows; everyone's when absent. */
  actorId?: string | undefined;
  /** Inclusive bounds on `at`. */
  from: number;
  to: number;
  /**
   * Rows up to this sequence number only, so a row is judged on the log as it stood when it was
   * appended, whether it is scanned at once or in a full rescan later.
   */
  upToSeq: number;
}

export interface AuditLookBack {
  /** Matching rows, oldest first, at most `LOOK_BACK_LIMIT`. */
  rows(query: LookBackQuery): AuditFact[];
  /** Whether the entity appears on an alert of an investigation that is not closed. */
  entityInOpenInvestigation(entityId: string): boolean;
}

/** Rows a look back returns at most: enough to pass any threshold, few enough to stay cheap. */
export const LOOK_BACK_LIMIT = 5000;

/** A rule's decision that something happened, before it becomes (or grows) an incident. */
export interface Firing {
  rule: SecurityRule;
  severity: Severity;
  subject: { id: string | null; name: string | null } | null;
  windowStart: number;
  windowEnd: number;
  /** The audit row that made it fire: a rescan that meets it again adds nothing. */
  triggerSeq: number;
  evidence: readonly number[];
  summary: string;
  /**
   * A firing whose window starts within this long after an unresolved incident's window ended folds
   * into that incident (0: only when the windows overlap).
   */
  foldWithinMs: number;
}

export interface RuleContext {
  thresholds: SecurityThresholds;
  /** The zone sign-in hours are counted in. */
  timeZone: string;
}

export interface SecurityRuleCheck {
  rule: SecurityRule;
  /** The audit actions whose rows this rule is shown. */
  actions: readonly string[];
  check(row: AuditFact, look: AuditLookBack, context: RuleContext): Firing | null;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const subjectOf = (row: AuditFact) => (row.actorId === null && row.actorName === null ? null : { id: row.actorId, name: row.actorName });

export const nameOf = (row: AuditFact) => row.actorName ?? row.actorId ?? 'an unknown account';
