// The reads analytics makes, in SQL, shaped for the pure functions beside this file. They read the
// rollups of schemas v9, v11 and v12 (store/migrations/009-analytics-rollups.ts, 011-alert-volume-breakdown.ts,
// 012-resolution-times.ts), kept in step with every change: counts per quarter hour, also by source
// and severity (every real zone's offset is a multiple of 15 minutes, so local days are whole sums of
// them in any zone), rule outcomes per UTC day, and each case's lifecycle and open stretches. Raw
// rows are read only where the rollup cannot answer exactly: the partial UTC days at a range's edges
// for rule precision, triage times (from a covering index), the acknowledged alerts (the counting
// index), and the entity links of a range's alerts (top entities, their own job).
import { SEVERITIES, type AlertStatus, type Severity } from '../../src-shared/model';
import { DURATION_BUCKETS } from '../../src-shared/duration-buckets';
import type { DurationDistribution } from '../../src-shared/analytics-model';
import type { SqliteDatabase } from '../store/database';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { LocalDay } from '../platform/zoned-time';
import type { EntityKind, Resolution } from '../../src-shared/workspace-model';
import type { StretchFlow } from './backlog';
import { sortedCopy, summarizeSorted, type Summary } from './stats/percentile';
import { alertOutcomeSql, QUARTER_HOUR_MS, UTC_DAY_MS } from '../store/migrations/009-analytics-rollups';

/** A day as an instant range, [start, end) in ms. */
export type DaySpan = Pick<LocalDay, 'start' | 'end'>;

export interface RuleCounts {
  source: string;
  rule: string | null;
  promoted: number;
  falsePositive: number;
  untriaged: number;
  /** Acknowledged, or dismissed for another reason than a false positive: the rollup holds them as one. */
  other: number;
}

/** One investigation's lifecycle times, from its rollup row. */
export interface CaseTimes {
  severity: Severity;
  openedAt: number;
  acknowledgedAt: number | null;
  /** The resolution standing now; null while open. */
  resolvedAt: number | null;
  reopenCount: number;
  slaDueAt: number | null;
}

export interface TriageSummary {
  /** null: over all severities. */
  severity: Severity | null;
  summary: Summary;
  missing: number;
}

/** Alerts per day of the top sources (by volume in the days asked for), the other sources summed. */
export interface SourceDayCounts {
  /** Most alerts first, ties by name. */
  sources: string[];
  /** Sources with alerts in the days beyond `sources`. */
  otherSources: number;
  /** Per day, aligned with `sources`. */
  counts: number[][];
  /** Per day, the other sources' alerts. */
  other: number[];
}

type Outcome = 'new' | 'promoted' | 'false_positive' | 'other';

/** Per local day (the index of the day in the list asked for), how many investigations stand resolved with each resolution (null: none recorded). */
export interface ResolvedCount {
  day: number;
  resolution: Resolution | null;
  n: number;
}

/** An entity and its alerts among those that occurred in a range. */
export interface EntityAlertCount {
  id: string;
  kind: EntityKind;
  value: string;
  alerts: number;
  inInvestigations: number;
}

const CASE_TIMES = `SELECT i.severity, l.opened_at, l.acknowledged_at, l.resolved_at, l.reopen_count, i.sla_due_at
  FROM investigation_lifecycle l JOIN investigations i ON i.id = l.investigation_id`;

export class AnalyticsQueries {
  private readonly alertDays;
  private readonly severityDays;
  private readonly sourceDays;
  private readonly caseDays;
  private readonly firstOpened;
  private readonly slaCandidates;
  private readonly stretchesStartedBefore;
  private readonly stretchesEndedBefore;
  private readonly stretchStartDays;
  private readonly stretchEndDays;
  private readonly openStretchesAt;
  private readonly triageTimesBySeverity;
  private readonly dayOutcomes;
  private readonly edgeOutcomes;
  private readonly untriagedDays;
  private readonly statusOccurredIn;
  private readonly resolvedDays;
  private readonly topEntityCounts;

  constructor(db: SqliteDatabase) {
    // Per day, in SQL: the days' [start, end) go in as one JSON array, one count comes back per day
    // (reading every quarter hour of three years into JavaScript cost 175 ms; this, 12 ms).
    // `countOfDay` reads the day's bounds as `d.value ->> 0` (start) and `d.value ->> 1` (end).
    const perDay = (countOfDay: string) => db.prepare<[string], { n: number }>(`SELECT (${countOfDay}) AS n FROM json_each(?) d ORDER BY d.key`);
    this.alertDays = perDay(`SELECT coalesce(sum(n), 0) FROM alert_quarter_counts
      WHERE quarter >= (d.value ->> 0) / ${QUARTER_HOUR_MS} AND quarter < (d.value ->> 1) / ${QUARTER_HOUR_MS}`);
    // The breakdown (schema v11) per day, one statement each. Each day's quarters are a range of the
    // primary key, read once; what is summed per day is summed inside that day's subquery, so a GROUP
    // BY sorts one day's rows, not the whole range's (measured side by side at 300k alerts a year,
    // 90 days: by severity 12 ms instead of 46, by source 26 ms instead of 65).
    const ofDay = `b.quarter >= (d.value ->> 0) / ${QUARTER_HOUR_MS} AND b.quarter < (d.value ->> 1) / ${QUARTER_HOUR_MS}`;
    // A scalar subquery per day (the one place a day's bounds can reach), its four sums as a JSON array
    // in SEVERITIES' order (read apart in SQL, the subquery would run once per severity).
    const severitySum = (severity: Severity) => `coalesce(sum(b.n) FILTER (WHERE b.severity = '${severity}'), 0)`;
    this.severityDays = db.prepare<{ days: string }, { sums: string }>(
      `SELECT (SELECT json_array(${SEVERITIES.map(severitySum).join(', ')}) FROM alert_quarter_breakdown b WHERE ${ofDay}) AS sums
       FROM json_each(@days) d ORDER BY d.key`,
    );
    // Each day's sources come out of its subquery as one JSON object, spread back into rows; sources
    // are then ranked by their alerts over all the days, ties by name, and all but the top summed. A
    // source whose counts went back to 0 (its alerts deleted) is no source of the range.
    this.sourceDays = db.prepare<{ days: string; top: number }, { day: number; rank: number; source: string | null; n: number; sources: number }>(
      `WITH per AS MATERIALIZED (
         SELECT d.key AS day, s.key AS source, s.value AS n FROM json_each(@days) d,
           json_each((SELECT json_group_object(source, n) FROM
             (SELECT b.source, sum(b.n) AS n FROM alert_quarter_breakdown b WHERE ${ofDay} GROUP BY b.source HAVING sum(b.n) <> 0))) s),
       ranked AS (SELECT source, row_number() OVER (ORDER BY sum(n) DESC, source) AS rank FROM per GROUP BY source)
       SELECT per.day, min(ranked.rank, @top + 1) AS rank, CASE WHEN ranked.rank <= @top THEN ranked.source END AS source,
         sum(per.n) AS n, (SELECT count(*) FROM ranked) AS sources
       FROM per JOIN ranked USING (source) GROUP BY 1, 2`,
    );
    this.caseDays = perDay('SELECT count(*) FROM investigation_lifecycle WHERE opened_at >= d.value ->> 0 AND opened_at < d.value ->> 1');
    this.stretchStartDays = perDay('SELECT count(*) FROM investigation_open_stretches WHERE opened_at >= d.value ->> 0 AND opened_at < d.value ->> 1');
    this.stretchEndDays = perDay('SELECT count(*) FROM investigation_open_stretches WHERE resolved_at >= d.value ->> 0 AND resolved_at < d.value ->> 1');
    type CaseRow = { severity: Severity; opened_at: number; acknowledged_at: number | null; resolved_at: number | null; reopen_count: number; sla_due_at: number | null };
    this.firstOpened = db.prepare<[], { at: number | null }>('SELECT min(opened_at) AS at FROM investigation_lifecycle');
    // Due in [from, to): either it opened at most the longest target before `from`, or (opened
    // earlier) its own due time is in the range. The two parts are disjoint, so no row is lost to a
    // UNION's de-duplication of two cases that look alike.
    this.slaCandidates = db.prepare<{ from: number; to: number; earliest: number }, CaseRow>(
      `${CASE_TIMES} WHERE l.opened_at >= @earliest AND l.opened_at < @to AND i.deleted_at IS NULL
       UNION ALL
       ${CASE_TIMES} WHERE i.sla_due_at >= @from AND i.sla_due_at < @to AND i.deleted_at IS NULL AND l.opened_at < @earliest`,
    );
    this.stretchesStartedBefore = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM investigation_open_stretches WHERE opened_at < ?');
    this.stretchesEndedBefore = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM investigation_open_stretches WHERE resolved_at < ?');
    this.openStretchesAt = db.prepare<{ at: number }, { opened_at: number }>(
      `SELECT opened_at FROM investigation_open_stretches WHERE resolved_at IS NULL AND opened_at < @at
       UNION ALL
       SELECT opened_at FROM investigation_open_stretches WHERE resolved_at >= @at AND opened_at < @at`,
    );
    // One pass over the range's triage times, grouped by severity over the severity-first index:
    // SQLite hands each severity's times back as one JSON array (built in C, parsed natively), and
    // they are sorted in a Float64Array, once. Percentiles, means and the histogram come from the
    // sorted arrays, "all severities" from merging them. At 1M alerts and 90 days this took 37 ms
    // against 85 ms for SQLite's median and percentile_cont (a sort per aggregate, per severity and
    // over all), measured side by side; reading the times as rows into JavaScript took 220 ms.
    this.triageTimesBySeverity = db.prepare<{ from: number; to: number }, { severity: Severity; times: string; missing: number }>(
      `SELECT severity, json_group_array(triaged_at - created_at) FILTER (WHERE triaged_at IS NOT NULL) AS times, sum(triaged_at IS NULL) AS missing
       FROM alerts WHERE deleted_at IS NULL AND severity IN ('low', 'medium', 'high', 'critical') AND created_at >= @from AND created_at < @to
       GROUP BY severity`,
    );
    this.dayOutcomes = db.prepare<[number, number], { source: string; rule: string; outcome: Outcome; n: number }>(
      'SELECT source, rule, outcome, sum(n) AS n FROM alert_day_outcomes WHERE day >= ? AND day < ? GROUP BY source, rule, outcome',
    );
    this.untriagedDays = db.prepare<[number, number], { n: number }>(
      "SELECT coalesce(sum(n), 0) AS n FROM alert_day_outcomes WHERE day >= ? AND day < ? AND outcome = 'new'",
    );
    // Alerts standing at one status that occurred in a range, over the counting index (status,
    // severity, occurred_at): one range per severity. The untriaged at a range's partial UTC days;
    // the acknowledged, which share the rollup's 'other' with dismissed-for-another-reason (0.35 ms
    // for 30 days at 1M alerts).
    this.statusOccurredIn = db.prepare<[AlertStatus, number, number], { n: number }>(
      `SELECT count(*) AS n FROM alerts WHERE status = ? AND severity IN ('low', 'medium', 'high', 'critical') AND deleted_at IS NULL
       AND occurred_at >= ? AND occurred_at < ?`,
    );
    // The resolution standing now, per day it was reached: lifecycle.resolved_at is null while a case
    // is open, so a reopened case counts once, at its last close, with the resolution it holds now.
    // Over the schema v12 index, one range per day (3.9 ms for 30 days at 100k cases).
    this.resolvedDays = db.prepare<[string], ResolvedCount>(
      `SELECT d.key AS day, i.resolution AS resolution, count(*) AS n FROM json_each(?) d
       JOIN investigation_lifecycle l ON l.resolved_at >= d.value ->> 0 AND l.resolved_at < d.value ->> 1
       JOIN investigations i ON i.id = l.investigation_id
       WHERE i.deleted_at IS NULL GROUP BY 1, 2`,
    );
    // Links of the range's alerts grouped by entity (the link's key makes each alert count once per
    // entity); only the entities that can make the top `limit` (their count at least the limit-th
    // largest) are joined to their row, for the tie order and the value.
    this.topEntityCounts = db.prepare<{ from: number; to: number; limit: number }, { id: string; kind: EntityKind; value: string; alerts: number; in_investigations: number }>(
      `WITH counted AS MATERIALIZED (
         SELECT ae.entity_rid, count(*) AS alerts, sum(a.investigation_id IS NOT NULL) AS in_investigations
         FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid
         WHERE a.deleted_at IS NULL AND a.occurred_at >= @from AND a.occurred_at < @to GROUP BY ae.entity_rid)
       SELECT e.id, e.kind, e.value, c.alerts, c.in_investigations FROM counted c JOIN entities e ON e.rid = c.entity_rid
       WHERE c.alerts >= coalesce((SELECT alerts FROM counted ORDER BY alerts DESC LIMIT 1 OFFSET @limit - 1), 0)
       ORDER BY c.alerts DESC, e.kind, e.value LIMIT @limit`,
    );
    this.edgeOutcomes = db.prepare<[number, number], { source: string; rule: string; outcome: Outcome; n: number }>(
      `SELECT source, coalesce(rule, '') AS rule, ${alertOutcomeSql('alerts')} AS outcome, count(*) AS n
       FROM alerts WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? GROUP BY 1, 2, 3`,
    );
  }

  /** Alerts that occurred in each day (days start and end on quarter hours, as every zone's do). */
  alertsPerDay(days: readonly DaySpan[]): number[] {
    return this.countPerDay(this.alertDays, days);
  }

  /** Alerts that occurred in each day, by severity (every severity present); they sum to alertsPerDay. */
  alertsPerDayBySeverity(days: readonly DaySpan[]): Array<Record<Severity, number>> {
    return this.severityDays.all({ days: dayBounds(days) }).map((row) => {
      const sums = JSON.parse(row.sums) as number[];
      return Object.fromEntries(SEVERITIES.map((severity, i) => [severity, sums[i] ?? 0])) as Record<Severity, number>;
    });
  }

  /** Alerts that occurred in each day from the `top` sources with the most of them over the days, and from the rest. */
  alertsPerDayBySource(days: readonly DaySpan[], top: number): SourceDayCounts {
    const rows = this.sourceDays.all({ days: dayBounds(days), top });
    const sources: string[] = [];
    for (const row of rows) if (row.source !== null) sources[row.rank - 1] = row.source;
    const counts = days.map(() => sources.map(() => 0));
    const other = days.map(() => 0);
    for (const row of rows) {
      if (row.source === null) other[row.day] = row.n;
      else {
        const day = counts[row.day];
        if (day) day[row.rank - 1] = row.n;
      }
    }
    return { sources, otherSources: Math.max(0, (rows[0]?.sources ?? 0) - sources.length), counts, other };
  }

  /** Investigations opened in each day. */
  casesOpenedPerDay(days: readonly DaySpan[]): number[] {
    return this.countPerDay(this.caseDays, days);
  }

  /** When the first investigation was opened; null in a vault without any. */
  firstCaseOpenedAt(): number | null {
    return this.firstOpened.get()?.at ?? null;
  }

  /** Investigations that may fall due in [from, to): their own due time is in it, or they opened within `longestTargetMs` before it. */
  casesPossiblyDueIn(from: number, to: number, longestTargetMs: number): CaseTimes[] {
    return this.slaCandidates.all({ from, to, earliest: from - longestTargetMs }).map(toCaseTimes);
  }

  /** The open stretches' starts and ends: counted before the first day, and in each day. */
  stretchFlow(days: readonly DaySpan[]): StretchFlow {
    const from = days[0]?.start ?? 0;
    return {
      startedBefore: this.stretchesStartedBefore.get(from)?.n ?? 0,
      endedBefore: this.stretchesEndedBefore.get(from)?.n ?? 0,
      starts: this.countPerDay(this.stretchStartDays, days),
      ends: this.countPerDay(this.stretchEndDays, days),
    };
  }

  /** When each stretch open at instant `at` began. */
  openSince(at: number): number[] {
    return this.openStretchesAt.all({ at }).map((r) => r.opened_at);
  }

  /**
   * Time to triage (created → first verdict) of the alerts created in [from, to), summarised per
   * severity and over all (severity null); `missing` counts those without a verdict (or triaged
   * before schema v8).
   */
  triageSummaries(from: number, to: number): TriageSummary[] {
    return this.triageTimes(from, to).summaries;
  }

  /** The summaries of triageSummaries, and the same times counted per duration bucket (over all severities). */
  triageTimes(from: number, to: number): { summaries: TriageSummary[]; distribution: DurationDistribution } {
    const bySeverity = new Map(this.triageTimesBySeverity.all({ from, to }).map((row) => [row.severity, row]));
    const sorted = SEVERITIES.map((severity) => {
      const row = bySeverity.get(severity);
      return { severity, times: sortedCopy(row ? JSON.parse(row.times) as number[] : []), missing: row?.missing ?? 0 };
    });
    const all = mergeSorted(sorted.map((s) => s.times));
    const missing = sorted.reduce((sum, s) => sum + s.missing, 0);
    return {
      summaries: [
        { severity: null, summary: summarizeSorted(all), missing },
        ...sorted.map((s) => ({ severity: s.severity, summary: summarizeSorted(s.times), missing: s.missing })),
      ],
      distribution: { counts: bucketCountsOfSorted(all), missing },
    };
  }

  /** Alerts still waiting for a verdict that occurred in [from, to): whole UTC days from the rollup, the edges from the alerts. */
  untriagedOccurredIn(from: number, to: number): number {
    const { edges, wholeDays } = splitAtUtcDays(from, to);
    return edges.reduce((sum, [a, b]) => sum + (this.statusOccurredIn.get('new', a, b)?.n ?? 0), wholeDays ? this.untriagedDays.get(...wholeDays)?.n ?? 0 : 0);
  }

  private countPerDay(statement: Statement<[string], { n: number }>, days: readonly DaySpan[]): number[] {
    return statement.all(dayBounds(days)).map((r) => r.n);
  }

  /**
   * Verdict counts per source and rule over alerts that occurred in [from, to): whole UTC days from
   * the rollup, the partial days at the edges from the alerts.
   */
  rules(from: number, to: number): RuleCounts[] {
    const parts = this.outcomeParts(from, to);
    const byRule = new Map<string, RuleCounts>();
    for (const part of parts) {
      const key = `${part.source}\u0000${part.rule}`;
      let counts = byRule.get(key);
      if (!counts) {
        counts = { source: part.source, rule: part.rule === '' ? null : part.rule, promoted: 0, falsePositive: 0, untriaged: 0, other: 0 };
        byRule.set(key, counts);
      }
      if (part.outcome === 'promoted') counts.promoted += part.n;
      else if (part.outcome === 'false_positive') counts.falsePositive += part.n;
      else if (part.outcome === 'new') counts.untriaged += part.n;
      else counts.other += part.n;
    }
    return [...byRule.values()].sort((a, b) => compare(a.source, b.source) || compare(a.rule ?? '', b.rule ?? ''));
  }

  /** Alerts that occurred in [from, to) and stand acknowledged now: what splits the rule counts' `other`. */
  acknowledgedOccurredIn(from: number, to: number): number {
    return this.statusOccurredIn.get('acknowledged', from, to)?.n ?? 0;
  }

  /** Investigations whose standing resolution was reached in each day, per resolution; days without any have no row. */
  resolvedPerDay(days: readonly DaySpan[]): ResolvedCount[] {
    return this.resolvedDays.all(dayBounds(days));
  }

  /** The `limit` entities linked to the most alerts that occurred in [from, to): count descending, then kind, then value. */
  topEntities(from: number, to: number, limit: number): EntityAlertCount[] {
    return this.topEntityCounts.all({ from, to, limit })
      .map((r) => ({ id: r.id, kind: r.kind, value: r.value, alerts: r.alerts, inInvestigations: r.in_investigations }));
  }

  private outcomeParts(from: number, to: number): Array<{ source: string; rule: string; outcome: Outcome; n: number }> {
    const { edges, wholeDays } = splitAtUtcDays(from, to);
    return [...edges.flatMap(([a, b]) => this.edgeOutcomes.all(a, b)), ...(wholeDays ? this.dayOutcomes.all(...wholeDays) : [])];
  }
}

/** The days' [start, end) as the JSON array the per-day statements read. */
function dayBounds(days: readonly DaySpan[]): string {
  return JSON.stringify(days.map((day) => [day.start, day.end]));
}

/** One ascending array of several ascending ones. */
function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  // Runs already in order: the native sort goes through them quickly.
  return all.sort();
}

/** Counts per DURATION_BUCKETS bucket of ascending durations: each bucket ends where the values reach its edge. */
function bucketCountsOfSorted(sorted: Float64Array): number[] {
  const ends = DURATION_BUCKETS.map((bucket) => (bucket.belowMs === null ? sorted.length : firstAtLeast(sorted, bucket.belowMs)));
  return ends.map((end, i) => end - (i === 0 ? 0 : ends[i - 1] ?? 0));
}

/** The index of the first value ≥ `edge` in ascending `sorted` (its length when there is none). */
function firstAtLeast(sorted: Float64Array, edge: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < edge) low = middle + 1;
    else high = middle;
  }
  return low;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toCaseTimes(r: { severity: Severity; opened_at: number; acknowledged_at: number | null; resolved_at: number | null; reopen_count: number; sla_due_at: number | null }): CaseTimes {
  return { severity: r.severity, openedAt: r.opened_at, acknowledgedAt: r.acknowledged_at, resolvedAt: r.resolved_at, reopenCount: r.reopen_count, slaDueAt: r.sla_due_at };
}

/**
 * [from, to) as the whole UTC days inside it (day numbers, end exclusive; null when there are none)
 * and the partial days at its edges (instants).
 */
function splitAtUtcDays(from: number, to: number): { edges: Array<[number, number]>; wholeDays: [number, number] | null } {
  const firstWholeDay = Math.ceil(from / UTC_DAY_MS);
  const endWholeDay = Math.floor(to / UTC_DAY_MS);
  if (firstWholeDay >= endWholeDay) return { edges: from < to ? [[from, to]] : [], wholeDays: null };
  const edges: Array<[number, number]> = [];
  if (from < firstWholeDay * UTC_DAY_MS) edges.push([from, firstWholeDay * UTC_DAY_MS]);
  if (endWholeDay * UTC_DAY_MS < to) edges.push([endWholeDay * UTC_DAY_MS, to]);
  return { edges, wholeDays: [firstWholeDay, endWholeDay] };
}
