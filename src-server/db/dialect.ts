// Which of the two databases a Kysely instance talks to, for the few statements the two spell apart.
import { PostgresAdapter, type Kysely } from 'kysely';

export function isPostgres<Db>(db: Kysely<Db>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
