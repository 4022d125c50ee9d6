// The reads of the overview, the anomaly scores and the staffing numbers, in SQL: who decided what
// and when, who holds which open work, the signed-in user's queue and the team's backlog. Kept apart
// from analytics-queries.ts, whose reads come from rollup tables.
import type { Severity } from '../../src-shared/model';
import type { InvestigationStatus } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';

/** One actor's decisions at one instant: a bulk verdict on 40 alerts is 40 decisions. */
export interface DecisionEvent {
  userId: string;
  at: number;
  kind: 'alert-verdict' | 'investigation-resolution';
  count: number;
}

export interface QueueInvestigation {
  id: string;
  key: string;
  title: string;
  severity: Severity;
  status: InvestigationStatus;
  openedAt: number;
  slaDueAt: number | null;
}

// The verdicts the triage channels record in the audit log, with the alerts they changed (`affected`).
// Written to match the partial index audit_log_decisions (schema v9) term for term.
const ALERT_VERDICTS = `SELECT actor_id AS user_id, at, coalesce(json_extract(details, '$.affected'), 0) AS n FROM audit_log
  WHERE outcome = 'success' AND actor_id IS NOT NULL AND action IN ('alerts.promote', 'alerts.merge', 'alerts.bulk') AND at >= ? AND at < ?
    AND (action <> 'alerts.bulk' OR json_extract(details, '$.action') IN ('acknowledge', 'dismiss'))`;

export class OverviewQueries {
  private readonly firstAlert;
  private readonly alertVerdicts;
  private readonly resolutions;
  private readonly names;
  private readonly openAssigned;
  private readonly myOpen;
  private readonly myAlerts;
  private readonly openByStatus;
  private readonly alertsBetween;

  constructor(db: SqliteDatabase) {
    this.firstAlert = db.prepare<[], { at: number | null }>('SELECT min(occurred_at) AS at FROM alerts WHERE deleted_at IS NULL');
    this.alertVerdicts = db.prepare<[number, number], { user_id: string; at: number; n: number }>(ALERT_VERDICTS);
    this.resolutions = db.prepare<[number, number], { user_id: string; at: number }>(
      `SELECT l.user_id, l.at FROM investigation_status_log l JOIN investigations i ON i.id = l.investigation_id
       WHERE l.to_status = 'closed' AND l.user_id IS NOT NULL AND i.deleted_at IS NULL AND l.at >= ? AND l.at < ?`,
    );
    this.names = db.prepare<[], { id: string; display_name: string }>('SELECT id, display_name FROM users');
    this.openAssigned = db.prepare<[], { user_id: string; n: number }>(
      `SELECT assignee_id AS user_id, count(*) AS n FROM investigations
       WHERE deleted_at IS NULL AND status IN ('open', 'in_progress', 'pending') AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
    this.myOpen = db.prepare<[string], { id: string; key: string; title: string; severity: Severity; status: InvestigationStatus; opened_at: number; sla_due_at: number | null }>(
      `SELECT id, key, title, severity, status, opened_at, sla_due_at FROM investigations
       WHERE assignee_id = ? AND deleted_at IS NULL AND status <> 'closed'`,
    );
    this.myAlerts = db.prepare<[string], { n: number; oldest: number | null }>(
      `SELECT count(*) AS n, min(created_at) AS oldest FROM alerts WHERE assignee_id = ? AND status = 'new' AND deleted_at IS NULL`,
    );
    this.openByStatus = db.prepare<[], { status: Exclude<InvestigationStatus, 'closed'>; opened_at: number }>(
      `SELECT status, opened_at FROM investigations WHERE deleted_at IS NULL AND status IN ('open', 'in_progress', 'pending')`,
    );
    this.alertsBetween = db.prepare<[number, number], { n: number }>(
      'SELECT count(*) AS n FROM alerts WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?',
    );
  }

  /** When the first alert occurred; null in a vault without alerts. */
  firstAlertAt(): number | null {
    return this.firstAlert.get()?.at ?? null;
  }

  /** Alert verdicts and investigation closes in [from, to), by who made them. */
  decisions(from: number, to: number): DecisionEvent[] {
    const verdicts = this.alertVerdicts.all(from, to).filter((r) => r.n > 0)
      .map((r): DecisionEvent => ({ userId: r.user_id, at: r.at, kind: 'alert-verdict', count: r.n }));
    const closes = this.resolutions.all(from, to).map((r): DecisionEvent => ({ userId: r.user_id, at: r.at, kind: 'investigation-resolution', count: 1 }));
    return [...verdicts, ...closes];
  }

  /** Every user's display name by id (disabled users included: their past decisions still count). */
  displayNames(): Map<string, string> {
    return new Map(this.names.all().map((r) => [r.id, r.display_name]));
  }

  /** Investigations not closed, per assignee. */
  openAssignedByUser(): Map<string, number> {
    return new Map(this.openAssigned.all().map((r) => [r.user_id, r.n]));
  }

  myOpenInvestigations(userId: string): QueueInvestigation[] {
    return this.myOpen.all(userId).map((r) => ({
      id: r.id, key: r.key, title: r.title, severity: r.severity, status: r.status, openedAt: r.opened_at, slaDueAt: r.sla_due_at,
    }));
  }

  myUntriagedAlerts(userId: string): { count: number; oldestCreatedAt: number | null } {
    const row = this.myAlerts.get(userId);
    return { count: row?.n ?? 0, oldestCreatedAt: row?.oldest ?? null };
  }

  /** Every investigation not closed: its status and when it was opened. */
  openInvestigations(): Array<{ status: Exclude<InvestigationStatus, 'closed'>; openedAt: number }> {
    return this.openByStatus.all().map((r) => ({ status: r.status, openedAt: r.opened_at }));
  }

    alertsOccurredIn(from: number, to: number): number {
    return this.alertsBetween.get(from, to)?.n ?? 0;
  }
}
