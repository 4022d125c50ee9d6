// What a vault upgrade must not change, read before it (schema v18) and after it (whatever the latest
// schema is), for migration.bench.ts to compare:
// - rows: every table's row count, and a digest of every row of every table v18 had, by v18's columns
//   (alerts and entities with their rowid, which v19's rid keeps; links by the two API ids and origin;
//   sightings as the set of (source, external id, alert) however stored, see SIGHTINGS_SQL; fingerprints
//   cut as v25 stores them);
// - search: the ids a handful of words find, ranked by bm25 (the index as a whole, not only its hits),
//   and the triage queue's word search (newest first);
// - pivots: an entity's live alerts, newest first, for the heaviest entities and a spread of others;
//   ties in time broken by the row key, as the queue pages since v21;
// - analytics: the stats report (30 days in UTC, 90 in a half-hour zone), top entities and Home's
//   overview, as the analytics worker builds them.
// Before the upgrade the app's own alert reads cannot run (they name v19's columns and indexes), so
// search and pivots are read by v18's SQL there, and after the upgrade by the app (AlertQueries, what
// alerts.list runs) as well as by the same SQL. The analytics code reads rid only for top entities: before,
// TEMP views give that one join v19's names over v18's rows (rid = rowid, which v19 keeps), so the
// report before and after is computed by the same code.
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../../src-main/store/database';
import { AnalyticsQueries } from '../../src-main/analytics/analytics-queries';
import { OverviewQueries } from '../../src-main/analytics/overview-queries';
import { buildStatsReport, statsRequest } from '../../src-main/analytics/stats-report';
import { buildTopEntities } from '../../src-main/analytics/top-entities';
import { buildOverview } from '../../src-main/analytics/overview';
import { readAnomalyMarks } from '../../src-main/analytics/anomaly-marks';
import { AlertQueries } from '../../src-main/alerts/alert-queries';
import { linkOriginNameSql, storedLinkOrigin } from '../../src-main/alerts/alert-links';
import { FINGERPRINT_CHARS } from '../../src-main/alerts/fingerprint';
import { FULL_VIEW } from '../../src-main/pii/pii-lens';
import { workspaceChannels } from '../../src-shared/workspace-contract';
import { schemaVersion } from '../../src-main/store/migrate';

const DAY = 86_400_000;
/** Hits compared per word or entity: a page of the queue at its largest. */
const LIMIT = 100;

export interface SnapshotPlan {
  alertWords: readonly string[];
  entityWords: readonly string[];
  /** "Now" for the reports, and the analyst whose Home overview is read. */
  now: number;
  userId: string;
}

/** What v18 had: each ordinary table with its columns (FTS tables and their shadows aside: search covers them). */
export type TableColumns = Record<string, string[]>;

export interface VaultSnapshot {
  version: number;
  counts: Record<string, number>;
  digests: Record<string, string>;
  search: Record<string, string[]>;
  pivots: Record<string, string[]>;
  analytics: Record<string, unknown>;
}

/** The ordinary tables of the vault and their columns (virtual tables, their shadow tables and SQLite's own left out). */
export function tablesOf(db: SqliteDatabase): TableColumns {
  const schema = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string | null }[];
  const virtual = schema.filter((t) => t.sql?.startsWith('CREATE VIRTUAL TABLE')).map((t) => t.name);
  const ordinary = schema.filter((t) => !t.name.startsWith('sqlite_') && !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
  return Object.fromEntries(ordinary.map((t) => [t.name, (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(t.name) as { name: string }[]).map((c) => c.name)]));
}

function digest(db: SqliteDatabase, sql: string): string {
  const hash = createHash('sha256');
  for (const row of db.prepare(sql).raw().iterate()) hash.update(`${JSON.stringify(row)}\n`);
  return hash.digest('hex');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const hasColumn = (db: SqliteDatabase, table: string, column: string) =>
  (db.prepare('SELECT count(*) AS n FROM pragma_table_info(?) WHERE name = ?').get(table, column) as { n: number }).n > 0;

/**
 * The (source, external id) pairs an alert was sighted by: the rows of alert_sightings and, since v23,
 * each alert's own (an alert is its own sighting; alert_sightings keeps only rows folded into another).
 * The same query reads v18, where every alert's own sighting is also a row, and any later schema.
 * When a sighting was seen is left out: v23 drops the own sighting's time, the alert's time being its.
 */
const SIGHTINGS_SQL = `SELECT source, external_id, alert_id FROM alert_sightings
  UNION SELECT source, external_id, id FROM alerts WHERE external_id IS NOT NULL`;

/** Every row of each of v18's tables by v18's columns, in an order that does not depend on the schema. */
function rowDigests(db: SqliteDatabase, v18: TableColumns): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const [table, columns] of Object.entries(v18)) {
    if (table === 'alert_entities') {
      // v18 names a link by the two ids; from v19 by the two rids, resolved here to the ids they stand for.
      digests[table] = hasColumn(db, table, 'alert_rid')
        ? digest(db, `SELECT a.id, e.id, ${linkOriginNameSql('l.origin')} FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid
            JOIN entities e ON e.rid = l.entity_rid ORDER BY 1, 2`)
        : digest(db, 'SELECT alert_id, entity_id, origin FROM alert_entities ORDER BY 1, 2');
      continue;
    }
    if (table === 'alert_sightings') {
      digests[table] = digest(db, `${SIGHTINGS_SQL} ORDER BY 1, 2, 3`);
      continue;
    }
    const missing = columns.filter((c) => !hasColumn(db, table, c));
    if (missing.length > 0) {
      digests[table] = `columns gone: ${missing.join(', ')}`;
      continue;
    }
    // A fingerprint is compared as v25 stores it, cut to its first characters (the same detection).
    const list = columns.map((c) => (table === 'alerts' && c === 'fingerprint' ? `substr(fingerprint, 1, ${FINGERPRINT_CHARS})` : quote(c))).join(', ');
    // Alerts and entities keep their rowids (v19's rid is the old rowid): compared with them, in their order.
    digests[table] = table === 'alerts' || table === 'entities'
      ? digest(db, `SELECT rowid, ${list} FROM ${table} ORDER BY rowid`)
      : digest(db, `SELECT ${list} FROM ${quote(table)} ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`);
  }
  return digests;
}

const ids = (db: SqliteDatabase, sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);

/** The entities whose pivots are compared: the heaviest, and a spread of the rest by rowid. */
export function pivotEntities(db: SqliteDatabase): string[] {
  const heaviest = ids(db, 'SELECT id FROM entities ORDER BY alert_count DESC, id LIMIT 6');
  const spread = ids(db, 'SELECT id FROM entities WHERE rowid % 997 = 1 ORDER BY rowid LIMIT 6');
  return [...new Set([...heaviest, ...spread])];
}

/** Search and pivots by SQL that reads v18 and every later schema alike (rowid is rid from v19). */
function sqlReads(db: SqliteDatabase, plan: SnapshotPlan, entities: readonly string[]) {
  const v19 = hasColumn(db, 'alert_entities', 'alert_rid');
  const search: Record<string, string[]> = {};
  for (const word of plan.alertWords) {
    search[`alerts ranked: ${word}`] = ids(db, `SELECT a.id FROM alerts_fts JOIN alerts a ON a.rowid = alerts_fts.rowid WHERE alerts_fts MATCH ?
      ORDER BY bm25(alerts_fts), a.id LIMIT ${LIMIT}`, word);
    search[`queue: ${word}`] = ids(db, `SELECT id FROM alerts WHERE rowid IN (SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?) AND deleted_at IS NULL
      ORDER BY occurred_at DESC, rowid DESC LIMIT ${LIMIT}`, word);
  }
  for (const word of plan.entityWords) {
    search[`entities ranked: ${word}`] = ids(db, `SELECT e.id FROM entities_fts JOIN entities e ON e.rowid = entities_fts.rowid WHERE entities_fts MATCH ?
      ORDER BY bm25(entities_fts), e.id LIMIT ${LIMIT}`, word);
  }
  const linked = v19
    ? 'SELECT a.id FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid WHERE e.id = ?'
    : 'SELECT a.id FROM alert_entities l JOIN alerts a ON a.id = l.alert_id WHERE l.entity_id = ?';
  const pivots = Object.fromEntries(entities.map((entityId) => [entityId,
    ids(db, `${linked} AND a.deleted_at IS NULL ORDER BY a.occurred_at DESC, a.rowid DESC LIMIT ${LIMIT}`, entityId)]));
  return { search, pivots };
}

/** The triage queue's own reads (alerts.list): a word search and an entity's alerts, newest first. */
function appReads(db: SqliteDatabase, plan: SnapshotPlan, entities: readonly string[]) {
  const queries = new AlertQueries(db);
  const list = (input: Record<string, unknown>) =>
    queries.page(workspaceChannels['alerts.list'].input.parse({ limit: LIMIT, ...input }), FULL_VIEW).rows.map((r) => r.id);
  return {
    search: Object.fromEntries(plan.alertWords.map((word) => [`queue: ${word}`, list({ text: word })])),
    pivots: Object.fromEntries(entities.map((entityId) => [entityId, list({ entityId })])),
  };
}

/** The analytics worker's reports; over a v18 vault through TEMP views naming its links as v19 does. */
function analytics(db: SqliteDatabase, plan: SnapshotPlan): Record<string, unknown> {
  const shimmed = !hasColumn(db, 'alerts', 'rid');
  if (shimmed) {
    db.exec(`CREATE TEMP VIEW alerts AS SELECT rowid AS rid, * FROM main.alerts;
      CREATE TEMP VIEW entities AS SELECT rowid AS rid, * FROM main.entities;
      CREATE TEMP VIEW alert_entities AS SELECT a.rowid AS alert_rid, e.rowid AS entity_rid,
        CASE l.origin WHEN 'mapped' THEN ${storedLinkOrigin('mapped')} ELSE ${storedLinkOrigin('extracted')} END AS origin
        FROM main.alert_entities l JOIN main.alerts a ON a.id = l.alert_id JOIN main.entities e ON e.id = l.entity_id;`);
  }
  try {
    const queries = new AnalyticsQueries(db);
    const overview = new OverviewQueries(db);
    const marks = readAnomalyMarks(db);
    const to = new Date(plan.now - DAY).toISOString().slice(0, 10);
    const range = (days: number, timeZone: string) => statsRequest({ to, from: new Date(plan.now - days * DAY).toISOString().slice(0, 10), timeZone }, plan.now);
    return {
      'stats, 30 days, UTC': buildStatsReport(queries, range(30, 'UTC'), { overview, marks }),
      'stats, 90 days, Asia/Kolkata': buildStatsReport(queries, range(90, 'Asia/Kolkata'), { overview, marks }),
      'top entities, 30 days, UTC': buildTopEntities(queries, range(30, 'UTC')),
      'top entities, 365 days, UTC': buildTopEntities(queries, range(365, 'UTC')),
      'overview (Home)': buildOverview(queries, overview, marks, { userId: plan.userId, timeZone: 'Europe/Berlin', now: plan.now }),
    };
  } finally {
    if (shimmed) db.exec('DROP VIEW temp.alerts; DROP VIEW temp.entities; DROP VIEW temp.alert_entities;');
  }
}

/** Each of v18's tables' rows (sightings counted as SIGHTINGS_SQL counts them); -1 for a table that is gone. */
export function rowCounts(db: SqliteDatabase, v18: TableColumns): Record<string, number> {
  return Object.fromEntries(Object.keys(v18).map((table) => {
    if (table === 'alert_sightings') return [table, (db.prepare(`SELECT count(*) AS n FROM (${SIGHTINGS_SQL})`).get() as { n: number }).n];
    const exists = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { n: number }).n > 0;
    return [table, exists ? (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n : -1];
  }));
}

/** Everything the upgrade must keep, read by v18's SQL (and, on a v19+ vault, by the app's alert reads too: `app`). */
export function snapshotVault(db: SqliteDatabase, plan: SnapshotPlan, v18: TableColumns, entities: readonly string[]): { snapshot: VaultSnapshot; app: { search: Record<string, string[]>; pivots: Record<string, string[]> } | null } {
  const counts = rowCounts(db, v18);
  const reads = sqlReads(db, plan, entities);
  const snapshot: VaultSnapshot = { version: schemaVersion(db), counts, digests: rowDigests(db, v18), ...reads, analytics: analytics(db, plan) };
  return { snapshot, app: hasColumn(db, 'alerts', 'rid') ? appReads(db, plan, entities) : null };
}

/** Each thing that differs, named; empty when the two are the same. */
export function differences(before: Omit<VaultSnapshot, 'version'>, after: Omit<VaultSnapshot, 'version'>, label = ''): string[] {
  const found: string[] = [];
  for (const part of ['counts', 'digests', 'search', 'pivots', 'analytics'] as const) {
    const keys = new Set([...Object.keys(before[part]), ...Object.keys(after[part])]);
    for (const key of keys) {
      const was = JSON.stringify(before[part][key]);
      const is = JSON.stringify(after[part][key]);
      if (was !== is) found.push(`${label}${part} / ${key}: before ${shorten(was)}, after ${shorten(is)}`);
    }
  }
  return found;
}

const shorten = (text: string | undefined) => (text === undefined ? 'absent' : text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text);
