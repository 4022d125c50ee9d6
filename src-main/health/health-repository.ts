// The health tables (schema v28): alerts, their transitions' history, and each check's recent runs.
// Device-local: nothing here is change-logged.
import type { SqliteDatabase } from '../store/database';
import {
  HEALTH_CHECK_IDS, type AlertLevel, type HealthAlert, type HealthAlertStatus, type HealthCheckId, type HealthHistoryEntry, type HealthHistoryPage,
  type HealthLevel, type HealthTransitionKind,
} from '../../src-shared/health-model';
import type { Transition } from './health-evaluator';

/** Runs kept per check: enough for a day of minutely runs to be read back in a bug report, bounded forever. */
export const RUNS_KEPT_PER_CHECK = 100;

interface AlertRow {
  id: string; check_id: string; level: string; status: string; fired_at: number; last_notified_at: number;
  acknowledged_by: string | null; acknowledged_at: number | null; resolved_by: string | null; resolved_at: number | null;
  last_value: number | null; message: string;
}
interface EventRow { id: number; at: number; check_id: string; alert_id: string | null; kind: string; level: string; value: number | null; actor: string | null; note: string }
interface RunRow { check_id: string; ran_at: number; level: string; value: number | null; evidence: string }

export interface CheckRun {
  check: HealthCheckId;
  ranAt: number;
  level: HealthLevel;
  value: number | null;
  evidence: string;
}

const isCheckId = (id: string): id is HealthCheckId => (HEALTH_CHECK_IDS as readonly string[]).includes(id);

function alertOf(row: AlertRow): HealthAlert {
  return {
    id: row.id, check: row.check_id as HealthCheckId, level: row.level as AlertLevel, status: row.status as HealthAlertStatus, firedAt: row.fired_at,
    lastNotifiedAt: row.last_notified_at, acknowledgedBy: row.acknowledged_by, acknowledgedAt: row.acknowledged_at, resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at, lastValue: row.last_value, message: row.message,
  };
}

export class HealthRepository {
  private readonly upsertAlert;
  private readonly resolveAlert;
  private readonly openAlerts;
  private readonly insertEvent;
  private readonly eventsPage;
  private readonly insertRun;
  private readonly pruneRuns;
  private readonly latestRuns;

  constructor(private readonly db: SqliteDatabase) {
    this.upsertAlert = db.prepare(
      `INSERT INTO health_alerts (id, check_id, level, status, fired_at, last_notified_at, acknowledged_by, acknowledged_at, resolved_by, resolved_at, last_value, message)
       VALUES (@id, @check, @level, @status, @firedAt, @lastNotifiedAt, @acknowledgedBy, @acknowledgedAt, @resolvedBy, @resolvedAt, @lastValue, @message)
       ON CONFLICT(id) DO UPDATE SET level = excluded.level, status = excluded.status, last_notified_at = excluded.last_notified_at,
         acknowledged_by = excluded.acknowledged_by, acknowledged_at = excluded.acknowledged_at, resolved_by = excluded.resolved_by,
         resolved_at = excluded.resolved_at, last_value = excluded.last_value, message = excluded.message`,
    );
    this.resolveAlert = db.prepare<[number, string | null, number | null, string]>(
      "UPDATE health_alerts SET status = 'resolved', resolved_at = ?, resolved_by = ?, last_value = ? WHERE id = ? AND status != 'resolved'",
    );
    this.openAlerts = db.prepare<[], AlertRow>("SELECT * FROM health_alerts WHERE status != 'resolved'");
    this.insertEvent = db.prepare(
      'INSERT INTO health_alert_events (at, check_id, alert_id, kind, level, value, actor, note) VALUES (@at, @check, @alertId, @kind, @level, @value, @actor, @note)',
    );
    this.eventsPage = db.prepare<[number, number], EventRow>('SELECT * FROM health_alert_events WHERE id < ? ORDER BY id DESC LIMIT ?');
    this.insertRun = db.prepare('INSERT INTO health_check_runs (check_id, ran_at, level, value, evidence) VALUES (@check, @ranAt, @level, @value, @evidence)');
    this.pruneRuns = db.prepare<[string, string, number]>(
      'DELETE FROM health_check_runs WHERE check_id = ? AND id <= (SELECT id FROM health_check_runs WHERE check_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
    );
    this.latestRuns = db.prepare<[], RunRow>(
      'SELECT r.check_id, r.ran_at, r.level, r.value, r.evidence FROM health_check_runs r WHERE r.id = (SELECT MAX(id) FROM health_check_runs WHERE check_id = r.check_id)',
    );
  }

  /** Open alerts (firing or acknowledged) by check. */
  open(): Map<HealthCheckId, HealthAlert> {
    const byCheck = new Map<HealthCheckId, HealthAlert>();
    for (const row of this.openAlerts.all()) if (isCheckId(row.check_id)) byCheck.set(row.check_id, alertOf(row));
    return byCheck;
  }

  /** One check's run: its measurement, the alert as it now stands and what changed, in one transaction. */
  record(run: CheckRun, alert: HealthAlert | null, transitions: readonly Transition[]): void {
    this.db.transaction(() => {
      this.recordTransitions(run.check, run.ranAt, alert, transitions);
      this.insertRun.run({ check: run.check, ranAt: run.ranAt, level: run.level, value: run.value, evidence: run.evidence });
      this.pruneRuns.run(run.check, run.check, RUNS_KEPT_PER_CHECK);
    })();
  }

  /** An acknowledgement or a resolution by hand (no measurement). */
  recordTransitions(check: HealthCheckId, at: number, alert: HealthAlert | null, transitions: readonly Transition[]): void {
    this.db.transaction(() => {
      for (const t of transitions) {
        if (t.kind === 'resolved' && t.alertId) this.resolveAlert.run(at, t.actor, t.value, t.alertId);
        this.insertEvent.run({ at, check, alertId: t.alertId, kind: t.kind, level: t.level, value: t.value, actor: t.actor, note: t.note });
      }
      if (alert) this.upsertAlert.run({ ...alert });
    })();
  }

  latest(): Map<HealthCheckId, CheckRun> {
    const byCheck = new Map<HealthCheckId, CheckRun>();
    for (const row of this.latestRuns.all()) {
      if (isCheckId(row.check_id)) byCheck.set(row.check_id, { check: row.check_id, ranAt: row.ran_at, level: row.level as HealthLevel, value: row.value, evidence: row.evidence });
    }
    return byCheck;
  }

  history(beforeId: number | null, limit: number): HealthHistoryPage {
    const rows = this.eventsPage.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const entries: HealthHistoryEntry[] = rows.slice(0, limit).filter((row) => isCheckId(row.check_id)).map((row) => ({
      id: row.id, at: row.at, check: row.check_id as HealthCheckId, alertId: row.alert_id, kind: row.kind as HealthTransitionKind,
      level: row.level as HealthLevel, value: row.value, actor: row.actor, note: row.note,
    }));
    const last = rows[limit - 1];
    return { entries, nextBeforeId: rows.length > limit && last ? last.id : null };
  }
}
