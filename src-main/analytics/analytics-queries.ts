// The reads analytics makes, in SQL, shaped for the pure functions beside this file. Each query
// reads what it needs in one pass; the quarter-hour counts exist because every real zone's offset is
// a multiple of 15 minutes, so local days are whole sums of them in any zone.
import type { Severity } from '../../src-shared/model';
import type { InvestigationStatus } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { caseLifecycle, type CaseLifecycle, type StatusMove } from './case-lifecycle';

export const QUARTER_HOUR_MS = 15 * 60 * 1000;

export interface CaseFacts {
  id: string;
  severity: Severity;
  slaDueAt: number | null;
  life: CaseLifecycle;
}

export interface QuarterCount {
  /** Start of the quarter hour, ms. */
  at: number;
  count: number;
}

export interface RuleCounts {
  source: string;
  rule: string | null;
  promoted: number;
  falsePositive: number;
  untriaged: number;
}

export class AnalyticsQueries {
  private readonly caseLogs;
  private readonly alertQuarters;
  private readonly triageTimes;
  private readonly ruleCounts;

  constructor(db: SqliteDatabase) {
    // Ordered by case, then as written: the log's rowid follows insertion.
    this.caseLogs = db.prepare<[], {
      id: string; severity: Severity; sla_due_at: number | null; source_resolved_at: number | null;
      at: number; from_status: InvestigationStatus | null; to_status: InvestigationStatus;
    }>(
      `SELECT i.id, i.severity, i.sla_due_at, i.source_resolved_at, l.at, l.from_status, l.to_status
       FROM investigations i JOIN investigation_status_log l ON l.investigation_id = i.id
       WHERE i.deleted_at IS NULL ORDER BY i.id, l.at, l.rowid`,
    );
    this.alertQuarters = db.prepare<[number, number, number], { q: number; n: number }>(
      'SELECT occurred_at / ? AS q, count(*) AS n FROM alerts WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? GROUP BY q',
    );
    this.triageTimes = db.prepare<[number, number], { severity: Severity; created_at: number; triaged_at: number | null }>(
      'SELECT severity, created_at, triaged_at FROM alerts WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?',
    );
    this.ruleCounts = db.prepare<[number, number], { source: string; rule: string | null; promoted: number; fp: number; untriaged: number }>(
      `SELECT source, rule,
         sum(status = 'promoted') AS promoted,
         sum(status = 'dismissed' AND (dismiss_reason = 'false_positive' OR dismiss_reason LIKE 'false_positive:%')) AS fp,
         sum(status = 'new') AS untriaged
       FROM alerts WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?
       GROUP BY source, rule ORDER BY source, rule`,
    );
  }

  /** Every investigation's lifecycle, read from its status log. */
  cases(): CaseFacts[] {
    type Open = { id: string; severity: Severity; slaDueAt: number | null; sourceResolvedAt: number | null; moves: StatusMove[] };
    const facts: CaseFacts[] = [];
    const flush = (done: Open | null) => {
      const life = done ? caseLifecycle(done.moves, done.sourceResolvedAt) : null;
      if (done && life) facts.push({ id: done.id, severity: done.severity, slaDueAt: done.slaDueAt, life });
    };
    let current: Open | null = null;
    for (const row of this.caseLogs.iterate()) {
      if (current === null || current.id !== row.id) {
        flush(current);
        current = { id: row.id, severity: row.severity, slaDueAt: row.sla_due_at, sourceResolvedAt: row.source_resolved_at, moves: [] };
      }
      current.moves.push({ at: row.at, from: row.from_status, to: row.to_status });
    }
    flush(current);
    return facts;
  }

  /** Alerts by the quarter hour they occurred in, over [from, to). */
  alertsByQuarterHour(from: number, to: number): QuarterCount[] {
    return this.alertQuarters.all(QUARTER_HOUR_MS, from, to).map((r) => ({ at: r.q * QUARTER_HOUR_MS, count: r.n }));
  }

  /** Alerts created in [from, to) with their first verdict time (null while untriaged or triaged before schema v8). */
  triage(from: number, to: number): Array<{ severity: Severity; createdAt: number; triagedAt: number | null }> {
    return this.triageTimes.all(from, to).map((r) => ({ severity: r.severity, createdAt: r.created_at, triagedAt: r.triaged_at }));
  }

  /** Verdict counts per source and rule over alerts that occurred in [from, to). */
  rules(from: number, to: number): RuleCounts[] {
    return this.ruleCounts.all(from, to).map((r) => ({ source: r.source, rule: r.rule, promoted: r.promoted, falsePositive: r.fp, untriaged: r.untriaged }));
  }
}
