import type { SqliteDatabase } from '../database';

/**
 * How far a long `populate` has got, in its own units (rows copied, batches rebuilt): `done` of
 * `total`, called as often as it likes (migrate.ts turns it into the upgrade's share and thins it).
 */
export type MigrationProgress = (done: number, total: number) => void;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Fills what SQL alone cannot compute (derived tables built by a shared rule, a table rebuilt in
   * batches), run after `sql` in the same transaction. A long one reports `progress`: the sign-in
   * screen shows it while the vault upgrades (issue 13: rebuilding alerts at 1M rows takes minutes).
   */
  populate?(db: SqliteDatabase, progress: MigrationProgress): void;
  /**
   * Drops and re-creates tables other tables reference (SQLite's create-copy-drop-rename for what
   * ALTER TABLE cannot do): migrate runs it with foreign keys off and checks them all before commit.
   */
  rebuildsTables?: boolean;
}
