// Plain data types shared by main and renderer. Times are epoch milliseconds (UTC).
import type { Permission, Role } from './permissions';

export const SESSION_STATES = [
  'active',
  'locked',
  'totp_required',
  'password_change_required',
  'recovery_key_unconfirmed',
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export interface SessionView {
  sessionId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
  state: SessionState;
  createdAt: number;
  expiresAt: number;
  idleLockSeconds: number;
  totpEnabled: boolean;
}

export interface AppStatus {
  initialized: boolean;
  vaultName: string | null;
  version: string;
  session: SessionView | null;
  /** Where the app writes its log file (shown beside errors whose details are there); null when it keeps none. */
  logPath: string | null;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  createdAt: number;
  passwordChangedAt: number | null;
  lockedUntil: number | null;
  failedAttempts: number;
}

export interface SessionSummary {
  sessionId: string;
  userId: string;
  username: string;
  state: SessionState;
  client: string;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
  current: boolean;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headHash: string | null;
  /**
   * First row where the chain breaks, with why. `truncated` and `rolled_back` compare the chain with its
   * anchor (the head kept outside the database): `seq` is the anchored entry that is missing or differs.
   */
  problem: { seq: number; reason: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'truncated' | 'rolled_back' | 'anchor_invalid' } | null;
  /** The head held by the anchor file when it was checked; null when there is none. */
  anchoredHead?: { seq: number; hash: string } | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `beforeSeq` to read the next (older) page; null at the start of the log. */
  nextBeforeSeq: number | null;
}

export type Theme = 'light' | 'dark' | 'system';

export interface Preferences {
  theme: Theme;
  evidenceImages: 'blurred' | 'shown';
}

export interface SystemSettings {
  idleLockSeconds: number;
  sessionLifetimeHours: number;
}

export interface TotpEnrollment {
  secret: string;
  otpauthUrl: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface AlertImportSummary {
  importId: string;
  /** False when nothing was written ("all or nothing" with rejected rows). */
  committed: boolean;
  read: number;
  /** New alerts. */
  imported: number;
  /** Rows folded into an existing alert by dedup (its count and last-seen grew). */
  deduplicated: number;
  /** Rows already imported before (same source and external id): nothing changed. */
  duplicates: number;
  rejected: number;
  /** The rejected rows with their reasons, up to a cap (the count is always exact). */
  rejectedRows: RejectedRow[];
  /** The mapping used, field → column, as detected or given. */
  columns: Record<string, string>;
  ms: number;
}

export interface DemoSummary {
  inserted: number;
  deduplicated: number;
  entities: number;
  ms: number;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Severity as a word, the same on screen, in charts and in printed reports. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

export const ALERT_STATUSES = ['new', 'acknowledged', 'dismissed', 'promoted'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertRow {
  id: string;
  source: string;
  rule: string | null;
  /** Masked for roles without access_pii. */
  title: string;
  severity: Severity;
  status: AlertStatus;
  occurredAt: number;
  lastSeenAt: number;
  occurrences: number;
  /** Masked for roles without access_pii. */
  primaryEntity: { kind: string; value: string } | null;
  investigationId: string | null;
  assignee: { id: string; displayName: string } | null;
}

export interface AlertPage {
  rows: AlertRow[];
  /** Pass as `after` for the next page; null on the last page. */
  next: { occurredAt: number; id: string; key?: number } | null;
  /** True when PII in these rows is masked for the caller's role. */
  masked: boolean;
}
