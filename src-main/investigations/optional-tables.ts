// Evidence and actions live in another area's migration (004); the investigation reads that count
// or list them check once per open vault that the tables exist, so these reads work on either side
// of that migration.
import type { SqliteDatabase } from '../store/database';

export interface OptionalTables {
  evidence: boolean;
  actions: boolean;
}

export function probeOptionalTables(db: SqliteDatabase): OptionalTables {
  const has = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?");
  return { evidence: (has.get('evidence')?.n ?? 0) > 0, actions: (has.get('actions')?.n ?? 0) > 0 };
}
