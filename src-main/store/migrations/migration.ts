import type { SqliteDatabase } from '../database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Fills what SQL alone cannot compute (derived tables built by a shared rule), run after `sql`
   * in the same transaction.
   */
  populate?(db: SqliteDatabase): void;
  /**
   * Drops and re-creates tables other tables reference (SQLite's create-copy-drop-rename for what
   * ALTER TABLE cannot do): migrate runs it with foreign keys off and checks them all before commit.
   */
  rebuildsTables?: boolean;
}
