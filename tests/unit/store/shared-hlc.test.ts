// Two threads writing one vault (the main thread and an import worker) tick one clock in shared
// memory: each thread's HLCs strictly increase, and no HLC is issued twice across them.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../../src-main/store/hlc';
import { createHlcMemory, sharedHlcClock } from '../../../src-main/store/shared-hlc';

const TICKS = 50_000;

function startTicker(memory: SharedArrayBuffer, start: SharedArrayBuffer): { ready: Promise<void>; drawn: Promise<string[]> } {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./fixtures/hlc-ticker-worker.ts', import.meta.url).href;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true, workerData: { memory, ticks: TICKS, start },
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const drawn = ready.then(() => new Promise<string[]>((resolve, reject) => {
    worker.once('message', (hlcs: string[]) => resolve(hlcs));
    worker.once('error', reject);
  }));
  return { ready, drawn };
}

const strictlyIncreasing = (hlcs: string[]) => hlcs.every((hlc, i) => i === 0 || hlc > (hlcs[i - 1] ?? ''));

describe('the shared HLC clock', () => {
  it('never issues the same or a lower HLC on two threads ticking at once', async () => {
    const memory = createHlcMemory();
    const start = new SharedArrayBuffer(4);
    const clock = sharedHlcClock(memory, () => Date.now());
    const theirs = startTicker(memory, start);
    await theirs.ready;
    Atomics.store(new Int32Array(start), 0, 1);
    Atomics.notify(new Int32Array(start), 0);
    const mine: string[] = [];
    for (let i = 0; i < TICKS; i += 1) mine.push(clock.next());
    const other = await theirs.drawn;

    expect(strictlyIncreasing(mine)).toBe(true);
    expect(strictlyIncreasing(other)).toBe(true);
    expect(new Set([...mine, ...other]).size).toBe(2 * TICKS);
    // Not a vacuous pass: the two threads drew within the same milliseconds.
    const myMs = new Set(mine.map((hlc) => parseHlc(hlc).wallMs));
    expect(other.some((hlc) => myMs.has(parseHlc(hlc).wallMs))).toBe(true);
  });

  it('keeps the text of formatHlc and orders after an HLC it has seen, even when the wall clock is behind', () => {
    const clock = sharedHlcClock(createHlcMemory(), () => 1_000);
    expect(clock.next()).toBe(formatHlc({ wallMs: 1_000, counter: 0 }));
    expect(clock.next()).toBe(formatHlc({ wallMs: 1_000, counter: 1 }));
    clock.observe({ wallMs: 5_000, counter: 7 });
    expect(clock.next()).toBe(formatHlc({ wallMs: 5_000, counter: 8 }));
  });

  it('writes 22 characters, wall time then counter, and still reads the device-suffixed text of vaults before v24', () => {
    const text = sharedHlcClock(createHlcMemory(), () => 1_733_400_000_000).next();
    expect(text).toBe('001733400000000-000000');
    expect(text).toHaveLength(22);
    expect(parseHlc('001733400000000-00002a-0b5e9a8e-1c1d-4f7e-9d2e-5c8f3b7a6d10')).toEqual({ wallMs: 1_733_400_000_000, counter: 42 });
    expect(() => parseHlc('1733400000000-2a')).toThrow('Not an HLC');
  });
});
