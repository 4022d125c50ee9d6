// Which migrations a vault is brought up to: the shipped list, or (tests) another list that a worker
// thread can load too. A worker cannot be handed functions, so a list other than the shipped one is
// named by the module that exports it.
import { MIGRATIONS } from './index';
import type { Migration } from './migration';

export interface MigrationSource {
  list: readonly Migration[];
  /** The module exporting `list` under `exportName`, for a worker to import; null for the shipped list (bundled with every worker). */
  module: { url: string; exportName: string } | null;
}

export const SHIPPED_MIGRATIONS: MigrationSource = { list: MIGRATIONS, module: null };
