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
