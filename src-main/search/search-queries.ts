// One search box over alerts, investigations, notes, findings and entities, each through its FTS5
// index (never a LIKE scan), ranked by bm25 within its kind, at most `limit` hits and a count
// capped at COUNT_CAP per kind, so a common word over a million alerts stays a bounded read.
// Every title and snippet passes through the caller's PII lens.
import { ALERT_STATUSES } from '../../src-shared/model';
import { INVESTIGATION_STATUSES, type SearchHit, type SearchHitKind } from '../../src-shared/workspace-model';
import { PII_KINDS_SQL, type EntityKind } from '../entities/entity-kinds';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';
import { StatementCache } from '../store/statement-cache';
import { investigationPiiReader } from '../pii/known-pii';
import { ftsMatchExpression, type ParsedQuery, type SearchField } from './query-syntax';
import { lensSnippet } from './snippets';

/**
 * Counts stop here and say "more than 10,000": counting every match of a common word, or every alert
 * of a source (source has no index on alerts), is not worth a frozen window. The triage queue,
 * whose filters have their indexes, gives a filter's full count.
 */
export const COUNT_CAP = 10_000;
/**
 * bm25 ranks the newest RANK_WINDOW matches of a kind (by rowid, i.e. as written to the vault), not
 * all of them: scoring every match of "login" took 150 ms at 100k alerts and grows with the vault.
 * A word that common shows "more than 10,000" and the analyst narrows the query.
 */
export const RANK_WINDOW = 2_000;

type Known = { kind: EntityKind; value: string }[];

interface KindPlan {
  /** FTS table, the base table aliased `a`, and what else a row's title needs. */
  fts: string;
  /** How many columns the FTS table indexes (a masked caller's snippet reads them all). */
  columns: number;
  from: string;
  joins: string;
  /** Filters this kind can apply, as SQL over the alias; a filter the kind lacks excludes the kind. */
  fields: Partial<Record<SearchField, { column: string; values?: readonly string[] }>>;
  select: string;
  /** Newest first, for filter-only queries (no words); null = the kind needs words. */
  recency: string | null;
}


const PLANS: Record<SearchHitKind, KindPlan> = {
  alert: {
    fts: 'alerts_fts',
    columns: 2,
    from: 'alerts a',
    joins: '',
    fields: { severity: { column: 'a.severity' }, source: { column: 'a.source' }, status: { column: 'a.status', values: ALERT_STATUSES } },
    select: `a.id, a.title, a.investigation_id, a.occurred_at AS at`,
    recency: 'a.occurred_at DESC, a.rid DESC',
  },
  investigation: {
    fts: 'investigations_fts',
    columns: 2,
    from: 'investigations a',
    joins: '',
    fields: { severity: { column: 'a.severity' }, source: { column: 'a.source' }, status: { column: 'a.status', values: INVESTIGATION_STATUSES } },
    select: `a.id, a.key || ' ' || a.title AS title, a.id AS investigation_id, a.updated_at AS at`,
    recency: 'a.updated_at DESC, a.id DESC',
  },
  note: {
    fts: 'notes_fts',
    columns: 1,
    from: 'notes a',
    joins: 'JOIN investigations i ON i.id = a.investigation_id',
    fields: {},
    select: `a.id, 'Note in ' || i.key AS title, a.investigation_id, a.created_at AS at`,
    recency: null,
  },
  finding: {
    fts: 'findings_fts',
    columns: 2,
    from: 'findings a',
    joins: 'JOIN investigations i ON i.id = a.investigation_id',
    fields: {},
    select: `a.id, i.key || ' finding: ' || a.title AS title, a.investigation_id, a.updated_at AS at`,
    recency: null,
  },
  entity: {
    fts: 'entities_fts',
    columns: 1,
    from: 'entities a',
    joins: '',
    fields: {},
    select: `a.id, a.value AS title, NULL AS investigation_id, a.last_seen_at AS at, a.kind, a.value`,
    recency: null,
  },
};

/**
 * FTS5's own snippet for a caller who sees everything; for a masked caller, every indexed column in
 * full (marked), since masking must see each value whole before anything is cut.
 */
function snippetSql(plan: KindPlan, lens: PiiLens): string {
  if (lens.seesAll) return `snippet(${plan.fts}, -1, char(2), char(3), '…', 16)`;
  return Array.from({ length: plan.columns }, (_, i) => `highlight(${plan.fts}, ${i}, char(2), char(3))`).join(" || ' ' || ");
}

interface HitRow {
  id: string;
  title: string;
  investigation_id: string | null;
  at: number;
  snip: string;
  kind?: EntityKind;
  value?: string;
}

export interface KindResults {
  hits: SearchHit[];
  /** Exact unless `capped`, when more than COUNT_CAP match and `count` is COUNT_CAP. */
  count: number;
  capped: boolean;
}

export class SearchQueries {
  private readonly statements: StatementCache;
  private readonly alertPii;
  private readonly investigationPii;

  constructor(db: SqliteDatabase) {
    this.statements = new StatementCache(db);
    this.alertPii = db.prepare<[string], { alert_id: string; kind: EntityKind; value: string }>(
      `SELECT a.id AS alert_id, e.kind, e.value FROM json_each(?) AS hit
       CROSS JOIN alerts a ON a.id = hit.value CROSS JOIN alert_entities ae ON ae.alert_rid = a.rid
       JOIN entities e ON e.rid = ae.entity_rid WHERE e.kind IN (${PII_KINDS_SQL})`,
    );
    this.investigationPii = investigationPiiReader(db);
  }

  /** Hits of one kind, or null when the query's filters rule the kind out. */
  search(kind: SearchHitKind, query: ParsedQuery, limit: number, lens: PiiLens): KindResults | null {
    const plan = PLANS[kind];
    const kinds = query.filters.kind;
    if (kinds && !kinds.includes(kind)) return null;
    const where = ['a.deleted_at IS NULL'];
    const params: (string | number)[] = [];
    for (const field of ['severity', 'source', 'status'] as const) {
      const wanted = query.filters[field];
      if (!wanted) continue;
      const spec = plan.fields[field];
      if (!spec) return null;
      const values = spec.values ? wanted.filter((v) => spec.values?.includes(v)) : wanted;
      if (values.length === 0) return null;
      where.push(`${spec.column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
    const match = ftsMatchExpression(query);
    let rows: HitRow[];
    let counted: { count: number; capped: boolean };
    if (match !== null) {
      const from = `${plan.fts} JOIN ${plan.from} ON a.rowid = ${plan.fts}.rowid ${plan.joins}`;
      const conditions = [`${plan.fts} MATCH ?`, ...where].join(' AND ');
      // The rowid of the RANK_WINDOW-th newest match: FTS5 walks its doclist backwards to find it,
      // and the range constraint below is applied inside the FTS cursor.
      const floor = (this.statements.get(
        `SELECT rowid FROM ${plan.fts} WHERE ${plan.fts} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`,
      ).all(match)[0] as { rowid: number } | undefined)?.rowid ?? 0;
      rows = this.statements.get(
        `SELECT ${plan.select}, ${snippetSql(plan, lens)} AS snip
         FROM ${from} WHERE ${conditions} AND ${plan.fts}.rowid >= ? ORDER BY bm25(${plan.fts}) LIMIT ?`,
      ).all(match, ...params, floor, limit) as HitRow[];
      counted = this.count(`SELECT 1 FROM ${from} WHERE ${conditions}`, [match, ...params]);
    } else {
      if (plan.recency === null) return null;
      const conditions = where.join(' AND ');
      rows = this.statements.get(
        `SELECT ${plan.select}, a.title AS snip FROM ${plan.from} ${plan.joins} WHERE ${conditions} ORDER BY ${plan.recency} LIMIT ?`,
      ).all(...params, limit) as HitRow[];
      // Every matching row is counted (up to the cap), not the `limit` listed: a count of the rows
      // shown said "200" for the 11,918 critical alerts of a queue.
      counted = this.count(`SELECT 1 FROM ${plan.from} ${plan.joins} WHERE ${conditions}`, params);
    }
    return { hits: this.toHits(kind, rows, query, lens), ...counted };
  }

  /** Counts the rows `sql` yields, stopping one past COUNT_CAP to know whether there are more. */
  private count(sql: string, params: (string | number)[]): { count: number; capped: boolean } {
    const row = this.statements.get(`SELECT count(*) AS n FROM (${sql} LIMIT ${COUNT_CAP + 1})`).all(...params)[0] as { n: number } | undefined;
    const n = row?.n ?? 0;
    return n > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count: n, capped: false };
  }

  private toHits(kind: SearchHitKind, rows: HitRow[], query: ParsedQuery, lens: PiiLens): SearchHit[] {
    const terms = [...query.words, ...query.phrases];
    const known = lens.seesAll ? () => [] : this.knownPii(kind, rows);
    return rows.map((row) => {
      const pii = known(row);
      return {
        kind,
        id: row.id,
        investigationId: row.investigation_id,
        title: lens.text(row.title, pii),
        snippet: lensSnippet(row.snip, lens, terms, pii),
        at: row.at,
      };
    });
  }

  /** The PII values a masked caller must not see in these rows, beyond what extraction recognises. */
  private knownPii(kind: SearchHitKind, rows: HitRow[]): (row: HitRow) => Known {
    if (kind === 'entity') return (row) => (row.kind && row.value !== undefined ? [{ kind: row.kind, value: row.value }] : []);
    if (kind === 'alert') {
      const byAlert = new Map<string, Known>();
      for (const r of this.alertPii.all(JSON.stringify(rows.map((row) => row.id)))) {
        byAlert.set(r.alert_id, [...(byAlert.get(r.alert_id) ?? []), { kind: r.kind, value: r.value }]);
      }
      return (row) => byAlert.get(row.id) ?? [];
    }
    const byInvestigation = new Map<string, Known>();
    return (row) => {
      const id = row.investigation_id;
      if (id === null) return [];
      if (!byInvestigation.has(id)) byInvestigation.set(id, this.investigationPii(id));
      return byInvestigation.get(id) ?? [];
    };
  }
}
