// The triage queue's reads: filtered alert pages paged by keyset (occurred_at, rid) so page N costs
// the same as page 1 even deep into a million alerts, counts for "all N matching", one alert's
// detail, and similar alerts. PII is masked here, in the main process, through the caller's lens.
import type { ParsedInput } from '../../src-shared/contract';
import type { AlertPage, AlertRow, AlertStatus, Severity } from '../../src-shared/model';
import type { AlertDetail, AlertFilterMatch } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { PII_KINDS, PII_KINDS_SQL, type EntityKind } from '../entities/entity-kinds';
import { StatementCache } from '../store/statement-cache';
import { keysetAfter } from '../store/keyset';
import type { PiiLens } from '../pii/pii-lens';
import { alertFilterSql, ftsAllWords, type AlertFilter } from './alert-filter-sql';
import { VigilError } from '../../src-shared/errors';
import { matchAlertFilter } from './alert-filter-match';
import { decodeSourceRow, parseSourceColumns } from '../store/source-row';
import type { AlertSort } from '../../src-shared/my-work-contract';
import { SEVERITY_RANK_SQL, STATUS_RANK_SQL } from '../store/migrations/017-my-work-indexes';

export type AlertPageRequest = ParsedInput<'alerts.list'>;

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
  primary_id: string | null;
  primary_kind: EntityKind | null;
  primary_value: string | null;
  assignee_id: string | null;
  assignee_username: string | null;
  assignee_name: string | null;
}

interface AlertDetailDbRow extends AlertDbRow {
  description: string;
  dismiss_reason: string | null;
  raw: string | null;
  external_id: string | null;
  /** The alert's import's column names, which a compact `raw` is read against (store/source-row.ts). */
  source_columns: string | null;
  investigation_key: string | null;
  investigation_title: string | null;
}

export interface EntityOfAlert {
  id: string;
  kind: EntityKind;
  value: string;
}

/** From this many matching alerts on, a word search walks the time index (see walksTimeIndex). */
const COMMON_WORDS_FROM = 2000;

const ROW_COLUMNS = `a.id, a.source, a.rule, a.title, a.severity, a.status, a.occurred_at, a.last_seen_at, a.occurrences,
  a.investigation_id, e.id AS primary_id, e.kind AS primary_kind, e.value AS primary_value,
  a.assignee_id, u.username AS assignee_username, u.display_name AS assignee_name`;
/** The joins ROW_COLUMNS reads from (each one row at most, by primary key). */
const ROW_JOINS = 'LEFT JOIN entities e ON e.id = a.primary_entity_id LEFT JOIN users u ON u.id = a.assignee_id';

/** Where the next page starts: the cursor the caller holds, with its alert's row key. */
type PageCursor = NonNullable<AlertPageRequest['after']> & { rid: number };

interface SortedDbRow extends AlertDbRow {
  /** The rank the row sorts by (null when sorting by occurred time). */
  sort_key: number | null;
}

/** A sort led by a rank expression, and the index (schema v17) that holds it. */
interface RankSort {
  sql: string;
  index: string;
}

/** The sorts led by a rank; occurred time leads none (it is the tie-break of every sort). */
const RANKS: Record<Exclude<AlertSort, 'occurred'>, RankSort> = {
  severity: { sql: SEVERITY_RANK_SQL, index: 'alerts_severity_order' },
  status: { sql: STATUS_RANK_SQL, index: 'alerts_status_order' },
};

export class AlertQueries {
  private readonly statements: StatementCache;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = new StatementCache(db);
  }

  page(request: AlertPageRequest, lens: PiiLens): AlertPage {
    const after = request.after ? { ...request.after, rid: this.cursorRid(request.after.id, request.order) } : null;
    const rows = request.sort === 'occurred' ? this.pageByTime(request, after) : this.pageByRank(request, after, RANKS[request.sort]);
    const pageRows = rows.slice(0, request.limit);
    const pii = lens.seesAll ? null : this.piiEntities(pageRows.map((r) => r.id));
    const last = pageRows[pageRows.length - 1];
    return {
      rows: pageRows.map((row) => toAlertRow(row, lens, pii?.get(row.id) ?? [])),
      next: rows.length > request.limit && last
        ? { occurredAt: last.occurred_at, id: last.id, ...(last.sort_key === null ? {} : { key: last.sort_key }) }
        : null,
      masked: !lens.seesAll,
    };
  }

  /**
   * The row key of the alert a cursor names by id: pages order ties of occurred time by rid, which
   * the indexes hold for free (schema v21). An alert gone since its page was read (an undone import)
   * has none: the next page then starts after that instant, past any alerts tied with it.
   */
  private cursorRid(id: string, order: AlertPageRequest['order']): number {
    const row = this.statements.get('SELECT rid FROM alerts WHERE id = ?').get(id) as { rid: number } | undefined;
    return row?.rid ?? (order === 'newest' ? 0 : Number.MAX_SAFE_INTEGER);
  }

  /** Up to limit + 1 rows by (occurred_at, rid), after the cursor. */
  private pageByTime(request: AlertPageRequest, cursor: PageCursor | null): SortedDbRow[] {
    const filter = alertFilterSql(request);
    const params = [...filter.params];
    const direction = request.order === 'newest' ? 'desc' : 'asc';
    let keyset = '';
    if (cursor) {
      const after = keysetAfter(['a.occurred_at', 'a.rid'], [cursor.occurredAt, cursor.rid], direction);
      keyset = ` AND ${after.sql}`;
      params.push(...after.params);
    }
    const scan = this.walksTimeIndex(request) ? ' INDEXED BY alerts_time' : '';
    // The SQL text depends only on which filters are present, so statements are cached by shape.
    return this.statements.get(
      `SELECT ${ROW_COLUMNS}, NULL AS sort_key FROM alerts a${scan} ${ROW_JOINS}
       WHERE ${filter.where}${keyset} ORDER BY a.occurred_at ${direction}, a.rid ${direction} LIMIT ?`,
    ).all(...params, request.limit + 1) as SortedDbRow[];
  }

  /**
   * Up to limit + 1 rows by (rank, occurred_at, rid), after the cursor, walking the rank's index
   * (schema v17). SQLite makes no range of a row value led by an expression (a cursor 900k rows deep
   * scanned from the top: 2.1 s at 1M alerts), so a later page reads in two ranges: the rest of the
   * cursor's rank after its (occurred_at, rid), then the ranks beyond it (0.3–1 ms each).
   */
  private pageByRank(request: AlertPageRequest, cursor: PageCursor | null, rank: RankSort): SortedDbRow[] {
    const filter = alertFilterSql(request);
    const direction = request.order === 'newest' ? 'desc' : 'asc';
    // Without a narrowing filter the planner may prefer an index on a filtered column and sort every
    // match (status sort with a severity: 228 ms); the rank's index reads only the page.
    const narrowed = request.entityId ?? request.investigationId ?? request.text ?? (request.assignee !== 'none' ? request.assignee : undefined);
    const from = `FROM alerts a${narrowed === undefined ? ` INDEXED BY ${rank.index}` : ''} ${ROW_JOINS}`;
    const select = `SELECT ${ROW_COLUMNS}, ${rank.sql} AS sort_key ${from}`;
    const byRank = `ORDER BY ${rank.sql} ${direction}, a.occurred_at ${direction}, a.rid ${direction} LIMIT ?`;
    if (!cursor) return this.statements.get(`${select} WHERE ${filter.where} ${byRank}`).all(...filter.params, request.limit + 1) as SortedDbRow[];
    const { key, occurredAt, rid } = cursor;
    if (typeof key !== 'number') throw new VigilError('VALIDATION', 'The page cursor lacks the sort column’s value');
    const rest = keysetAfter(['a.occurred_at', 'a.rid'], [occurredAt, rid], direction);
    const sameRank = this.statements.get(
      `${select} WHERE ${filter.where} AND ${rank.sql} = ? AND ${rest.sql} ORDER BY a.occurred_at ${direction}, a.rid ${direction} LIMIT ?`,
    ).all(...filter.params, key, ...rest.params, request.limit + 1) as SortedDbRow[];
    const wanted = request.limit + 1 - sameRank.length;
    if (wanted <= 0) return sameRank;
    const beyond = this.statements.get(
      `${select} WHERE ${filter.where} AND ${rank.sql} ${direction === 'desc' ? '<' : '>'} ? ${byRank}`,
    ).all(...filter.params, key, wanted) as SortedDbRow[];
    return [...sameRank, ...beyond];
  }

  /**
   * Words matched by many alerts: walk the time index and test each alert against the set of FTS
   * matches, stopping at the page's end (18–28 ms for a word in 1 alert of 5 at 1M), instead of
   * fetching every match and sorting them all by time (0.8–1.3 s). Rare words keep that plan, which
   * is then the fast one. Only when no other filter narrows the set more than the words do.
   */
  private walksTimeIndex(filter: AlertFilter): boolean {
    if (filter.text === undefined) return false;
    if (filter.entityId ?? filter.investigationId ?? filter.rule ?? filter.source ?? filter.sourcePrefix ?? filter.rulePrefix ?? filter.assignee) return false;
    const match = ftsAllWords(filter.text);
    if (match === null) return false;
    const probe = this.statements.get(`SELECT count(*) AS n FROM (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ? LIMIT ${COMMON_WORDS_FROM + 1})`);
    return (probe.get(match) as { n: number }).n > COMMON_WORDS_FROM;
  }

  count(filter: AlertFilter): number {
    const wordsOnly = onlyWords(filter);
    if (wordsOnly !== null) {
      // Every FTS match is an alert; only tombstoned ones must not count (read through their own index).
      const matches = this.statements.get('SELECT count(*) AS n FROM alerts_fts WHERE alerts_fts MATCH ?').get(wordsOnly) as { n: number };
      const tombstoned = this.statements.get(
        'SELECT count(*) AS n FROM alerts a INDEXED BY alerts_tombstones WHERE a.deleted_at IS NOT NULL AND a.rowid IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?)',
      ).get(wordsOnly) as { n: number };
      return matches.n - tombstoned.n;
    }
    const sql = alertFilterSql(filter);
    return (this.statements.get(`SELECT count(*) AS n FROM alerts a WHERE ${sql.where}`).get(...sql.params) as { n: number }).n;
  }

  detail(alertId: string, lens: PiiLens): AlertDetail | null {
    const row = this.statements.get(
      `SELECT ${ROW_COLUMNS}, a.description, a.dismiss_reason, a.raw, a.external_id, im.source_columns,
         i.key AS investigation_key, i.title AS investigation_title
       FROM alerts a ${ROW_JOINS}
       LEFT JOIN investigations i ON i.id = a.investigation_id
       LEFT JOIN imports im ON im.id = a.import_id
       WHERE a.id = ? AND a.deleted_at IS NULL`,
    ).get(alertId) as AlertDetailDbRow | undefined;
    if (!row) return null;
    const entities = this.entitiesOf(alertId);
    const known = entities.filter((e) => PII_KINDS.has(e.kind));
    return {
      ...toAlertRow(row, lens, known),
      description: lens.text(row.description, known),
      dismissReason: row.dismiss_reason,
      assignee: row.assignee_id && row.assignee_username
        ? { id: row.assignee_id, username: row.assignee_username, displayName: row.assignee_name ?? row.assignee_username }
        : null,
      entities: entities.map((e) => lens.entity(e)),
      raw: shownSourceRow(
        decodeSourceRow(row.raw, parseSourceColumns(row.source_columns), { externalId: row.external_id, rule: row.rule, title: row.title, description: row.description }),
        lens, known, { title: row.title, description: row.description, plain: [row.rule, row.source, row.severity] },
      ),
      investigation: row.investigation_id && row.investigation_key
        ? { id: row.investigation_id, key: row.investigation_key, title: lens.text(row.investigation_title ?? '', known) }
        : null,
    };
  }

  /** Whether the alert matches the filter now, by the list's own conditions; null when there is no such alert. */
  matchesFilter(alertId: string, filter: AlertFilter): AlertFilterMatch | null {
    return matchAlertFilter(this.statements, alertId, filter);
  }

  exists(alertId: string): boolean {
    return this.statements.get('SELECT 1 FROM alerts WHERE id = ? AND deleted_at IS NULL').get(alertId) !== undefined;
  }

  entitiesOf(alertId: string): EntityOfAlert[] {
    return this.statements.get(
      // Extracted entities first, then mapped (as when origin was stored as text and sorted so).
      `SELECT e.id, e.kind, e.value FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid JOIN entities e ON e.rid = ae.entity_rid
       WHERE a.id = ? ORDER BY ae.origin DESC, e.kind, e.value`,
    ).all(alertId) as EntityOfAlert[];
  }

  /** Rows for the given ids, in the order given (ids that do not exist are skipped). */
  rowsByIds(ids: readonly string[], lens: PiiLens): AlertRow[] {
    if (ids.length === 0) return [];
    const rows = this.statements.get(
      `SELECT ${ROW_COLUMNS} FROM json_each(?) AS wanted CROSS JOIN alerts a ON a.id = wanted.value
       ${ROW_JOINS} WHERE a.deleted_at IS NULL`,
    ).all(JSON.stringify(ids)) as AlertDbRow[];
    const pii = lens.seesAll ? null : this.piiEntities(rows.map((r) => r.id));
    const byId = new Map(rows.map((row) => [row.id, toAlertRow(row, lens, pii?.get(row.id) ?? [])]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private piiEntities(alertIds: string[]): Map<string, { kind: EntityKind; value: string }[]> {
    const byAlert = new Map<string, { kind: EntityKind; value: string }[]>();
    if (alertIds.length === 0) return byAlert;
    const rows = this.statements.get(
      // Driven from the page's ids, so each alert is one primary-key range (an IN over json_each
      // made SQLite scan every link: 250 ms a page at 20k alerts).
      `SELECT a.id AS alert_id, e.kind, e.value FROM json_each(?) AS page
       CROSS JOIN alerts a ON a.id = page.value CROSS JOIN alert_entities ae ON ae.alert_rid = a.rid
       JOIN entities e ON e.rid = ae.entity_rid
       WHERE e.kind IN (${PII_KINDS_SQL})`,
    ).all(JSON.stringify(alertIds)) as { alert_id: string; kind: EntityKind; value: string }[];
    for (const row of rows) {
      const list = byAlert.get(row.alert_id) ?? [];
      list.push({ kind: row.kind, value: row.value });
      byAlert.set(row.alert_id, list);
    }
    return byAlert;
  }
}

/** The FTS query when words are the filter's only condition, else null. */
function onlyWords(filter: AlertFilter): string | null {
  if (filter.text === undefined) return null;
  const { text: _text, ...rest } = filter;
  if (Object.values(rest).some((value) => value !== undefined)) return null;
  return ftsAllWords(filter.text);
}

function toAlertRow(row: AlertDbRow, lens: PiiLens, knownPii: readonly { kind: EntityKind; value: string }[]): AlertRow {
  const primary = row.primary_id && row.primary_kind && row.primary_value !== null
    ? lens.entity({ id: row.primary_id, kind: row.primary_kind, value: row.primary_value })
    : null;
  return {
    id: row.id, source: row.source, rule: row.rule, severity: row.severity, status: row.status, occurredAt: row.occurred_at,
    lastSeenAt: row.last_seen_at, occurrences: row.occurrences, investigationId: row.investigation_id,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, displayName: row.assignee_name ?? row.assignee_username ?? 'Unknown user' },
    title: lens.text(row.title, knownPii),
    primaryEntity: primary ? { kind: primary.kind, value: primary.value } : null,
  };
}

/**
 * The imported source row. Its unmapped columns hold whatever the source exported (names, street
 * addresses, free-form notes) that no pattern recognises, so a masked caller sees every column's
 * name but only the values the alert itself shows (its rule, source and severity as they are, its
 * title and description through the lens) and values made of digits alone (times, counts, amounts,
 * through the lens); every other value is hidden.
 */
function shownSourceRow(
  row: Record<string, string> | null,
  lens: PiiLens,
  known: readonly { kind: EntityKind; value: string }[],
  shown: { title: string; description: string; plain: readonly (string | null)[] },
): Record<string, string> | null {
  if (row === null || lens.seesAll) return row;
  const plain = new Set(shown.plain.filter((v): v is string => v !== null).map((v) => v.trim().toLowerCase()));
  const texts = new Set([shown.title.trim(), shown.description.trim()]);
  const fields: Record<string, string> = {};
  for (const [key, text] of Object.entries(row)) {
    if (text.trim() === '' || plain.has(text.trim().toLowerCase())) fields[key] = text;
    else if (texts.has(text.trim()) || NUMERIC_VALUE.test(text)) fields[key] = lens.text(text, known);
    else fields[key] = HIDDEN_RAW_VALUE;
  }
  return fields;
}

/** Times, counts and amounts hold no name: shown through the mask (which still hides phone and card numbers). */
const NUMERIC_VALUE = /^[\d\s:.,+\-/TZ]{1,40}$/;

/** What a masked caller sees in place of a raw column's value. */
export const HIDDEN_RAW_VALUE = '••• (hidden: may hold personal data)';
