// Appends to change_log in the caller's transaction, so a row change and its log entry commit together.
import type { SqliteDatabase } from './database';

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
