// Two threads write one vault: the main thread (an analyst's verdicts, notes, sign-ins) and a worker
// running a long write (an import, a restore's rows, retention). SQLite admits one writer at a time,
// and a connection that finds the write lock taken waits inside its busy handler, synchronously: on
// the main thread that is a frozen window for as long as the worker's transaction lasts.
//
// So the two take turns through a few integers in shared memory instead of through SQLite's lock.
// The worker asks for the turn before each of its transactions (short by design: one batch) and
// gives it back after the commit; when the main thread has asked, the worker hands the turn over
// and sleeps (Atomics.wait, allowed in a worker) until the main thread is done. The main thread
// never sleeps: it asks and awaits (Atomics.waitAsync), so its event loop keeps running, and its
// write then runs with no transaction of the worker's open. The longest a main-thread write waits is
// the rest of one worker batch, which the worker keeps short.
//
// Only writes take turns: WAL readers never wait for a writer.

const OWNER = 0;
const MAIN_WAITING = 1;
const SLOTS = 2;

const FREE = 0;
const MAIN = 1;
const WORKER = 2;

/** The shared memory both sides are built on; pass it to the worker in its start message. */
export function createWriteTurnMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/**
 * The main thread's side: `run` waits (asynchronously) for the turn, runs the write, gives it back.
 * Re-entrant on this thread: a write that runs inside the turn (a router call's, a scheduled job's)
 * and asks again (its transaction, an audit append) runs at once, in the turn it is already in.
 */
export interface MainWriteTurn {
  run<T>(write: () => T): Promise<T>;
  /**
   * For a write that cannot wait (a transaction begun synchronously): runs it now inside the turn this
   * thread holds, or in the turn taken on the spot when it is free. `null` when a worker holds it: then
   * nothing ran, and the caller decides (a job reached here outside `run`, a bug to log).
   */
  runNow<T>(write: () => T): { value: T } | null;
  /** Whether this thread is inside its turn now (a write in `run` or `runNow` is running). */
  readonly held: boolean;
}

export function mainWriteTurn(memory: SharedArrayBuffer): MainWriteTurn {
  const cells = new Int32Array(memory);
  // Main-thread writes queue among themselves here, so they take the turn one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();

  async function acquire(): Promise<void> {
    Atomics.add(cells, MAIN_WAITING, 1);
    try {
      for (;;) {
        if (Atomics.compareExchange(cells, OWNER, FREE, MAIN) === FREE) return;
        const holder = Atomics.load(cells, OWNER);
        if (holder === FREE) continue;
        const waited = Atomics.waitAsync(cells, OWNER, holder);
        if (waited.async) await waited.value;
      }
    } finally {
      Atomics.sub(cells, MAIN_WAITING, 1);
    }
  }

  function release(): void {
    Atomics.store(cells, OWNER, FREE);
    Atomics.notify(cells, OWNER);
  }

  // True while a write of this thread runs in the turn: a nested ask joins it instead of queueing
  // behind it (which would wait for itself) or taking it twice.
  let held = false;
  function holding<T>(write: () => T): T {
    held = true;
    try {
      return write();
    } finally {
      held = false;
      release();
    }
  }

  return {
    run<T>(write: () => T): Promise<T> {
      if (held) return new Promise<T>((resolve) => resolve(write()));
      const turn = queue.then(async () => {
        await acquire();
        return holding(write);
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    runNow<T>(write: () => T): { value: T } | null {
      if (held) return { value: write() };
      const owner = Atomics.compareExchange(cells, OWNER, FREE, MAIN);
      // MAIN: a `run` of this thread took the turn and resumes at its next microtask; no worker writes.
      if (owner === MAIN) return { value: write() };
      if (owner !== FREE) return null;
      return { value: holding(write) };
    },
    get held() {
      return held;
    },
  };
}

/** The worker's side: wrap each transaction in `run`; it yields to a waiting main thread first. */
export interface WorkerWriteTurn {
  run<T>(transaction: () => T): T;
}

export function workerWriteTurn(memory: SharedArrayBuffer): WorkerWriteTurn {
  const cells = new Int32Array(memory);
  function acquire(): void {
    for (;;) {
      // A main-thread write is waiting: let it go first, however often the worker could win the race.
      if (Atomics.load(cells, MAIN_WAITING) > 0) {
        const holder = Atomics.load(cells, OWNER);
        if (holder !== FREE) Atomics.wait(cells, OWNER, holder, 50);
        else Atomics.wait(cells, MAIN_WAITING, Atomics.load(cells, MAIN_WAITING), 1);
        continue;
      }
      if (Atomics.compareExchange(cells, OWNER, FREE, WORKER) === FREE) return;
      const holder = Atomics.load(cells, OWNER);
      if (holder !== FREE) Atomics.wait(cells, OWNER, holder, 50);
    }
  }
  return {
    run<T>(transaction: () => T): T {
      acquire();
      try {
        return transaction();
      } finally {
        Atomics.store(cells, OWNER, FREE);
        Atomics.notify(cells, OWNER);
      }
    },
  };
}

/**
 * After a worker's thread has ended (exit event): a worker killed inside its turn never gave it back,
 * so the main thread would wait for it forever. Frees the turn only if that worker still holds it.
 * SQLite rolled its open transaction back when the thread's connection closed.
 */
export function releaseTurnOfEndedWorker(memory: SharedArrayBuffer): void {
  const cells = new Int32Array(memory);
  if (Atomics.compareExchange(cells, OWNER, WORKER, FREE) === WORKER) Atomics.notify(cells, OWNER);
}
