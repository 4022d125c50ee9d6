// The triage queue's reads: filtered alert pages in newest-first order, paged by keyset
// (occurred_at, id) so page N costs the same as page 1 even deep into a million alerts, with PII
// masked here in the main process for roles without access_pii.
import type { ParsedInput } from '../../src-shared/contract';
import type { AlertPage, AlertRow, AlertStatus, Severity } from '../../src-shared/model';
import type { SqliteDatabase } from '../store/database';
import type { EntityKind } from '../entities/entity-kinds';
import { maskEntity, maskText } from '../entities/masking';
import { StatementCache } from '../store/statement-cache';

/** The channel's parsed input is the filter: one definition, in the contract. */
export type AlertFilter = ParsedInput<'alerts.list'>;

interface AlertDbRow {
  id: string;
  source: string;
  rule: string | null;
  title: string;
  severity: Severity;
  status: AlertStatus;
  occurred_at: number;
  last_seen_at: number;
  occurrences: number;
  investigation_id: string | null;
  primary_kind: EntityKind | null;
  primary_value: string | null;
}

/** Each word as an FTS5 string, so user text is matched literally and never parsed as FTS syntax. */
export function ftsAllWords(text: string): string | null {
  const words = text.split(/\s+/).map((w) => w.replace(/"/g, '')).filter((w) => w.length > 0);
  return words.length === 0 ? null : words.map((w) => `"${w}"`).join(' ');
}

export class AlertQueries {
  private readonly statements: StatementCache;

  constructor(db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  page(filter: AlertFilter, revealPii: boolean): AlertPage {
    const where: string[] = ['a.deleted_at IS NULL'];
    const params: (string | number)[] = [];
    const inList = (column: string, values: readonly string[] | undefined) => {
      if (!values || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    inList('a.status', filter.status);
    inList('a.severity', filter.severity);
    if (filter.source !== undefined) { where.push('a.source = ?'); params.push(filter.source); }
    if (filter.rule !== undefined) { where.push('a.rule = ?'); params.push(filter.rule); }
    if (filter.from !== undefined) { where.push('a.occurred_at >= ?'); params.push(filter.from); }
    if (filter.to !== undefined) { where.push('a.occurred_at < ?'); params.push(filter.to); }
    if (filter.entityId !== undefined) { where.push('a.id IN (SELECT alert_id FROM alert_entities WHERE entity_id = ?)'); params.push(filter.entityId); }
    const match = filter.text === undefined ? null : ftsAllWords(filter.text);
    if (match !== null) { where.push('a.rowid IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?)'); params.push(match); }
    if (filter.after) {
      where.push('(a.occurred_at < ? OR (a.occurred_at = ? AND a.id < ?))');
      params.push(filter.after.occurredAt, filter.after.occurredAt, filter.after.id);
    }
    const sql = `SELECT a.id, a.source, a.rule, a.title, a.severity, a.status, a.occurred_at, a.last_seen_at, a.occurrences,
        a.investigation_id, e.kind AS primary_kind, e.value AS primary_value
      FROM alerts a LEFT JOIN entities e ON e.id = a.primary_entity_id
      WHERE ${where.join(' AND ')}
      ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?`;
    // The SQL text depends only on which filters are present, so statements are cached by shape.
    const rows = this.statements.get(sql).all(...params, filter.limit + 1) as AlertDbRow[];
    const pageRows = rows.slice(0, filter.limit);
    const piiByAlert = revealPii ? null : this.piiEntities(pageRows.map((r) => r.id));
    const last = pageRows[pageRows.length - 1];
    return {
      rows: pageRows.map((row) => toAlertRow(row, piiByAlert)),
      next: rows.length > filter.limit && last ? { occurredAt: last.occurred_at, id: last.id } : null,
      masked: !revealPii,
    };
  }

  private piiEntities(alertIds: string[]): Map<string, { kind: EntityKind; value: string }[]> {
    const byAlert = new Map<string, { kind: EntityKind; value: string }[]>();
    if (alertIds.length === 0) return byAlert;
    const rows = this.statements.get(
      // Driven from the page's ids, so each alert is one primary-key range (an IN over json_each
      // made SQLite scan every link: 250 ms a page at 20k alerts).
      `SELECT ae.alert_id, e.kind, e.value FROM json_each(?) AS page
       CROSS JOIN alert_entities ae ON ae.alert_id = page.value
       JOIN entities e ON e.id = ae.entity_id
       WHERE e.kind IN ('account','email','ip','phone','payment')`,
    ).all(JSON.stringify(alertIds)) as { alert_id: string; kind: EntityKind; value: string }[];
    for (const row of rows) {
      const list = byAlert.get(row.alert_id) ?? [];
      list.push({ kind: row.kind, value: row.value });
      byAlert.set(row.alert_id, list);
    }
    return byAlert;
  }

}

function toAlertRow(row: AlertDbRow, piiByAlert: Map<string, { kind: EntityKind; value: string }[]> | null): AlertRow {
  const primary = row.primary_kind && row.primary_value !== null ? { kind: row.primary_kind, value: row.primary_value } : null;
  return {
    id: row.id, source: row.source, rule: row.rule, severity: row.severity, status: row.status, occurredAt: row.occurred_at,
    lastSeenAt: row.last_seen_at, occurrences: row.occurrences, investigationId: row.investigation_id,
    title: piiByAlert ? maskText(row.title, piiByAlert.get(row.id) ?? []) : row.title,
    primaryEntity: primary && piiByAlert ? { kind: primary.kind, value: maskEntity(primary.kind, primary.value) } : primary,
  };
}
