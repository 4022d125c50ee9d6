// The reads of analytics.durations: time to triage summarised in SQL per group of alerts (source,
// rule, assignee or severity), and the investigations opened in a range with what they are grouped
// by. Asked for on demand, never by the refresh of the stats report: grouping alerts by anything but
// severity leaves the covering index, so it reads the rows.
import type { Severity } from '../../src-shared/model';
import type { MetricSummary } from '../../src-shared/analytics-model';
import type { SqliteDatabase } from '../store/database';

export type AlertGrouping = 'severity' | 'source' | 'rule' | 'assignee';

/** Each grouping's SQL expression: constants chosen by name, never spliced from input. '' stands for none (no rule, unassigned). */
const ALERT_GROUP_EXPRESSIONS: Record<AlertGrouping, string> = {
  severity: 'severity',
  source: 'source',
  rule: "coalesce(rule, '')",
  assignee: "coalesce(assignee_id, '')",
};

export interface GroupSummary {
  /** The group's value; null for none. */
  key: string | null;
  summary: MetricSummary;
  missing: number;
}

/** One investigation opened in the range: what it is grouped by, and its two durations (null: not happened). */
export interface CaseDurations {
  severity: Severity;
  source: string | null;
  templateId: string | null;
  assigneeId: string | null;
  acknowledgeMs: number | null;
  resolveMs: number | null;
}

interface SummaryRow {
  g: string;
  n: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
  missing: number | null;
}

// SQLite's percentile_cont and median are the definition of stats/percentile.ts (Hyndman & Fan 7).
const SUMMARY = 'count(ms) AS n, avg(ms) AS mean, median(ms) AS median, percentile_cont(ms, 0.95) AS p95, sum(ms IS NULL) AS missing';
const triageOf = (group: string) => `SELECT ${group} AS g, triaged_at - created_at AS ms FROM alerts WHERE deleted_at IS NULL AND created_at >= @from AND created_at < @to`;

export class DurationBreakdownQueries {
  private readonly perGroup;
  private readonly pooled;
  private readonly cases;

  constructor(db: SqliteDatabase) {
    const each = <T>(build: (expression: string) => T): Record<AlertGrouping, T> => ({
      severity: build(ALERT_GROUP_EXPRESSIONS.severity), source: build(ALERT_GROUP_EXPRESSIONS.source),
      rule: build(ALERT_GROUP_EXPRESSIONS.rule), assignee: build(ALERT_GROUP_EXPRESSIONS.assignee),
    });
    this.perGroup = each((g) => db.prepare<{ from: number; to: number }, SummaryRow>(`SELECT g, ${SUMMARY} FROM (${triageOf(g)}) GROUP BY g`));
    // The groups past the cap summarised together: their values pooled, as one sample.
    this.pooled = each((g) => db.prepare<{ from: number; to: number; kept: string }, Omit<SummaryRow, 'g'>>(
      `SELECT ${SUMMARY} FROM (${triageOf(g)}) WHERE g NOT IN (SELECT value FROM json_each(@kept))`,
    ));
    this.cases = db.prepare<[number, number], { severity: Severity; source: string | null; template_id: string | null; assignee_id: string | null; opened_at: number; acknowledged_at: number | null; resolved_at: number | null }>(
      `SELECT i.severity, i.source, i.template_id, i.assignee_id, l.opened_at, l.acknowledged_at, l.resolved_at
       FROM investigation_lifecycle l JOIN investigations i ON i.id = l.investigation_id
       WHERE l.opened_at >= ? AND l.opened_at < ? AND i.deleted_at IS NULL`,
    );
  }

  /** Time to triage of the alerts created in [from, to), per group; `missing` counts those without a verdict. */
  triageByGroup(grouping: AlertGrouping, from: number, to: number): GroupSummary[] {
    return this.perGroup[grouping].all({ from, to }).map((r) => ({ key: r.g === '' ? null : r.g, ...summaryOf(r) }));
  }

  /** Time to triage of the alerts created in [from, to) outside the groups `kept` (keys as triageByGroup returns them), as one sample. */
  triageOutside(grouping: AlertGrouping, kept: ReadonlyArray<string | null>, from: number, to: number): Omit<GroupSummary, 'key'> {
    const row = this.pooled[grouping].get({ from, to, kept: JSON.stringify(kept.map((k) => k ?? '')) });
    return summaryOf(row ?? { n: 0, mean: null, median: null, p95: null, missing: 0 });
  }

  /** Investigations opened in [from, to), with their grouping values and durations. */
  casesOpenedIn(from: number, to: number): CaseDurations[] {
    return this.cases.all(from, to).map((r) => ({
      severity: r.severity, source: r.source, templateId: r.template_id, assigneeId: r.assignee_id,
      acknowledgeMs: r.acknowledged_at === null ? null : r.acknowledged_at - r.opened_at,
      resolveMs: r.resolved_at === null ? null : r.resolved_at - r.opened_at,
    }));
  }
}

function summaryOf(r: Omit<SummaryRow, 'g'>): Omit<GroupSummary, 'key'> {
  const n = r.n;
  return { summary: { n, mean: n === 0 ? null : r.mean, median: n === 0 ? null : r.median, p95: n === 0 ? null : r.p95 }, missing: r.missing ?? 0 };
}
