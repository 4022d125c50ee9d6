// What analytics.durations returns: time to triage / acknowledge / resolve over a range, broken down
// by one grouping a lead picks (the stats report carries only the by-severity breakdown, which is
// cheap enough for every refresh). docs/METRICS.md, "Durations broken down".
import type { MetricSummary } from './analytics-model';

export const DURATION_GROUPINGS = ['severity', 'source', 'rule', 'assignee', 'template'] as const;
export type DurationGrouping = (typeof DURATION_GROUPINGS)[number];

/** At most this many groups are listed per measure; the rest are pooled into one "other" line. */
export const MAX_DURATION_GROUPS = 50;

export interface DurationGroup {
  /** The grouping's value (a severity, source, rule, user id or template id); null for "none" (no rule, unassigned, no template, not imported). */
  key: string | null;
  /** What the screen shows: a display name for a person, a template's name, "Unassigned"… */
  label: string;
  summary: MetricSummary;
  /** Items of the group for which it has not happened (or was not recorded). */
  missing: number;
}

export type GroupedDurations =
  /** The grouping does not exist for these items: alerts have no template, investigations no rule. */
  | { kind: 'not-applicable'; reason: string }
  | {
    kind: 'grouped';
    /** The largest groups by n (then by missing, then by label), at most MAX_DURATION_GROUPS. */
    groups: DurationGroup[];
    /** The groups past the cap, pooled (their values summarised together, not their summaries averaged); null when none were left out. */
    other: { groups: number; summary: MetricSummary; missing: number } | null;
  };

export interface DurationBreakdown {
  range: { from: string; to: string; timeZone: string };
  generatedAt: number;
  by: DurationGrouping;
  /** Alerts created in the range: created → first verdict. */
  triage: GroupedDurations;
  /** Investigations opened in the range: opened → first move out of open. */
  acknowledge: GroupedDurations;
  /** Investigations opened in the range: opened → the resolution standing now. */
  resolve: GroupedDurations;
}
