// The vault's retention policy (issue 14, part 4) and its channels: what is removed or anonymised
// after how many days, a preview with exact counts, applying it now, and a legal hold per
// investigation that keeps it and everything hanging off it. Gathered by contract.ts. What each kind
// and mode removes is in docs/COMPLIANCE.md, "Retention".
import { z } from 'zod';
import { channel, needs } from './channel';

export const RETENTION_DAYS = { min: 1, max: 36_500 } as const;
export const RETENTION_GRACE_DAYS = { min: 0, max: 365 } as const;

const days = z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max);

/** purge: the rows go, with everything hanging off them. anonymise: the row stays for statistics, its free text and PII go. */
export const retentionModeSchema = z.enum(['purge', 'anonymise']);
export type RetentionMode = z.infer<typeof retentionModeSchema>;

/** `days: null` keeps this kind for ever. */
const kindPolicy = z.object({ days: days.nullable(), mode: retentionModeSchema }).strict();
/** An evidence file is its content: there is nothing to keep once it is anonymised, so it is only purged. */
const evidencePolicy = z.object({ days: days.nullable(), mode: z.literal('purge') }).strict();

export const retentionPolicySchema = z.object({
  /** Off: the daily run does nothing (a preview and an explicit apply still work). */
  enabled: z.boolean(),
  /** Days an item stays listed as due (in the preview) after it became eligible, before a run removes it. */
  graceDays: z.number().int().min(RETENTION_GRACE_DAYS.min).max(RETENTION_GRACE_DAYS.max),
  /** Closed investigations, counted from their closing. */
  closedInvestigations: kindPolicy,
  /** Dismissed alerts not in any investigation, counted from their dismissal. */
  dismissedAlerts: kindPolicy,
  /** Evidence files (the files people uploaded) of closed investigations, counted from their upload. */
  evidence: evidencePolicy,
}).strict();
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  enabled: false,
  graceDays: 7,
  closedInvestigations: { days: 730, mode: 'anonymise' },
  dismissedAlerts: { days: 365, mode: 'purge' },
  evidence: { days: 730, mode: 'purge' },
};

export const RETENTION_KINDS = ['closedInvestigations', 'dismissedAlerts', 'evidence'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export interface RetentionKindCounts {
  mode: RetentionMode;
  /** Null: the kind is kept for ever. Items whose age is counted from before this go in this run. */
  removeBefore: number | null;
  /** Items past the policy's days but still in their grace period: listed, not removed by this run. */
  due: number;
  /** Items this run removes (purge) or anonymises. */
  items: number;
  /** Alerts that go with the investigations (closed investigations only; 0 for the others). */
  alerts: number;
  /** Items past the policy that a legal hold keeps. */
  held: number;
}

export interface RetentionPreview {
  policy: RetentionPolicy;
  at: number;
  kinds: Record<RetentionKind, RetentionKindCounts>;
}

export interface RetentionOutcome extends RetentionPreview {
  /** Entities no alert links any more, removed with the alerts (they are the PII). */
  entitiesRemoved: number;
  /** The run's `retention.applied` audit row (written by every run, one that removed nothing too). */
  auditSeq: number;
}

export interface LegalHold {
  investigationId: string;
  held: boolean;
  at: number | null;
  by: string | null;
  reason: string | null;
}

const empty = z.object({}).strict();

export const retentionChannels = {
  'retention.getPolicy': channel<RetentionPolicy>()({ input: empty, access: needs('admin_access') }),
  'retention.updatePolicy': channel<RetentionPolicy>()({ input: retentionPolicySchema, access: needs('admin_access'), audited: true }),
  /** A dry run: the same plan the apply computes, counts only. */
  'retention.preview': channel<RetentionPreview>()({ input: empty, access: needs('admin_access') }),
  /** Not audited by the router: the run writes its own `retention.applied` row, with counts and hashes. */
  'retention.apply': channel<RetentionOutcome>()({ input: empty, access: needs('admin_access') }),
  'retention.getLegalHold': channel<LegalHold>()({
    input: z.object({ investigationId: z.string().min(1).max(64) }).strict(),
    access: needs('read_investigations'),
  }),
  'retention.setLegalHold': channel<LegalHold>()({
    input: z.object({
      investigationId: z.string().min(1).max(64),
      held: z.boolean(),
      reason: z.string().trim().min(5, 'State the reason (at least 5 characters)').max(500),
    }).strict(),
    access: needs('admin_access'),
    audited: true,
  }),
};
