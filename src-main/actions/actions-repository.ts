// The actions table and its targets. Every transition is one transaction: it re-reads the row,
// checks the move with action-rules, updates only if the status is still the one it read, and
// appends the change log, so two approvers racing cannot both win.
import { VigilError } from '../../src-shared/errors';
import type { ActionKind, ActionStatus } from '../../src-shared/workspace-model';
import type { EntityKind } from '../entities/entity-kinds';
import type { InvestigationLookup } from '../investigations/investigation-lookup';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { StatementCache } from '../store/statement-cache';
import { isDestructive, nextStatus, type ActionMove } from '../../src-shared/action-rules';

export interface ActionRecord {
  id: string;
  investigationId: string;
  kind: ActionKind;
  status: ActionStatus;
  destructive: boolean;
  reason: string;
  proposedBy: string;
  proposedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionComment: string | null;
  executedBy: string | null;
  executedAt: number | null;
  revertedBy: string | null;
  revertedAt: number | null;
  revertReason: string | null;
}

export interface TargetEntity {
  id: string;
  kind: EntityKind;
  value: string;
}

interface ActionRow {
  id: string;
  investigation_id: string;
  kind: ActionKind;
  status: ActionStatus;
  destructive: number;
  reason: string;
  proposed_by: string;
  proposed_at: number;
  decided_by: string | null;
  decided_at: number | null;
  decision_comment: string | null;
  executed_by: string | null;
  executed_at: number | null;
  reverted_by: string | null;
  reverted_at: number | null;
  revert_reason: string | null;
}

const toRecord = (r: ActionRow): ActionRecord => ({
  id: r.id, investigationId: r.investigation_id, kind: r.kind, status: r.status, destructive: r.destructive === 1,
  reason: r.reason, proposedBy: r.proposed_by, proposedAt: r.proposed_at, decidedBy: r.decided_by, decidedAt: r.decided_at,
  decisionComment: r.decision_comment, executedBy: r.executed_by, executedAt: r.executed_at, revertedBy: r.reverted_by,
  revertedAt: r.reverted_at, revertReason: r.revert_reason,
});

/** What each move writes besides the status: who, when and why, by column. */
const MOVE_COLUMNS: Record<ActionMove, { by: string; at: string; text: string | null }> = {
  approve: { by: 'decided_by', at: 'decided_at', text: 'decision_comment' },
  reject: { by: 'decided_by', at: 'decided_at', text: 'decision_comment' },
  execute: { by: 'executed_by', at: 'executed_at', text: null },
  revert: { by: 'reverted_by', at: 'reverted_at', text: 'revert_reason' },
};

/** The most actions one list returns (newest first); a case with more is paged by investigation. */
const LIST_LIMIT = 500;

export class ActionsRepository {
  private readonly byId;
  private readonly insertAction;
  private readonly insertTarget;
  private readonly entityById;
  private readonly targetsOf;
  private readonly alertsMentioning;
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext, private readonly investigations: InvestigationLookup) {
    this.statements = new StatementCache(db);
    this.byId = db.prepare<[string], ActionRow>('SELECT * FROM actions WHERE id = ? AND deleted_at IS NULL');
    this.insertAction = db.prepare(
      `INSERT INTO actions (id, investigation_id, kind, status, destructive, reason, proposed_by, proposed_at,
         created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @investigationId, @kind, 'proposed', @destructive, @reason, @proposedBy, @now, @now, @now, @hlc, @device)`,
    );
    this.insertTarget = db.prepare('INSERT INTO action_targets (action_id, entity_id) VALUES (?, ?)');
    this.entityById = db.prepare<[string], TargetEntity>('SELECT id, kind, value FROM entities WHERE id = ? AND deleted_at IS NULL');
    this.targetsOf = db.prepare<[string], TargetEntity>(
      `SELECT e.id, e.kind, e.value FROM action_targets t JOIN entities e ON e.id = t.entity_id
       WHERE t.action_id = ? ORDER BY e.kind, e.value`,
    );
    // Through the entity index of alert_entities: one range per target, never a scan of alerts.
    this.alertsMentioning = db.prepare<[string], { n: number }>(
      `SELECT count(DISTINCT ae.alert_rid) AS n FROM action_targets t JOIN entities e ON e.id = t.entity_id
       JOIN alert_entities ae ON ae.entity_rid = e.rid WHERE t.action_id = ?`,
    );
  }

  get(id: string): ActionRecord {
    const found = this.byId.get(id);
    if (!found) throw new VigilError('NOT_FOUND', 'No such action');
    return toRecord(found);
  }

  targets(actionId: string): TargetEntity[] {
    return this.targetsOf.all(actionId);
  }

  /** Distinct alerts that mention any of the action's targets. */
  alertCount(actionId: string): number {
    return this.alertsMentioning.get(actionId)?.n ?? 0;
  }

  propose(input: { investigationId: string; kind: ActionKind; targetEntityIds: readonly string[]; reason: string; proposedBy: string }): ActionRecord {
    const id = uuidv7(this.row.now());
    const targets = [...new Set(input.targetEntityIds)];
    this.db.transaction(() => {
      this.investigations.requireOpen(input.investigationId, 'actions');
      const missing = targets.filter((entityId) => !this.entityById.get(entityId));
      if (missing.length > 0) throw new VigilError('NOT_FOUND', `${missing.length} target entit${missing.length === 1 ? 'y does' : 'ies do'} not exist`, { missing });
      const hlc = this.row.hlc();
      this.insertAction.run({
        id, investigationId: input.investigationId, kind: input.kind, destructive: isDestructive(input.kind) ? 1 : 0,
        reason: input.reason, proposedBy: input.proposedBy, now: this.row.now(), hlc, device: this.row.device,
      });
      for (const entityId of targets) this.insertTarget.run(id, entityId);
      this.row.changes.record('actions', id, ['investigation_id', 'kind', 'status', 'destructive', 'reason', 'proposed_by', 'proposed_at', 'targets'], hlc);
    })();
    return this.get(id);
  }

  /** Applies one move of the state machine; `text` is the decision comment or the revert reason. */
  move(id: string, move: ActionMove, actorId: string, text: string | null = null): ActionRecord {
    this.db.transaction(() => {
      const current = this.get(id);
      const to = nextStatus(current, move, actorId);
      const columns = MOVE_COLUMNS[move];
      const sets = [`status = ?`, `${columns.by} = ?`, `${columns.at} = ?`, ...(columns.text ? [`${columns.text} = ?`] : [])];
      const hlc = this.row.hlc();
      const now = this.row.now();
      // Column names come from MOVE_COLUMNS (code constants), never from input.
      const result = this.statements.get(
        `UPDATE actions SET ${sets.join(', ')}, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ? AND status = ?`,
      ).run(to, actorId, now, ...(columns.text ? [text] : []), now, hlc, this.row.device, id, current.status) as { changes: number };
      if (result.changes !== 1) throw new VigilError('CONFLICT', 'The action changed meanwhile; reload and try again');
      this.row.changes.record('actions', id, ['status', columns.by, columns.at, ...(columns.text ? [columns.text] : [])], hlc);
    })();
    return this.get(id);
  }

  list(filter: { investigationId?: string; awaitingApprovalOf?: string }): ActionRecord[] {
    const where = ['deleted_at IS NULL'];
    const params: (string | number)[] = [];
    if (filter.investigationId !== undefined) { where.push('investigation_id = ?'); params.push(filter.investigationId); }
    if (filter.awaitingApprovalOf !== undefined) {
      where.push(`status = 'proposed' AND destructive = 1 AND proposed_by <> ?`);
      params.push(filter.awaitingApprovalOf);
    }
    const rows = this.statements.get(
      `SELECT * FROM actions WHERE ${where.join(' AND ')} ORDER BY proposed_at DESC, id DESC LIMIT ?`,
    ).all(...params, LIST_LIMIT) as ActionRow[];
    return rows.map(toRecord);
  }
}
