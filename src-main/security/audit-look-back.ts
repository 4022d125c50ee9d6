// The rules' look back over the vault's audit log: indexed reads by action and time (audit_log_action_at,
// audit_log_actor_action_at, schema v27), bounded by the row being judged, and one read of whether an
// entity is held by an open investigation. Statements prepared once per connection.
import type { AuditOutcome } from '../../src-shared/model';
import type { SqliteDatabase } from '../store/database';
import { LOOK_BACK_LIMIT, type AuditFact, type AuditLookBack, type LookBackQuery } from './audit-fact';

export interface AuditFactRow {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  details: string;
}

export const AUDIT_FACT_COLUMNS = 'seq, at, actor_id, actor_name, action, target, outcome, details';

export function factOf(row: AuditFactRow): AuditFact {
  let parsed: Record<string, unknown> | null = null;
  return {
    seq: row.seq, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action, target: row.target, outcome: row.outcome,
    details: () => (parsed ??= JSON.parse(row.details) as Record<string, unknown>),
  };
}

export class SqlAuditLookBack implements AuditLookBack {
  private readonly everyone;
  private readonly oneActor;
  private readonly openInvestigation;

  constructor(db: SqliteDatabase) {
    this.everyone = db.prepare<[string, number, number, number, string, number], AuditFactRow>(
      `SELECT ${AUDIT_FACT_COLUMNS} FROM audit_log INDEXED BY audit_log_action_at
       WHERE action = ? AND at BETWEEN ? AND ? AND seq <= ? AND outcome = ? ORDER BY at, seq LIMIT ?`,
    );
    this.oneActor = db.prepare<[string, string, number, number, number, string, number], AuditFactRow>(
      `SELECT ${AUDIT_FACT_COLUMNS} FROM audit_log INDEXED BY audit_log_actor_action_at
       WHERE actor_id = ? AND action = ? AND at BETWEEN ? AND ? AND seq <= ? AND outcome = ? ORDER BY at, seq LIMIT ?`,
    );
    this.openInvestigation = db.prepare<[string], { held: number }>(
      `SELECT EXISTS (
         SELECT 1 FROM entities e
         JOIN alert_entities l ON l.entity_rid = e.rid
         JOIN alerts a ON a.rid = l.alert_rid
         JOIN investigations i ON i.id = a.investigation_id
         WHERE e.id = ? AND a.deleted_at IS NULL AND i.deleted_at IS NULL AND i.status <> 'closed'
       ) AS held`,
    );
  }

  rows(query: LookBackQuery): AuditFact[] {
    const rows = query.actorId === undefined
      ? this.everyone.all(query.action, query.from, query.to, query.upToSeq, query.outcome, LOOK_BACK_LIMIT)
      : this.oneActor.all(query.actorId, query.action, query.from, query.to, query.upToSeq, query.outcome, LOOK_BACK_LIMIT);
    return rows.map(factOf);
  }

  entityInOpenInvestigation(entityId: string): boolean {
    return this.openInvestigation.get(entityId)?.held === 1;
  }
}
