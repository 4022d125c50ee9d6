// What the investigation workspace sends across the boundary: investigations and their
// parts (notes, findings, tasks, evidence, actions, timeline), entities, search and PII reveals.
// Values of PII kinds arrive already masked for callers without access_pii or a live reveal.
import type { AlertRow, Severity } from './model';

export const ENTITY_KINDS = ['account', 'email', 'ip', 'domain', 'url', 'phone', 'device', 'content', 'payment'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const INVESTIGATION_STATUSES = ['open', 'in_progress', 'pending', 'closed'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

export const RESOLUTIONS = ['actioned', 'no_violation', 'duplicate', 'false_positive'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const TEMPLATE_IDS = ['account_takeover', 'fraud_ring', 'spam_wave', 'harmful_content', 'blank'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const ACTION_KINDS = ['suspend_account', 'remove_content', 'warn_user', 'block_ip', 'escalate_law_enforcement', 'other'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_STATUSES = ['proposed', 'approved', 'rejected', 'executed', 'reverted'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const DISMISS_REASONS = ['false_positive', 'benign', 'duplicate', 'insufficient_evidence', 'out_of_scope', 'other'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];
/**
 * The reason a dismiss starts with, so `d` then Enter dismisses in one motion: false positive is the
 * verdict most dismissals carry (a rule fired on something that is not what it looks for).
 */
export const DEFAULT_DISMISS_REASON: DismissReason = 'false_positive';

/** An entity as shown inside lists; `value` is masked unless the caller may see it. */
export interface EntityRef {
  id: string;
  kind: EntityKind;
  value: string;
  masked: boolean;
}

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface DirectoryUser extends UserRef {
  role: string;
  disabled: boolean;
}

export interface InvestigationSummary {
  id: string;
  /** INV-YYYY-NNNN, unique per vault, allocated at creation. */
  key: string;
  title: string;
  status: InvestigationStatus;
  resolution: Resolution | null;
  severity: Severity;
  assignee: UserRef | null;
  tags: string[];
  slaDueAt: number | null;
  openedAt: number;
  closedAt: number | null;
  updatedAt: number;
  alertCount: number;
}

export interface InvestigationPage {
  rows: InvestigationSummary[];
  next: { updatedAt: number; id: string; key?: string } | null;
  total: number;
}

export interface StatusChange {
  at: number;
  by: UserRef | null;
  from: InvestigationStatus | null;
  to: InvestigationStatus;
  resolution: Resolution | null;
  reason: string | null;
}

export interface InvestigationDetail extends InvestigationSummary {
  summary: string;
  templateId: TemplateId | null;
  createdBy: UserRef | null;
  statusLog: StatusChange[];
  counts: { alerts: number; entities: number; findings: number; evidence: number; actions: number; tasks: number; openTasks: number; notes: number };
}

export interface InvestigationTemplate {
  id: TemplateId;
  name: string;
  description: string;
  severity: Severity;
  tags: string[];
  tasks: string[];
  slaHours: number;
}

export interface Note {
  id: string;
  investigationId: string;
  body: string;
  author: UserRef | null;
  createdAt: number;
}

/** Markdown as written; the renderer sanitises it before display (no raw HTML, safe links only). */
export interface Finding {
  id: string;
  investigationId: string;
  title: string;
  body: string;
  author: UserRef | null;
  createdAt: number;
  updatedAt: number;
}

export interface Task {
  id: string;
  investigationId: string;
  title: string;
  done: boolean;
  assignee: UserRef | null;
  dueAt: number | null;
  createdAt: number;
  completedAt: number | null;
}

export interface CustodyEvent {
  at: number;
  by: UserRef | null;
  event: 'imported' | 'viewed' | 'exported' | 'verified' | 'verify_failed';
  /** Where the event came from, when it says more than who and when ("imported from case package …"). */
  detail: string | null;
}

export interface EvidenceItem {
  id: string;
  investigationId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  description: string;
  addedBy: UserRef | null;
  addedAt: number;
  custody: CustodyEvent[];
}

export interface EvidenceContent {
  evidenceId: string;
  fileName: string;
  mediaType: string;
  dataBase64: string;
}

export interface EvidenceVerification {
  evidenceId: string;
  ok: boolean;
  expected: string;
  actual: string;
}

export interface ActionDryRun {
  accounts: EntityRef[];
  content: EntityRef[];
  ips: EntityRef[];
  other: EntityRef[];
  /** How many alerts mention the targets: what the action's reach looks like in the data. */
  alertCount: number;
  summary: string;
}

export interface ActionItem {
  id: string;
  investigationId: string;
  kind: ActionKind;
  status: ActionStatus;
  /** Destructive kinds need a second person holding approve_actions (four eyes). */
  destructive: boolean;
  reason: string;
  targets: EntityRef[];
  proposedBy: UserRef | null;
  proposedAt: number;
  decidedBy: UserRef | null;
  decidedAt: number | null;
  decisionComment: string | null;
  executedBy: UserRef | null;
  executedAt: number | null;
  revertedBy: UserRef | null;
  revertedAt: number | null;
  revertReason: string | null;
}

/** 'alert' is the case's activity (alerts added or removed); 'occurrence' is when the alerts themselves happened. */
export type TimelineKind = 'status' | 'alert' | 'occurrence' | 'note' | 'finding' | 'evidence' | 'action' | 'task';

export interface TimelineItem {
  at: number;
  kind: TimelineKind;
  /** The row behind the item (alert, note, …). */
  refId: string;
  title: string;
  by: UserRef | null;
  /**
   * Occurrence items only: how many alerts the item stands for, and the span they were grouped by
   * ('alert': one alert; 'hour', 'day': a case with too many alerts to list one by one; 'earlier':
   * everything before the days listed).
   */
  occurrences?: { count: number; span: 'alert' | 'hour' | 'day' | 'earlier' };
}

export interface EntityGraph {
  nodes: (EntityRef & { alertCount: number })[];
  /** Entities linked by alerts they share; weight = the number of shared alerts. */
  links: { source: string; target: string; weight: number }[];
  /** True when the graph was cut to its most-connected nodes. */
  truncated: boolean;
}

export interface EntityDetail extends EntityRef {
  firstSeenAt: number;
  lastSeenAt: number;
  alertCount: number;
  /** 0–100, derived from the entity's alerts (severity, recency, volume, spread across sources). */
  riskScore: number;
  riskFactors: string[];
  investigations: InvestigationSummary[];
  severityCounts: Record<Severity, number>;
}

export interface AlertDetail extends AlertRow {
  description: string;
  dismissReason: string | null;
  assignee: UserRef | null;
  entities: EntityRef[];
  /** The source row as imported, masked like everything else. */
  raw: Record<string, string> | null;
  investigation: { id: string; key: string; title: string } | null;
  /** The alert of a security incident about the caller: four eyes, they cannot triage it (set by main, per caller). */
  aboutYou?: true;
}

/** The parts of the triage filter, in the order a mismatch is named (source and rule take their prefixes too; time is from and to). */
export const ALERT_FILTER_FACETS = ['status', 'severity', 'assignee', 'investigation', 'source', 'rule', 'entity', 'time', 'text'] as const;
export type AlertFilterFacet = (typeof ALERT_FILTER_FACETS)[number];

/** Whether one alert matches a triage filter now (alerts.matchesFilter); when not, the first part of the filter it fails. */
export type AlertFilterMatch = { matches: true } | { matches: false; failing: AlertFilterFacet };

export interface SimilarAlert {
  alert: AlertRow;
  shared: EntityRef[];
  score: number;
  /** Why it is listed, e.g. "shares 2 entities: ip 203.0.113.x, account ****1234". */
  reason: string;
}

export interface BulkResult {
  /** Alerts changed. */
  affected: number;
  /** Alerts the selection named that were left as they were (already in that state). */
  unchanged: number;
  /**
   * Alerts left as they were because they are about the caller's own security incident (four eyes:
   * another person must triage them); absent when there were none.
   */
  ownIncidents?: number;
}

export type SearchHitKind = 'alert' | 'investigation' | 'note' | 'finding' | 'entity';

export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  /** The investigation a note, finding or promoted alert belongs to. */
  investigationId: string | null;
  title: string;
  /** Matched text with the hit wrapped in «…». */
  snippet: string;
  at: number;
}

export interface SearchResults {
  query: string;
  /** The parsed query, so the UI can show what it understood. */
  filters: Record<string, string[]>;
  terms: string[];
  hits: SearchHit[];
  counts: Record<SearchHitKind, number>;
  /** Kinds with more matches than their count says (it stopped at the cap): shown as "more than N". */
  capped: SearchHitKind[];
  ms: number;
}

export interface SavedQuery {
  id: string;
  name: string;
  query: string;
  createdAt: number;
}

export interface QueryHistoryItem {
  query: string;
  at: number;
  hits: number;
  /** More than `hits` matched (a kind's count stopped at its cap). */
  capped: boolean;
}

export interface PiiReveal {
  entityId: string;
  kind: EntityKind;
  value: string;
  purpose: string;
  expiresAt: number;
}

export interface ExportFile {
  fileName: string;
  mediaType: string;
  content: string;
  rows: number;
  masked: boolean;
  /** How many rows matched, when an export was capped it is more than `rows` (lists only). */
  matched?: number;
}

export interface UploadTicket {
  uploadId: string;
  /** Send chunks of at most this many bytes (before base64). */
  chunkBytes: number;
}

export interface InvestigationImportSummary {
  importId: string;
  committed: boolean;
  /** Event rows read. */
  read: number;
  /** Distinct cases in the file, after "latest row wins". */
  cases: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: { line: number; reason: string }[];
  columns: Record<string, string>;
  ms: number;
}
