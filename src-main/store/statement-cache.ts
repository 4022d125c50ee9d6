// Prepared statements for SQL whose text varies with the shape of a request (which filters, which
// columns), prepared once per distinct text. The text is always built from code constants, never input.
import type { SqliteDatabase } from './database';

export interface CachedStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}

export class StatementCache {
  private readonly statements = new Map<string, CachedStatement>();

  constructor(private readonly db: SqliteDatabase) {}

  get(sql: string): CachedStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

const perConnection = new WeakMap<SqliteDatabase, StatementCache>();

/**
 * The connection's own cache, for work that runs again and again on it with the same texts (a first
 * sync applies hundreds of pages, each preparing the same statements: ~0.3 s per 100k records).
 * A prepared statement stays valid across transactions, and SQLite prepares it again itself after a
 * schema change.
 */
export function statementCacheOf(db: SqliteDatabase): StatementCache {
  let cache = perConnection.get(db);
  if (!cache) {
    cache = new StatementCache(db);
    perConnection.set(db, cache);
  }
  return cache;
}
