// The main thread and a writing worker take turns at the vault's write lock through shared memory:
// never both at once, the main thread's writes never starve behind the worker's batches, and the
// main thread's event loop keeps running while it waits (it awaits; only the worker sleeps).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createWriteTurnMemory, mainWriteTurn } from '../../../src-main/store/write-turn';

const MAX_BATCHES = 5000;
const BATCH_MS = 10;

function startWorker(memory: SharedArrayBuffer, log: SharedArrayBuffer, control: SharedArrayBuffer): Worker {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./fixtures/write-turn-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true, workerData: { memory, log, control, batchMs: BATCH_MS },
  });
}

const now = () => performance.timeOrigin + performance.now();

describe('write turns between the main thread and a worker', () => {
  it('never overlap, and the main thread writes between the worker batches while its event loop runs', async () => {
    const memory = createWriteTurnMemory();
    const log = new SharedArrayBuffer(MAX_BATCHES * 2 * Float64Array.BYTES_PER_ELEMENT);
    const control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const flags = new Int32Array(control);
    const worker = startWorker(memory, log, control);
    const finished = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    const turn = mainWriteTurn(memory);
    const batches = new Float64Array(log);
    // Wait until the worker is writing, so the main thread's writes meet a busy turn.
    while (Atomics.load(flags, 1) === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(now()), 1);
    const mine: Array<[number, number]> = [];
    const waits: Array<[number, number]> = [];
    for (let i = 0; i < 30; i += 1) {
      const asked = now();
      const written = await turn.run(() => {
        const start = now();
        waits.push([asked, start]);
        while (now() - start < 2) { /* a verdict's write */ }
        mine.push([start, now()]);
        return i;
      });
      expect(written).toBe(i);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    clearInterval(ticker);
    Atomics.store(flags, 0, 1);
    await finished;
    await worker.terminate();

    const written = Atomics.load(flags, 1);
    expect(written, 'the worker stopped when told, not for lack of room').toBeLessThan(MAX_BATCHES);
    const theirs = Array.from({ length: written }, (_, i) => [batches[i * 2] ?? 0, batches[i * 2 + 1] ?? 0] as const);
    for (const [start, end] of mine) {
      for (const [batchStart, batchEnd] of theirs) expect(start >= batchEnd || end <= batchStart, 'a main write overlapped a worker batch').toBe(true);
    }
    // The worker kept writing between the main thread's writes: they took turns.
    const [firstMine, lastMine] = [mine[0]?.[0] ?? 0, mine.at(-1)?.[1] ?? 0];
    expect(theirs.filter(([start]) => start > firstMine && start < lastMine).length).toBeGreaterThan(0);
    // The event loop kept running while the main thread waited for its turn (timers fired inside the waits).
    expect(ticks.filter((tick) => waits.some(([asked, start]) => tick > asked && tick < start)).length).toBeGreaterThan(0);
  }, 30_000);

  it('runs main-thread writes in the order they were asked for, and a failing write gives the turn back', async () => {
    const turn = mainWriteTurn(createWriteTurnMemory());
    const order: number[] = [];
    const runs = [1, 2, 3].map((n) => turn.run(() => order.push(n)));
    await expect(turn.run(() => { throw new Error('constraint failed'); })).rejects.toThrow('constraint failed');
    await Promise.all(runs);
    expect(order).toEqual([1, 2, 3]);
    await expect(turn.run(() => 'after')).resolves.toBe('after');
  });
});
