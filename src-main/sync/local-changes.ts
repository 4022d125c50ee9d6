// This device as the sync client names it, and the stamps its own change-log entries give records'
// fields: a change not yet pushed has no row in sync_field_stamps, but its entry's stamp (HLC, this
// device) is the field's clock all the same (a pull must not overwrite it with an older value).
import type { SqliteDatabase } from '../store/database';
import { DeviceNumbers } from '../store/devices';
import { DELETED_FIELD, type SyncTable } from '../../src-shared/sync-tables';
import { WHOLE_RECORD, newerStamp, type RecordStamps } from './field-stamps';

export interface ThisDevice {
  id: string;
  /** Its number in this vault, as change_log.origin_device holds it. */
  number: string;
}

export function thisDevice(db: SqliteDatabase): ThisDevice {
  const row = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'device_id'").get();
  if (!row) throw new Error('The vault has no device id yet (store/row-context.ts writes it at the first open)');
  const id = JSON.parse(row.value) as string;
  return { id, number: new DeviceNumbers(db).numberOf(id) };
}

export interface RecordRef {
  table: SyncTable;
  id: string;
}

export const recordKey = (table: string, id: string): string => `${table}\u0000${id}`;

/** An entry's field name as a record field (`deleted_at` is the tombstone). */
const asField = (field: string): string => (field === 'deleted_at' ? DELETED_FIELD : field);

/**
 * The newest stamp this device's entries in (after, upto] give each field of `records`, by record
 * key. One pass over the range: a row entry names a row by id and its fields; a batch entry names
 * new alerts or entities by key range, which sets every field (`*`).
 */
export function entryStamps(db: SqliteDatabase, device: ThisDevice, after: number, upto: number, records: readonly RecordRef[]): Map<string, RecordStamps> {
  const found = new Map<string, RecordStamps>();
  if (records.length === 0 || upto <= after) return found;
  const wanted = new Set(records.map((r) => recordKey(r.table, r.id)));
  const note = (key: string, field: string, hlc: string) => {
    let stamps = found.get(key);
    if (!stamps) found.set(key, (stamps = new Map()));
    const stamp = newerStamp(stamps.get(field) ?? null, { hlc, device: device.id });
    if (stamp) stamps.set(field, stamp);
  };
  const rows = db.prepare<[number, number, string, string], { table_name: string; row_id: string; fields: string; hlc: string }>(
    `SELECT table_name, row_id, fields, hlc FROM change_log
     WHERE seq > ? AND seq <= ? AND origin_device = ? AND first_rid IS NULL AND row_id IN (SELECT value FROM json_each(?))`,
  ).all(after, upto, device.number, JSON.stringify([...new Set(records.map((r) => r.id))]));
  for (const row of rows) {
    const key = recordKey(row.table_name, row.row_id);
    if (!wanted.has(key)) continue;
    for (const field of JSON.parse(row.fields) as string[]) note(key, asField(field), row.hlc);
  }
  const batched = records.filter((r) => r.table === 'alerts' || r.table === 'entities');
  if (batched.length === 0) return found;
  const batches = db.prepare<[number, number, string], { table_name: string; row_id: string; hlc: string; first_rid: number; last_rid: number }>(
    'SELECT table_name, row_id, hlc, first_rid, last_rid FROM change_log WHERE seq > ? AND seq <= ? AND origin_device = ? AND first_rid IS NOT NULL',
  ).all(after, upto, device.number);
  if (batches.length === 0) return found;
  for (const record of batched) {
    const row = db.prepare<[string], { rid: number; import_id: string | null }>(
      record.table === 'alerts' ? 'SELECT rid, import_id FROM alerts WHERE id = ?' : 'SELECT rid, NULL AS import_id FROM entities WHERE id = ?',
    ).get(record.id);
    if (!row) continue;
    for (const batch of batches) {
      // An alert range names only its own import's rows (change-feed.ts: an undone import's keys are reused).
      const ofRow = batch.table_name === record.table && row.rid >= batch.first_rid && row.rid <= batch.last_rid
        && (record.table !== 'alerts' || (batch.row_id === '' ? row.import_id === null : batch.row_id === row.import_id));
      if (ofRow) note(recordKey(record.table, record.id), WHOLE_RECORD, batch.hlc);
    }
  }
  return found;
}
