// Time and logging are injected so tests can drive them; nothing in the core reads Date.now directly.

export interface Clock {
  now(): number;
  /**
   * Where a worker thread reads this clock (clockInWorker): a hand-driven clock keeps its time in
   * shared memory, so a worker writing the vault stamps the same times as the main thread. Absent for
   * the system clock, which a worker reads for itself.
   */
  readonly memory?: SharedArrayBuffer;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  readonly memory = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT);
  private readonly cell = new Float64Array(this.memory);
  constructor(current: number = Date.UTC(2026, 0, 1)) {
    this.cell[0] = current;
  }
  now(): number {
    return this.cell[0] ?? 0;
  }
  advance(ms: number): void {
    this.cell[0] = this.now() + ms;
  }
  set(ms: number): void {
    this.cell[0] = ms;
  }
}

/** In a worker: the main thread's clock, from its `memory` (a hand-driven one) or the system's. */
export function clockInWorker(memory: SharedArrayBuffer | undefined): Clock {
  if (!memory) return systemClock;
  const cell = new Float64Array(memory);
  return { now: () => cell[0] ?? 0 };
}
