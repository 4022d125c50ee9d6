// Appends to change_log in the caller's transaction, so a row change and its log entry commit together.
// Two kinds of entry (docs/ARCHITECTURE.md, "What sync reads"): one naming a row and the fields that
// changed, and one naming a batch of new rows by their key range (an import batch's alerts or entities).
import type { RunResult } from 'better-sqlite3-multiple-ciphers';
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
 * Logs the rows one INSERT … SELECT just added to `table` as one entry: SQLite gives the rows of one
 * statement consecutive keys (each new key is the largest plus one), so the statement's last key and
 * its count are the range. `importId` names the import that wrote them (null: no import).
 */
export function createBatchFeed(db: SqliteDatabase, context: Pick<RowContext, 'deviceId' | 'now'>): (table: BatchedTable, importId: string | null, inserted: RunResult, hlc: string) => void {
  const insert = db.prepare(
    `INSERT INTO change_log (table_name, row_id, fields, hlc, origin_device, at, first_rid, last_rid)
     VALUES (?, ?, '["${WHOLE_ROWS}"]', ?, ?, ?, ?, ?)`,
  );
  return (table, importId, inserted, hlc) => {
    if (inserted.changes === 0) return;
    const last = Number(inserted.lastInsertRowid);
    insert.run(table, importId ?? '', hlc, context.deviceId, context.now(), last - inserted.changes + 1, last);
  };
}
