// Each investigation's life, kept beside it so analytics reads one row per case instead of
// replaying every status log: when it opened, was first acknowledged, first and finally resolved,
// how often it was reopened, and each stretch it was open (for the backlog). The rule that reads a
// log is src-shared/case-lifecycle.ts; this file only stores its answer. Every writer of a status
// log row or of `source_resolved_at` calls `refresh` in the same transaction, so the rows are never
// behind the log; `rebuildAll` recomputes them from the logs (schema v9 fills them with it).
import { caseLifecycle, type StatusMove } from '../../src-shared/case-lifecycle';
import type { InvestigationStatus } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from './database';

interface LogRow {
  at: number;
  from_status: InvestigationStatus | null;
  to_status: InvestigationStatus;
}

interface Gathered {
  id: string;
  sourceResolvedAt: number | null;
  moves: StatusMove[];
}

export class CaseLifecycleTable {
  private readonly caseRow;
  private readonly logOf;
  private readonly removeLife;
  private readonly removeStretches;
  private readonly insertLife;
  private readonly insertStretch;
  private readonly everyLog;

  constructor(private readonly db: SqliteDatabase) {
    this.caseRow = db.prepare<[string], { source_resolved_at: number | null; deleted_at: number | null }>(
      'SELECT source_resolved_at, deleted_at FROM investigations WHERE id = ?',
    );
    // The log's order as written: by time, then insertion (the same order the timeline shows).
    this.logOf = db.prepare<[string], LogRow>(
      'SELECT at, from_status, to_status FROM investigation_status_log WHERE investigation_id = ? ORDER BY at, rowid',
    );
    this.removeLife = db.prepare<[string]>('DELETE FROM investigation_lifecycle WHERE investigation_id = ?');
    this.removeStretches = db.prepare<[string]>('DELETE FROM investigation_open_stretches WHERE investigation_id = ?');
    this.insertLife = db.prepare(
      `INSERT INTO investigation_lifecycle (investigation_id, opened_at, acknowledged_at, first_resolved_at, resolved_at, reopen_count)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.insertStretch = db.prepare('INSERT INTO investigation_open_stretches (investigation_id, seq, opened_at, resolved_at) VALUES (?, ?, ?, ?)');
    this.everyLog = db.prepare<[], LogRow & { id: string; source_resolved_at: number | null }>(
      `SELECT i.id, i.source_resolved_at, l.at, l.from_status, l.to_status
       FROM investigations i JOIN investigation_status_log l ON l.investigation_id = i.id
       WHERE i.deleted_at IS NULL ORDER BY i.id, l.at, l.rowid`,
    );
  }

  /** Recomputes one investigation's rows from its log; a deleted or log-less case has none. */
  refresh(investigationId: string): void {
    this.removeLife.run(investigationId);
    this.removeStretches.run(investigationId);
    const found = this.caseRow.get(investigationId);
    if (!found || found.deleted_at !== null) return;
    this.write(investigationId, this.logOf.all(investigationId).map(toMove), found.source_resolved_at);
  }

  /** Every investigation's rows recomputed from the logs in one pass, in one transaction. */
  rebuildAll(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM investigation_lifecycle; DELETE FROM investigation_open_stretches;');
      const flush = (done: Gathered | null) => {
        if (done) this.write(done.id, done.moves, done.sourceResolvedAt);
      };
      let current: Gathered | null = null;
      // Read whole before writing: a connection cannot write while a statement iterates.
      for (const row of this.everyLog.all()) {
        if (current === null || current.id !== row.id) {
          flush(current);
          current = { id: row.id, sourceResolvedAt: row.source_resolved_at, moves: [] };
        }
        current.moves.push(toMove(row));
      }
      flush(current);
    })();
  }

  private write(investigationId: string, moves: readonly StatusMove[], sourceResolvedAt: number | null): void {
    const life = caseLifecycle(moves, sourceResolvedAt);
    if (!life) return;
    this.insertLife.run(investigationId, life.openedAt, life.acknowledgedAt, life.firstResolvedAt, life.resolvedAt, life.reopenCount);
    life.stretches.forEach((stretch, seq) => this.insertStretch.run(investigationId, seq, stretch.from, stretch.to));
  }
}

function toMove(row: LogRow): StatusMove {
  return { at: row.at, from: row.from_status, to: row.to_status };
}
