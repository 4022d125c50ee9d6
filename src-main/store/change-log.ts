// Appends to change_log in the caller's transaction, so a row change and its log entry commit together.
// Two kinds of entry (docs/ARCHITECTURE.md, "What sync reads"): one naming a row and the fields that
// changed, and one naming a batch of new rows by their key range (an import batch's alerts or entities).
import type { SqliteDatabase } from './database';
import type { RowContext } from './row-context';

export interface ChangeRecorder {
  record(table: string, rowId: string, fields: readonly string[], hlc: string): void;
}

export function createChangeRecorder(db: SqliteDatabase, originDevice: string, now: () => number): ChangeRecorder {
  const insert = db.prepare(
    'INSERT INTO change_log (table_name, row_id, fields, hlc, origin_device, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    record(table, rowId, fields, hlc) {
      insert.run(table, rowId, JSON.stringify(fields), hlc, originDevice, now());
    },
  };
}

/** The tables whose new rows are logged a batch at a time. */
export type BatchedTable = 'alerts' | 'entities';

/** Every field of each row in the range (for an alert, its links and sightings too). */
export const WHOLE_ROWS = '*';

/**
 * Logs the rows one INSERT … SELECT just added to `table` (their keys, from RETURNING) as one entry:
 * SQLite gives the rows of one statement consecutive keys (each new key is the largest plus one), so
 * they are the range from the least to the greatest. `importId` names the import that wrote them
 * (null: no import).
 */
export function createBatchFeed(db: SqliteDatabase, context: Pick<RowContext, 'device' | 'now'>): (table: BatchedTable, importId: string | null, keys: readonly number[], hlc: string) => void {
  const insert = db.prepare(
    `INSERT INTO change_log (table_name, row_id, fields, hlc, origin_device, at, first_rid, last_rid)
     VALUES (?, ?, '["${WHOLE_ROWS}"]', ?, ?, ?, ?, ?)`,
  );
  return (table, importId, keys, hlc) => {
    if (keys.length === 0) return;
    const first = Math.min(...keys);
    const last = Math.max(...keys);
    // A range with holes would name rows this batch did not write.
    if (last - first + 1 !== keys.length) throw new Error(`the ${keys.length} new ${table} rows of one statement are not consecutive (${first}..${last})`);
    insert.run(table, importId ?? '', hlc, context.device, context.now(), first, last);
  };
}
