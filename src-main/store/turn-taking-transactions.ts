// A connection to the vault whose every transaction takes the write turn (write-turn.ts) first and
// gives it back after its commit, so the other thread's writes go between two of them. Wrapping the
// connection's `transaction` catches them all: a worker's import batches and its undo, the main
// thread's scheduled jobs (the SLA watch, volume anomaly alerts, audit rows from timers) alike; a
// transaction nested in one (a savepoint) runs in the turn it is already in.
import type { SqliteDatabase } from './database';
import type { MainWriteTurn } from './write-turn';

type Variant = (...args: unknown[]) => unknown;

/** A turn a transaction can take synchronously (the worker sleeps for it; the main thread cannot). */
export interface SynchronousTurn {
  run<T>(transaction: () => T): T;
}

export function takeTurnsForTransactions(db: SqliteDatabase, turn: SynchronousTurn): void {
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

/**
 * The main connection's transactions in the main thread's turn. Inside a turn (a router call, a job's
 * `writeTurn.run`) a transaction joins it; outside one it takes a free turn on the spot, so a worker
 * never begins a batch under it. The main thread must not sleep, so a transaction begun outside any
 * turn while a worker holds it cannot wait for it: it goes ahead into SQLite's busy handler as before,
 * and `outsideTurn` reports it (a scheduled write that should have asked with `writeTurn.run`).
 */
export function takeMainTurnsForTransactions(db: SqliteDatabase, turn: MainWriteTurn, outsideTurn: () => void): void {
  mainTurns.set(db, turn);
  takeTurnsForTransactions(db, {
    run<T>(transaction: () => T): T {
      const ran = turn.runNow(transaction);
      if (ran) return ran.value;
      outsideTurn();
      return transaction();
    },
  });
}

const mainTurns = new WeakMap<SqliteDatabase, MainWriteTurn>();

/**
 * One step of a long main-thread write (a bulk action's batches): awaits the write turn when a worker
 * holds it. Only the first step of a router call runs inside the call's turn; begun outside it, a
 * later step's transaction would otherwise wait in SQLite's busy handler with the event loop frozen.
 * A connection without a turn (the command line, tests) runs the step at once.
 */
export function inWriteTurn<T>(db: SqliteDatabase, step: () => T): Promise<T> {
  const turn = mainTurns.get(db);
  return turn ? turn.run(step) : Promise.resolve().then(step);
}
