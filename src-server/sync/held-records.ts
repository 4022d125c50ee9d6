// The `records` table as the sync services see it: each row is one synced record of one organisation,
// its merged fields as JSON, the scope the server computed and the sequence of its last change.
// Reads and writes go in bulk (one query per table touched), since a push carries up to 500 changes.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/dialect';
import type { SyncTable } from '../../src-shared/sync-tables';
import type { PulledRecord } from '../../src-shared/sync-protocol';
import type { RecordsTable, ServerDb } from '../db/schema';
import type { HeldField, HeldRecord } from './merge';

export interface HeldRow {
  table: SyncTable;
  id: string;
  seq: number;
  scope: string | null;
  prevScope: string | null;
  scopeChangedSeq: number | null;
  record: HeldRecord;
}

export function recordKey(table: string, id: string): string {
  // Ids are letters, digits, dash and underscore (sync-protocol.ts), so a slash cannot be part of one.
  return `${table}/${id}`;
}

/** A row of `records` as a query selects it (the organisation is the caller's). */
export type RecordsRow = Omit<RecordsTable, 'org_id'>;

/** The row's tombstone: its stamp, or null while the record lives. */
function tombstoneOf(row: Pick<RecordsRow, 'deleted_hlc' | 'deleted_device'>): { hlc: string; device: string } | null {
  return row.deleted_hlc !== null && row.deleted_device !== null ? { hlc: row.deleted_hlc, device: row.deleted_device } : null;
}

export function heldRowFrom(row: RecordsRow): HeldRow {
  return {
    table: row.tbl as SyncTable,
    id: row.id,
    seq: row.seq,
    scope: row.scope,
    prevScope: row.prev_scope,
    scopeChangedSeq: row.scope_changed_seq,
    record: {
      fields: JSON.parse(row.fields) as Record<string, HeldField>,
      deleted: tombstoneOf(row),
    },
  };
}

/**
 * A record as a pull sends it: its fields the stored JSON text, which the pull's response splices in
 * unparsed (http/pull-body.ts) — parsing every record's fields and serialising them again was most of
 * the server's work for a pull page.
 */
export interface StoredPulledRecord extends Omit<PulledRecord, 'fields'> {
  fieldsJson: string;
}

/** The columns of `records` a pull reads. */
export type PulledRow = Pick<RecordsRow, 'tbl' | 'id' | 'seq' | 'fields' | 'deleted_hlc' | 'deleted_device'>;

export function storedPulledRecord(row: PulledRow): StoredPulledRecord {
  return {
    table: row.tbl as SyncTable,
    id: row.id,
    seq: row.seq,
    fieldsJson: row.fields,
    deleted: tombstoneOf(row),
  };
}

/** The record with its fields parsed: as a caller in this process reads a pull. */
export function parsedPulledRecord(record: StoredPulledRecord): PulledRecord {
  const { fieldsJson, ...rest } = record;
  return { ...rest, fields: JSON.parse(fieldsJson) as PulledRecord['fields'] };
}

/** The organisation's held records among `keys`, by `recordKey`: one query per table named. */
export async function loadHeldRecords(db: Kysely<ServerDb>, orgId: string, keys: Iterable<{ table: SyncTable; id: string }>): Promise<Map<string, HeldRow>> {
  const idsByTable = new Map<SyncTable, Set<string>>();
  for (const { table, id } of keys) {
    const ids = idsByTable.get(table) ?? new Set<string>();
    ids.add(id);
    idsByTable.set(table, ids);
  }
  const held = new Map<string, HeldRow>();
  for (const [table, ids] of idsByTable) {
    const rows = isPostgres(db) ? await heldRowsOnPostgres(db, orgId, table, [...ids]) : await db.selectFrom('records')
      .select(HELD_COLUMNS)
      .where('org_id', '=', orgId).where('tbl', '=', table).where('id', 'in', [...ids])
      .execute();
    for (const row of rows) held.set(recordKey(row.tbl, row.id), heldRowFrom(row));
  }
  return held;
}

const HELD_COLUMNS = ['tbl', 'id', 'seq', 'scope', 'prev_scope', 'scope_changed_seq', 'fields', 'deleted_hlc', 'deleted_device'] as const;

/**
 * The same read on PostgreSQL, one primary-key lookup per id. With `id IN (…)` the planner may keep
 * the ids out of the index condition and filter every record of the organisation's table instead: it
 * does whenever its statistics say the organisation holds few records (a new server, or a new
 * organisation on a big one, until the next ANALYZE), and then each push read the whole table under
 * the organisation's lock (measured: 40–100 ms a push of 500 at 100k records, against 4 ms).
 */
async function heldRowsOnPostgres(db: Kysely<ServerDb>, orgId: string, table: SyncTable, ids: readonly string[]): Promise<RecordsRow[]> {
  const { rows } = await sql<RecordsRow>`
    SELECT held.* FROM unnest(${ids}::text[]) AS wanted(id)
    CROSS JOIN LATERAL (
      SELECT ${sql.join(HELD_COLUMNS.map((column) => sql.ref(column)))} FROM records
      WHERE org_id = ${orgId} AND tbl = ${table} AND id = wanted.id LIMIT 1
    ) AS held`.execute(db);
  return rows;
}

// Nine parameters a row: well inside SQLite's and PostgreSQL's bound on parameters in one statement.
const WRITE_CHUNK = 500;

/**
 * Writes each row's record, whole (fields, tombstone, scope, sequence): `fresh` rows are records the
 * caller read as absent under the organisation's lock (push.ts), so nothing else can have written them
 * since and a plain INSERT does; `held` rows replace the stored record. A plain INSERT spares the
 * unique check-then-update PostgreSQL does for every row of an upsert (measured ~10 % of a 500-row write).
 */
export async function writeHeldRecords(db: Kysely<ServerDb>, orgId: string, rows: { fresh: readonly HeldRow[]; held: readonly HeldRow[] }): Promise<void> {
  for (let start = 0; start < rows.fresh.length; start += WRITE_CHUNK) {
    await db.insertInto('records').values(rows.fresh.slice(start, start + WRITE_CHUNK).map((row) => recordsRow(orgId, row))).execute();
  }
  for (let start = 0; start < rows.held.length; start += WRITE_CHUNK) {
    await db.insertInto('records').values(rows.held.slice(start, start + WRITE_CHUNK).map((row) => recordsRow(orgId, row)))
      .onConflict((conflict) => conflict.columns(['org_id', 'tbl', 'id']).doUpdateSet((eb) => ({
        seq: eb.ref('excluded.seq'),
        scope: eb.ref('excluded.scope'),
        prev_scope: eb.ref('excluded.prev_scope'),
        scope_changed_seq: eb.ref('excluded.scope_changed_seq'),
        fields: eb.ref('excluded.fields'),
        deleted_hlc: eb.ref('excluded.deleted_hlc'),
        deleted_device: eb.ref('excluded.deleted_device'),
      })))
      .execute();
  }
}

function recordsRow(orgId: string, row: HeldRow): RecordsTable {
  return {
    org_id: orgId,
    tbl: row.table,
    id: row.id,
    seq: row.seq,
    scope: row.scope,
    prev_scope: row.prevScope,
    scope_changed_seq: row.scopeChangedSeq,
    fields: JSON.stringify(row.record.fields),
    deleted_hlc: row.record.deleted?.hlc ?? null,
    deleted_device: row.record.deleted?.device ?? null,
  };
}
