// The rows behind the "How long work takes" section beyond its by-severity table: the histogram of
// each duration and the table of one breakdown (analytics.durations), as plain values. Exactly what
// the screen's tables show and what "Download CSV / JSON" writes (the analytics-tables.ts pattern).
import type { StatsReport } from './analytics-model';
import { DURATION_BUCKETS } from './duration-buckets';
import type { DurationBreakdown, DurationGrouping, GroupedDurations } from './duration-breakdown-model';
import type { ChartTable } from './analytics-tables';

/** The bucket row a histogram's table ends with: items in the range for which it has not happened. */
export const NOT_MEASURED = 'Not measured (missing)';

export interface DistributionRow {
  bucket: string;
  /** Alerts created in the range. */
  triage: number;
  /** Investigations opened in the range. */
  acknowledge: number;
  resolve: number;
}

/** One line per bucket of DURATION_BUCKETS, then the missing counts on a line of their own. */
export function distributionTable(report: StatsReport): ChartTable<DistributionRow> {
  const { triage, acknowledge, resolve } = report.durationDistributions;
  return {
    name: 'duration-distribution',
    columns: ['bucket', 'triage', 'acknowledge', 'resolve'],
    rows: [
      ...DURATION_BUCKETS.map((bucket, i) => ({ bucket: bucket.label, triage: triage.counts[i] ?? 0, acknowledge: acknowledge.counts[i] ?? 0, resolve: resolve.counts[i] ?? 0 })),
      { bucket: NOT_MEASURED, triage: triage.missing, acknowledge: acknowledge.missing, resolve: resolve.missing },
    ],
  };
}

/** The group column's heading for each grouping. */
export const GROUPING_LABELS: Record<DurationGrouping, string> = {
  severity: 'Severity', source: 'Source', rule: 'Rule', assignee: 'Assignee', template: 'Template',
};

export interface DurationGroupRow {
  measure: string;
  /** The group's name; "Other (…)" for the groups past the cap, pooled; "Not applicable: …" when the grouping does not exist for the measure. */
  group: string;
  /** null only on a "not applicable" line: nothing was measured, which is not 0. */
  n: number | null;
  meanMs: number | null;
  medianMs: number | null;
  p95Ms: number | null;
  missing: number | null;
}

export const BREAKDOWN_MEASURES = { triage: 'Time to triage (alerts)', acknowledge: 'Time to acknowledge', resolve: 'Time to resolve' } as const;

/** Each measure's groups (largest first), its pooled "other" line, or one line saying why it has no groups. */
export function durationBreakdownTable(breakdown: DurationBreakdown): ChartTable<DurationGroupRow> {
  const rows = (measure: string, m: GroupedDurations): DurationGroupRow[] => {
    if (m.kind === 'not-applicable') return [{ measure, group: `Not applicable: ${m.reason}`, n: null, meanMs: null, medianMs: null, p95Ms: null, missing: null }];
    return [
      ...m.groups.map((g) => ({ measure, group: g.label, n: g.summary.n, meanMs: g.summary.mean, medianMs: g.summary.median, p95Ms: g.summary.p95, missing: g.missing })),
      ...(m.other === null ? [] : [{
        measure, group: `Other (${m.other.groups} more ${m.other.groups === 1 ? 'group' : 'groups'}, pooled)`,
        n: m.other.summary.n, meanMs: m.other.summary.mean, medianMs: m.other.summary.median, p95Ms: m.other.summary.p95, missing: m.other.missing,
      }]),
    ];
  };
  return {
    name: `durations-by-${breakdown.by}`,
    columns: ['measure', 'group', 'n', 'meanMs', 'medianMs', 'p95Ms', 'missing'],
    rows: [
      ...rows(BREAKDOWN_MEASURES.triage, breakdown.triage),
      ...rows(BREAKDOWN_MEASURES.acknowledge, breakdown.acknowledge),
      ...rows(BREAKDOWN_MEASURES.resolve, breakdown.resolve),
    ],
  };
}
