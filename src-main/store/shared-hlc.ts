// The vault's HLC (hlc.ts) as one value in shared memory, so the main thread and a worker writing
// the same vault (an import: workers/import-worker.ts) draw from one clock: neither can issue an HLC
// the other has issued, or one below it. The value packs wall time and counter as
// wallMs·2^21 + counter in a BigInt64Array; each tick is a compare-and-swap to
// max(now·2^21, last + 1), retried when the other thread ticked in between. Same text as formatHlc.
import { formatHlc, type Hlc } from './hlc';

const COUNTER_BITS = 21n;
const COUNTER_MASK = (1n << COUNTER_BITS) - 1n;

/** The shared memory behind one vault's clock; pass it to a worker that writes the vault. */
export function createHlcMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
}

export interface SharedHlcClock {
  /** The next timestamp for a local event, after every one issued on any thread. */
  next(): string;
  /** Never issue a timestamp at or below one already seen. */
  observe(seen: Hlc): void;
}

export function sharedHlcClock(memory: SharedArrayBuffer, wallClock: () => number): SharedHlcClock {
  const cell = new BigInt64Array(memory);
  const pack = (wallMs: number, counter: number) => (BigInt(Math.max(0, Math.floor(wallMs))) << COUNTER_BITS) + BigInt(counter);
  /** Moves the clock to `next(last)` unless another thread moved it first (then again); returns the value set. */
  const raise = (next: (last: bigint) => bigint): bigint => {
    for (;;) {
      const last = Atomics.load(cell, 0);
      const wanted = next(last);
      if (wanted === last || Atomics.compareExchange(cell, 0, last, wanted) === last) return wanted;
    }
  };
  return {
    next() {
      const now = pack(wallClock(), 0);
      const value = raise((last) => (now > last ? now : last + 1n));
      return formatHlc({ wallMs: Number(value >> COUNTER_BITS), counter: Number(value & COUNTER_MASK) });
    },
    observe(seen) {
      const floor = pack(seen.wallMs, seen.counter);
      raise((last) => (floor > last ? floor : last));
    },
  };
}
