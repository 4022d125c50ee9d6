// Alerts matching a triage filter, as CSV or JSON, masked through the caller's lens. Read in
// keyset pages of 2,000 with an event-loop turn between pages, so a 200,000-row export never holds
// the main thread; progress is reported per page.
import type { ExportFile } from '../../src-shared/workspace-model';
import { alertFilterSql, type AlertFilter } from '../alerts/alert-filter-sql';
import type { EntityKind } from '../entities/entity-kinds';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';
import { StatementCache } from '../store/statement-cache';
import { csvRow } from '../../src-shared/csv';
import { keysetAfter } from '../store/keyset';
import { throwIfCancelled } from '../jobs/job-registry';

const PAGE_ROWS = 2000;

interface AlertExportRow {
  /** The row key, for the next page's keyset only: it never reaches the file. */
  rid: number;
  id: string;
  occurred_at: number;
  last_seen_at: number;
  severity: string;
  status: string;
  source: string;
  rule: string | null;
  title: string;
  description: string;
  occurrences: number;
  investigation_id: string | null;
  dismiss_reason: string | null;
}

export interface ExportedAlert {
  id: string;
  occurredAt: string;
  lastSeenAt: string;
  severity: string;
  status: string;
  source: string;
  rule: string | null;
  title: string;
  description: string;
  occurrences: number;
  investigationId: string | null;
  dismissReason: string | null;
  entities: { kind: EntityKind; value: string }[];
}

export const ALERT_CSV_COLUMNS = ['id', 'occurred_at', 'last_seen_at', 'severity', 'status', 'source', 'rule', 'title', 'description', 'occurrences', 'investigation_id', 'dismiss_reason', 'entities'] as const;

export function alertCsvRow(a: ExportedAlert): string {
  return csvRow([a.id, a.occurredAt, a.lastSeenAt, a.severity, a.status, a.source, a.rule, a.title, a.description, a.occurrences,
    a.investigationId, a.dismissReason, a.entities.map((e) => `${e.kind}:${e.value}`).join('; ')]);
}

const iso = (ms: number) => new Date(ms).toISOString();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class AlertExporter {
  private readonly statements: StatementCache;
  private readonly entitiesOf;

  constructor(db: SqliteDatabase) {
    this.statements = new StatementCache(db);
    this.entitiesOf = db.prepare<[string], { alert_id: string; kind: EntityKind; value: string }>(
      `SELECT a.id AS alert_id, e.kind, e.value FROM json_each(?) AS page
       CROSS JOIN alerts a ON a.id = page.value CROSS JOIN alert_entities ae ON ae.alert_rid = a.rid
       JOIN entities e ON e.rid = ae.entity_rid ORDER BY e.kind, e.value`,
    );
  }

  /** Every matching alert up to `limit`, newest first, page by page. */
  async *alerts(filter: AlertFilter, limit: number, lens: PiiLens): AsyncGenerator<ExportedAlert[]> {
    const base = alertFilterSql(filter);
    let after: { occurredAt: number; rid: number } | null = null;
    let remaining = limit;
    while (remaining > 0) {
      const condition = after ? keysetAfter(['a.occurred_at', 'a.rid'], [after.occurredAt, after.rid], 'desc') : null;
      const keyset = condition ? ` AND ${condition.sql}` : '';
      const params = condition ? [...base.params, ...condition.params] : base.params;
      const take = Math.min(PAGE_ROWS, remaining);
      const rows = this.statements.get(
        `SELECT a.rid, a.id, a.occurred_at, a.last_seen_at, a.severity, a.status, a.source, a.rule, a.title, a.description, a.occurrences,
           a.investigation_id, a.dismiss_reason
         FROM alerts a WHERE ${base.where}${keyset} ORDER BY a.occurred_at DESC, a.rid DESC LIMIT ?`,
      ).all(...params, take) as AlertExportRow[];
      if (rows.length === 0) return;
      yield this.toExported(rows, lens);
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < take) return;
      after = { occurredAt: last.occurred_at, rid: last.rid };
      await nextTurn();
    }
  }

  private toExported(rows: AlertExportRow[], lens: PiiLens): ExportedAlert[] {
    const byAlert = new Map<string, { kind: EntityKind; value: string }[]>();
    for (const e of this.entitiesOf.all(JSON.stringify(rows.map((r) => r.id)))) {
      byAlert.set(e.alert_id, [...(byAlert.get(e.alert_id) ?? []), { kind: e.kind, value: e.value }]);
    }
    return rows.map((r) => {
      const entities = byAlert.get(r.id) ?? [];
      return {
        id: r.id, occurredAt: iso(r.occurred_at), lastSeenAt: iso(r.last_seen_at), severity: r.severity, status: r.status,
        source: r.source, rule: r.rule, title: lens.text(r.title, entities), description: lens.text(r.description, entities),
        occurrences: r.occurrences, investigationId: r.investigation_id, dismissReason: r.dismiss_reason,
        entities: entities.map((e) => ({ kind: e.kind, value: lens.value(e.kind, e.value) })),
      };
    });
  }
}

/**
 * Collects the pages into one file, reporting progress after each page against the rows it will
 * write. `matched` is the filter's count, counted once by the caller (the queue's own count) and used
 * both for the progress total and for the file's "of N matching".
 */
export async function exportAlerts(
  exporter: AlertExporter,
  input: { filter: AlertFilter; format: 'csv' | 'json'; limit: number; matched: number },
  lens: PiiLens,
  stamp: string,
  progress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ExportFile> {
  const total = Math.min(input.matched, input.limit);
  const parts: string[] = input.format === 'csv' ? [csvRow([...ALERT_CSV_COLUMNS])] : [];
  let rows = 0;
  for await (const page of exporter.alerts(input.filter, input.limit, lens)) {
    throwIfCancelled(signal);
    if (input.format === 'csv') parts.push(page.map(alertCsvRow).join(''));
    else parts.push(page.map((a) => JSON.stringify(a)).join(',\n'));
    rows += page.length;
    progress(rows, total);
  }
  const content = input.format === 'csv' ? parts.join('') : `[\n${parts.join(',\n')}\n]\n`;
  return {
    fileName: `vigil-alerts-${stamp}.${input.format}`,
    mediaType: input.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    content,
    rows,
    matched: input.matched,
    masked: !lens.seesAll,
  };
}
