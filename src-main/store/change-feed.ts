// The change feed as sync reads it (docs/ARCHITECTURE.md, "What sync reads"): change_log in commit
// order, each entry either one row and the fields that changed, or a batch of new rows by key range;
// and, for alerts and entities, what an entry names as it is now in the vault.
//
// Sync ships the present values of what an entry names, at the entry's HLC; the receiver keeps, per
// field, the value with the highest HLC. An entry whose rows are gone (an import that was undone)
// names nothing.
import type { SqliteDatabase } from './database';
import { WHOLE_ROWS, type BatchedTable } from './change-log';
import { decodeSourceRow, parseSourceColumns } from './source-row';
import { DeviceNumbers } from './devices';

export type FeedEntry =
  | { seq: number; hlc: string; originDevice: string; table: string; kind: 'row'; rowId: string; fields: string[] }
  | { seq: number; hlc: string; originDevice: string; table: BatchedTable; kind: 'batch'; importId: string | null; firstRid: number; lastRid: number };

interface ChangeLogRow {
  seq: number;
  table_name: string;
  row_id: string;
  fields: string;
  hlc: string;
  origin_device: string;
  first_rid: number | null;
  last_rid: number | null;
}

export type FeedRow = Record<string, unknown> & { id: string };

/** What an alerts or entities entry names, as the vault holds it now. */
export interface FeedPayload {
  /** The fields the entry changed (every column for a batch); `entities` and `sightings` name the links and sightings. */
  fields: readonly string[] | typeof WHOLE_ROWS;
  rows: FeedRow[];
  /** An alert's entity links, by the alert's and the entity's ids (rids never leave a vault); `origin` as stored (alerts/alert-links.ts). */
  links: { alertId: string; entityId: string; origin: number }[];
  /** The rows folded into an alert (the idempotency keys of a re-import); the row an alert was made from is its own source and external id (schema v23). */
  sightings: { source: string; externalId: string; alertId: string; occurredAt: number }[];
}

type Link = FeedPayload['links'][number];
type Sighting = FeedPayload['sightings'][number];

/** A vault's change feed, its statements prepared once: a sync reader calls it for every entry it ships. */
export class ChangeFeed {
  private readonly entries;
  private readonly byId;
  private readonly entitiesByRange;
  private readonly alertsOfImportByRange;
  private readonly links;
  private readonly sightings;
  private readonly sourceColumns;
  private readonly devices;

  constructor(db: SqliteDatabase) {
    this.devices = new DeviceNumbers(db);
    this.entries = db.prepare<[number, number], ChangeLogRow>(
      'SELECT seq, table_name, row_id, fields, hlc, origin_device, first_rid, last_rid FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.byId = {
      alerts: db.prepare<[string], FeedRow>('SELECT * FROM alerts WHERE id = ?'),
      entities: db.prepare<[string], FeedRow>('SELECT * FROM entities WHERE id = ?'),
    };
    this.entitiesByRange = db.prepare<[number, number], FeedRow>('SELECT * FROM entities WHERE rid BETWEEN ? AND ? ORDER BY rid');
    this.alertsOfImportByRange = db.prepare<[number, number, string | null], FeedRow>(
      'SELECT * FROM alerts WHERE rid BETWEEN ? AND ? AND import_id IS ? ORDER BY rid',
    );
    this.links = db.prepare<[string], Link>(
      `SELECT a.id AS alertId, e.id AS entityId, l.origin FROM alert_entities l
         JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid
       WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY 1, 2`,
    );
    this.sourceColumns = db.prepare<[string], { source_columns: string | null }>('SELECT source_columns FROM imports WHERE id = ?');
    this.sightings = db.prepare<[string], Sighting>(
      'SELECT source, external_id AS externalId, alert_id AS alertId, occurred_at AS occurredAt FROM alert_sightings WHERE alert_id IN (SELECT value FROM json_each(?)) ORDER BY 1, 2',
    );
  }

  /** Up to `limit` entries committed after `afterSeq`, in commit order (a reader's cursor is the last seq it read). */
  read(afterSeq: number, limit: number): FeedEntry[] {
    return this.entries.all(afterSeq, limit).map((row) => {
      const common = { seq: row.seq, hlc: row.hlc, originDevice: this.devices.idOf(row.origin_device) };
      if (row.first_rid !== null && row.last_rid !== null) {
        return { ...common, table: row.table_name as BatchedTable, kind: 'batch', importId: row.row_id === '' ? null : row.row_id, firstRid: row.first_rid, lastRid: row.last_rid };
      }
      return { ...common, table: row.table_name, kind: 'row', rowId: row.row_id, fields: JSON.parse(row.fields) as string[] };
    });
  }

  /** The rows, links and sightings an entry of `alerts` or `entities` names; null for the tables this module does not read yet. */
  payload(entry: FeedEntry): FeedPayload | null {
    if (entry.table !== 'alerts' && entry.table !== 'entities') return null;
    const rows = entry.kind === 'batch' ? this.batchRows(entry) : this.byId[entry.table].all(entry.rowId);
    // A rid is this vault's own key: the receiver gives the row its own. A compact source row is read
    // against its import's columns here; the feed ships it keyed, readable without them.
    // A device is named by its id, not by this vault's number for it (devices.ts).
    for (const row of rows) {
      delete row.rid;
      if (typeof row.origin_device === 'string') row.origin_device = this.devices.idOf(row.origin_device);
    }
    if (entry.table === 'alerts') {
      const columnsOf = this.sourceColumnsByImport();
      for (const row of rows) row.raw = keyedSourceRow(row, columnsOf);
    }
    const fields = entry.kind === 'batch' ? WHOLE_ROWS : entry.fields;
    const names = (part: string) => entry.table === 'alerts' && (fields === WHOLE_ROWS || fields.includes(part));
    const ids = JSON.stringify(rows.map((row) => row.id));
    return {
      fields,
      rows,
      links: names('entities') ? this.links.all(ids) : [],
      sightings: names('sightings') ? this.sightings.all(ids) : [],
    };
  }

  /** Each import's source columns, read and parsed once per payload (a batch's rows share one import). */
  private sourceColumnsByImport(): (importId: string | null) => readonly string[] {
    const parsed = new Map<string, readonly string[]>();
    return (importId) => {
      if (importId === null) return [];
      let columns = parsed.get(importId);
      if (columns === undefined) {
        columns = parseSourceColumns(this.sourceColumns.get(importId)?.source_columns ?? null);
        parsed.set(importId, columns);
      }
      return columns;
    };
  }

  /**
   * The rows of a batch entry's range. An undone import frees the keys at the top of the table, which
   * a later batch hands out again: an alert range keeps to its own import's rows; an entity in a reused
   * range is named again by its own later entry, whose higher HLC wins field by field.
   */
  private batchRows(entry: Extract<FeedEntry, { kind: 'batch' }>): FeedRow[] {
    return entry.table === 'alerts'
      ? this.alertsOfImportByRange.all(entry.firstRid, entry.lastRid, entry.importId)
      : this.entitiesByRange.all(entry.firstRid, entry.lastRid);
  }
}

/** An alert row's compact source row, keyed by its import's column names (null when it has none). */
function keyedSourceRow(row: FeedRow, columnsOf: (importId: string | null) => readonly string[]): string | null {
  const text = (key: string) => (typeof row[key] === 'string' ? row[key] : null);
  const decoded = decodeSourceRow(text('raw'), columnsOf(text('import_id')), { externalId: text('external_id'), rule: text('rule'), title: text('title'), description: text('description') });
  return decoded === null ? null : JSON.stringify(decoded);
}
