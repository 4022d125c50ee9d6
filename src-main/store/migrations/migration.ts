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
}
