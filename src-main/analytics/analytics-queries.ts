// The reads analytics makes, in SQL, shaped for the pure functions beside this file. They read the
// rollups of schema v9 (store/migrations/009-analytics-rollups.ts), kept in step with every change:
// counts per quarter hour (every real zone's offset is a multiple of 15 minutes, so local days are
// whole sums of them in any zone), rule outcomes per UTC day, and each case's lifecycle and open
// stretches. Raw rows are read only where the rollup cannot answer exactly: the partial UTC days at a
// range's edges for rule precision, and triage times (from a covering index).
import type { Severity } from '../../src-shared/model';
import type { SqliteDatabase } from '../store/database';
import type { InstantCount, StretchFlow } from './backlog';
import { alertOutcomeSql, QUARTER_HOUR_MS, UTC_DAY_MS } from '../store/migrations/009-analytics-rollups';

export { QUARTER_HOUR_MS };

/** A quarter hour (its start, ms) and a count in it. */
export type QuarterCount = InstantCount;

export interface RuleCounts {
  source: string;
  rule: string | null;
  promoted: number;
  falsePositive: number;
  untriaged: number;
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

type Outcome = 'new' | 'promoted' | 'false_positive' | 'other';

const CASE_TIMES = `SELECT i.severity, l.opened_at, l.acknowledged_at, l.resolved_at, l.reopen_count, i.sla_due_at
  FROM investigation_lifecycle l JOIN investigations i ON i.id = l.investigation_id`;

export class AnalyticsQueries {
  private readonly alertQuarters;
  private readonly caseQuarters;
  private readonly casesOpened;
  private readonly slaCandidates;
  private readonly stretchesStartedBefore;
  private readonly stretchesEndedBefore;
  private readonly stretchStarts;
  private readonly stretchEnds;
  private readonly openStretchesAt;
  private readonly triageTimes;
  private readonly dayOutcomes;
  private readonly edgeOutcomes;

  constructor(db: SqliteDatabase) {
    // Each returns the quarter's index (ms ÷ 15 min) as q.
    const quarters = (sql: string) => db.prepare<[number, number, number], { q: number; n: number }>(sql);
    this.alertQuarters = db.prepare<[number, number], { q: number; n: number }>('SELECT quarter AS q, n FROM alert_quarter_counts WHERE quarter >= ? AND quarter < ? AND n > 0');
    this.caseQuarters = quarters('SELECT opened_at / ? AS q, count(*) AS n FROM investigation_lifecycle WHERE opened_at >= ? AND opened_at < ? GROUP BY q');
    type CaseRow = { severity: Severity; opened_at: number; acknowledged_at: number | null; resolved_at: number | null; reopen_count: number; sla_due_at: number | null };
    this.casesOpened = db.prepare<[number, number], CaseRow>(`${CASE_TIMES} WHERE l.opened_at >= ? AND l.opened_at < ? AND i.deleted_at IS NULL`);
    // Due in [from, to): either its own due time is, or it opened at most the longest target before `from`.
    this.slaCandidates = db.prepare<{ from: number; to: number; earliest: number }, CaseRow>(
      `${CASE_TIMES} WHERE l.opened_at >= @earliest AND l.opened_at < @to AND i.deleted_at IS NULL
       UNION
       ${CASE_TIMES} WHERE i.sla_due_at >= @from AND i.sla_due_at < @to AND i.deleted_at IS NULL`,
    );
    this.stretchesStartedBefore = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM investigation_open_stretches WHERE opened_at < ?');
    this.stretchesEndedBefore = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM investigation_open_stretches WHERE resolved_at < ?');
    this.stretchStarts = quarters('SELECT opened_at / ? AS q, count(*) AS n FROM investigation_open_stretches WHERE opened_at >= ? AND opened_at < ? GROUP BY q');
    this.stretchEnds = quarters('SELECT resolved_at / ? AS q, count(*) AS n FROM investigation_open_stretches WHERE resolved_at >= ? AND resolved_at < ? GROUP BY q');
    this.openStretchesAt = db.prepare<{ at: number }, { opened_at: number }>(
      `SELECT opened_at FROM investigation_open_stretches WHERE resolved_at IS NULL AND opened_at < @at
       UNION ALL
       SELECT opened_at FROM investigation_open_stretches WHERE resolved_at >= @at AND opened_at < @at`,
    );
    this.triageTimes = db.prepare<[number, number], { severity: Severity; created_at: number; triaged_at: number | null }>(
      'SELECT severity, created_at, triaged_at FROM alerts WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?',
    );
    this.dayOutcomes = db.prepare<[number, number], { source: string; rule: string; outcome: Outcome; n: number }>(
      'SELECT source, rule, outcome, sum(n) AS n FROM alert_day_outcomes WHERE day >= ? AND day < ? GROUP BY source, rule, outcome',
    );
    this.edgeOutcomes = db.prepare<[number, number], { source: string; rule: string; outcome: Outcome; n: number }>(
      `SELECT source, coalesce(rule, '') AS rule, ${alertOutcomeSql('alerts')} AS outcome, count(*) AS n
       FROM alerts WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? GROUP BY 1, 2, 3`,
    );
  }

  /** Alerts by the quarter hour they occurred in, over [from, to) (quarter-aligned). */
  alertsByQuarterHour(from: number, to: number): QuarterCount[] {
    return quarterCounts(this.alertQuarters.all(quarterOf(from), quarterOf(to)));
  }

  /** Investigations by the quarter hour they were opened in, over [from, to). */
  casesOpenedByQuarterHour(from: number, to: number): QuarterCount[] {
    return quarterCounts(this.caseQuarters.all(QUARTER_HOUR_MS, from, to));
  }

  /** Investigations opened in [from, to), with their lifecycle times. */
  casesOpenedIn(from: number, to: number): CaseTimes[] {
    return this.casesOpened.all(from, to).map(toCaseTimes);
  }

  /** Investigations that may fall due in [from, to): their own due time is in it, or they opened within `longestTargetMs` before it. */
  casesPossiblyDueIn(from: number, to: number, longestTargetMs: number): CaseTimes[] {
    return this.slaCandidates.all({ from, to, earliest: from - longestTargetMs }).map(toCaseTimes);
  }

  /** The open stretches' starts and ends: counted before `from`, per quarter hour in [from, to). */
  stretchFlow(from: number, to: number): StretchFlow {
    return {
      startedBefore: this.stretchesStartedBefore.get(from)?.n ?? 0,
      endedBefore: this.stretchesEndedBefore.get(from)?.n ?? 0,
      starts: quarterCounts(this.stretchStarts.all(QUARTER_HOUR_MS, from, to)),
      ends: quarterCounts(this.stretchEnds.all(QUARTER_HOUR_MS, from, to)),
    };
  }

  /** When each stretch open at instant `at` began. */
  openSince(at: number): number[] {
    return this.openStretchesAt.all({ at }).map((r) => r.opened_at);
  }

  /** Alerts created in [from, to) with their first verdict time (null while untriaged or triaged before schema v8). */
  triage(from: number, to: number): Array<{ severity: Severity; createdAt: number; triagedAt: number | null }> {
    return this.triageTimes.all(from, to).map((r) => ({ severity: r.severity, createdAt: r.created_at, triagedAt: r.triaged_at }));
  }

  /**
   * Verdict counts per source and rule over alerts that occurred in [from, to): whole UTC days from
   * the rollup, the partial days at the edges from the alerts.
   */
  rules(from: number, to: number): RuleCounts[] {
    const firstWholeDay = Math.ceil(from / UTC_DAY_MS);
    const endWholeDay = Math.floor(to / UTC_DAY_MS);
    const parts = firstWholeDay < endWholeDay
      ? [
        ...this.edgeOutcomes.all(from, firstWholeDay * UTC_DAY_MS),
        ...this.dayOutcomes.all(firstWholeDay, endWholeDay),
        ...this.edgeOutcomes.all(endWholeDay * UTC_DAY_MS, to),
      ]
      : this.edgeOutcomes.all(from, to);
    const byRule = new Map<string, RuleCounts>();
    for (const part of parts) {
      const key = `${part.source}\u0000${part.rule}`;
      let counts = byRule.get(key);
      if (!counts) {
        counts = { source: part.source, rule: part.rule === '' ? null : part.rule, promoted: 0, falsePositive: 0, untriaged: 0 };
        byRule.set(key, counts);
      }
      if (part.outcome === 'promoted') counts.promoted += part.n;
      else if (part.outcome === 'false_positive') counts.falsePositive += part.n;
      else if (part.outcome === 'new') counts.untriaged += part.n;
    }
    return [...byRule.values()].sort((a, b) => compare(a.source, b.source) || compare(a.rule ?? '', b.rule ?? ''));
  }

}

function quarterCounts(rows: ReadonlyArray<{ q: number; n: number }>): QuarterCount[] {
  return rows.map((r) => ({ at: r.q * QUARTER_HOUR_MS, count: r.n }));
}

/** The first quarter hour starting at or after `at`. */
function quarterOf(at: number): number {
  return Math.ceil(at / QUARTER_HOUR_MS);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toCaseTimes(r: { severity: Severity; opened_at: number; acknowledged_at: number | null; resolved_at: number | null; reopen_count: number; sla_due_at: number | null }): CaseTimes {
  return { severity: r.severity, openedAt: r.opened_at, acknowledgedAt: r.acknowledged_at, resolvedAt: r.resolved_at, reopenCount: r.reopen_count, slaDueAt: r.sla_due_at };
}
