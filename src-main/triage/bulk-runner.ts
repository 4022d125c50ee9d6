// Applies one triage action to a selection of alerts (picked ids, or "all N matching a filter") in
// batches of BATCH alerts per transaction, yielding to the event loop between batches and reporting
// progress, so a million alerts never block the app. Each alert change goes with its change_log row
// in the batch's transaction; alerts already in the target state are left alone, so a rerun after an
// interruption only finishes the job.
import { VigilError } from '../../src-shared/errors';
import { SEVERITIES, type Severity } from '../../src-shared/model';
import type { z } from 'zod';
import type { alertSelectionSchema } from '../../src-shared/workspace-contract';
import type { BulkResult } from '../../src-shared/workspace-model';
import { alertFilterSql } from '../alerts/alert-filter-sql';
import type { SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';
import { StatementCache } from '../store/statement-cache';
import { inWriteTurn } from '../store/turn-taking-transactions';
import type { AlertChange } from './alert-changes';

export type AlertSelection = z.output<typeof alertSelectionSchema>;

export const BATCH = 2_000;

export interface BatchHooks {
  /** Runs inside the first batch's transaction, before any alert changes (e.g. create the investigation). */
  first?: () => void;
  /** Runs inside each batch's transaction after its alerts changed, with how many did. */
  afterBatch?: (changed: number) => void;
  progress?: (done: number, total: number) => void;
  /** When each alert's change happened, for a history replayed (demo data); now otherwise. */
  at?: (alertId: string) => number;
}

export class BulkRunner {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.statements = new StatementCache(db);
  }

  /** How many alerts the selection names, and how many of those are already where `change` leads. */
  measure(selection: AlertSelection, change: AlertChange): { live: number; already: number } {
    const { from, where, params } = this.selectionWhere(selection);
    const count = (sql: string, p: unknown[]) => (this.statements.get(sql).all(...p)[0] as { n: number }).n;
    const live = count(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, params);
    const already = count(`SELECT count(*) AS n FROM ${from} WHERE ${where} AND ${change.already}`, [...params, ...change.alreadyParams]);
    return { live, already };
  }

  /** How many alerts the selection names that meet a further condition over `a` (all of them by default). */
  count(selection: AlertSelection, condition = '1', conditionParams: unknown[] = []): number {
    const { from, where, params } = this.selectionWhere(selection);
    return (this.statements.get(`SELECT count(*) AS n FROM ${from} WHERE ${where} AND ${condition}`).all(...params, ...conditionParams)[0] as { n: number }).n;
  }

  /** The highest severity among the selection's alerts (null when none match), for a promotion's floor. */
  highestSeverity(selection: AlertSelection): Severity | null {
    const { from, where, params } = this.selectionWhere(selection);
    const rank = SEVERITIES.map((severity, index) => `WHEN '${severity}' THEN ${index}`).join(' ');
    const row = this.statements.get(`SELECT max(CASE a.severity ${rank} END) AS r FROM ${from} WHERE ${where}`).all(...params)[0] as { r: number | null } | undefined;
    return row?.r === null || row?.r === undefined ? null : (SEVERITIES[row.r] ?? null);
  }

  /**
   * Refuses a "select all N" whose N moved by more than the alerts already in the target state
   * (those may have been changed by an earlier, interrupted run of this very action).
   */
  checkExpected(selection: AlertSelection, measured: { live: number; already: number }): void {
    if (!('filter' in selection) || selection.expectedCount === undefined) return;
    if (Math.abs(measured.live - selection.expectedCount) > measured.already) {
      throw new VigilError('CONFLICT', `The set changed since you selected it: ${measured.live} now match`, {
        expected: selection.expectedCount, matching: measured.live,
      });
    }
  }

  /**
   * `change` may be a function: it is then read inside the first batch's transaction, after the
   * `first` hook, so it can name a row that hook created (promote's new investigation).
   */
  async run(selection: AlertSelection, change: AlertChange | (() => AlertChange), hooks: BatchHooks = {}): Promise<BulkResult> {
    const total = 'ids' in selection ? new Set(selection.ids).size : this.measure(selection, typeof change === 'function' ? change() : change).live;
    let visited = 0;
    let affected = 0;
    let resolved: AlertChange | null = null;
    const batches = this.batches(selection);
    const runBatch = this.db.transaction(() => {
      if (resolved === null) {
        hooks.first?.();
        resolved = typeof change === 'function' ? change() : change;
      }
      const next = batches.next();
      if (next.done) return false;
      const apply = resolved;
      // A verdict stamps the first verdict time (time to triage); a later one keeps it.
      const update = this.statements.get(
        `UPDATE alerts AS a SET ${apply.set}, ${apply.verdict ? 'triaged_at = coalesce(a.triaged_at, ?), ' : ''}updated_at = ?, updated_hlc = ?, origin_device = ?
         WHERE a.id = ? AND a.deleted_at IS NULL AND ${apply.changeable}`,
      );
      let changed = 0;
      for (const id of next.value) {
        const hlc = this.row.hlc();
        const now = hooks.at?.(id) ?? this.row.now();
        const stamp = apply.verdict ? [now] : [];
        const result = update.run(...apply.setParams, ...stamp, now, hlc, this.row.device, id, ...apply.changeableParams) as { changes: number };
        if (result.changes === 1) {
          this.row.changes.record('alerts', id, apply.verdict ? [...apply.fields, 'triaged_at'] : apply.fields, hlc);
          changed += 1;
        }
      }
      visited += next.value.length;
      affected += changed;
      hooks.afterBatch?.(changed);
      return true;
    });
    while (await inWriteTurn(this.db, runBatch)) {
      hooks.progress?.(visited, Math.max(total, visited));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { affected, unchanged: Math.max(0, ('ids' in selection ? total : visited) - affected) };
  }

  /**
   * Picked ids are looked up by key, the ids first (CROSS JOIN fixes that order): with `a.id IN
   * (json_each)` the planner preferred the status index for a condition such as "already new", and a
   * verdict on one alert counted through every new alert (130 ms at 20k alerts, on the main thread).
   */
  private selectionWhere(selection: AlertSelection): { from: string; where: string; params: unknown[] } {
    if ('ids' in selection) {
      return {
        from: '(SELECT DISTINCT value AS id FROM json_each(?)) AS picked CROSS JOIN alerts a ON a.id = picked.id',
        where: 'a.deleted_at IS NULL', params: [JSON.stringify(selection.ids)],
      };
    }
    return { from: 'alerts a', ...alertFilterSql(selection.filter) };
  }

  /**
   * Batches of alert ids. A filter is walked by rowid keyset, each batch read inside its own
   * transaction, so alerts that leave the filter as they change are still visited exactly once.
   */
  private *batches(selection: AlertSelection): Generator<string[]> {
    if ('ids' in selection) {
      const ids = [...new Set(selection.ids)];
      for (let i = 0; i < ids.length; i += BATCH) yield ids.slice(i, i + BATCH);
      return;
    }
    const { where, params } = alertFilterSql(selection.filter);
    const page = this.statements.get(`SELECT a.rowid AS rid, a.id FROM alerts a WHERE ${where} AND a.rowid > ? ORDER BY a.rowid LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = page.all(...params, after, BATCH) as { rid: number; id: string }[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]?.rid ?? after;
      yield rows.map((r) => r.id);
      if (rows.length < BATCH) return;
    }
  }
}
