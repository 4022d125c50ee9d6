// A worker's connection to the vault whose every transaction takes the write turn (write-turn.ts)
// first and gives it back after its commit, so a waiting main-thread write goes between two of them.
// Wrapping the connection's `transaction` catches them all, the import's batches and its undo alike;
// a transaction nested in one (a savepoint) runs in the turn it is already in.
import type { SqliteDatabase } from './database';
import type { WorkerWriteTurn } from './write-turn';

type Variant = (...args: unknown[]) => unknown;

export function takeTurnsForTransactions(db: SqliteDatabase, turn: WorkerWriteTurn): void {
  const open = db.transaction.bind(db);
  let depth = 0;
  const inTurn = (variant: Variant): Variant => (...args) => {
    if (depth > 0) return variant(...args);
    depth += 1;
    try {
      return turn.run(() => variant(...args));
    } finally {
      depth -= 1;
    }
  };
  db.transaction = ((fn: Variant) => {
    const transaction = open(fn);
    return Object.assign(inTurn(transaction), {
      default: inTurn(transaction.default),
      deferred: inTurn(transaction.deferred),
      immediate: inTurn(transaction.immediate),
      exclusive: inTurn(transaction.exclusive),
      database: db,
    });
  }) as SqliteDatabase['transaction'];
}
