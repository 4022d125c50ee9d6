// What a user of the app feels while work runs on the main thread: how late the event loop turns
// (a 10 ms interval's drift: any longer turn delays every IPC answer and window by as much), the
// process's peak RSS, and an interactive write made every ~100 ms, timed from when it was due to
// when its answer came back, so time spent waiting for the loop counts as the user would feel it.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const LAG_TICK_MS = 10;
const RSS_TICK_MS = 100;
const WRITE_EVERY_MS = 100;

export interface MainThreadLoad<T> {
  value: T;
  ms: number;
  /** The longest the event loop was late, in ms, and when that turn ended (ms after the work began): a stall at the end is not one spread through. */
  lagMaxMs: number;
  lagMaxAtMs: number;
  peakRssBytes: number;
  /** Each interactive write's time from due to answered, in ms; writes that found nothing to do are not counted. */
  writeMs: number[];
}

/**
 * Runs `work` while sampling the main thread. `interactiveWrite` returns false when there was
 * nothing to write yet (e.g. no alert imported); it throws to fail the bench.
 */
export async function underMainThreadLoad<T>(work: () => Promise<T>, interactiveWrite: () => Promise<boolean>): Promise<MainThreadLoad<T>> {
  const start = performance.now();
  let lagMaxMs = 0;
  let lagMaxAtMs = 0;
  let lastTick = start;
  const lag = setInterval(() => {
    const now = performance.now();
    if (now - lastTick - LAG_TICK_MS > lagMaxMs) {
      lagMaxMs = now - lastTick - LAG_TICK_MS;
      lagMaxAtMs = now - start;
    }
    lastTick = now;
  }, LAG_TICK_MS);
  let peakRssBytes = process.memoryUsage().rss;
  const rss = setInterval(() => { peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss); }, RSS_TICK_MS);

  const writeMs: number[] = [];
  let stopped = false;
  let failure: unknown = null;
  let pending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const scheduleWrite = () => {
    const due = performance.now() + WRITE_EVERY_MS;
    timer = setTimeout(() => {
      pending = interactiveWrite()
        .then((wrote) => { if (wrote) writeMs.push(performance.now() - due); })
        .catch((error: unknown) => { failure ??= error; })
        .finally(() => { if (!stopped && failure === null) scheduleWrite(); });
    }, WRITE_EVERY_MS);
  };
  scheduleWrite();

  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    await pending;
    clearInterval(lag);
    clearInterval(rss);
  };
  let value: T;
  try {
    value = await work();
  } catch (error) {
    await stop();
    throw error;
  }
  const ms = performance.now() - start;
  await stop();
  if (failure !== null) throw failure;
  return { value, ms, lagMaxMs, lagMaxAtMs, peakRssBytes, writeMs };
}

/** The same sampling with nothing else running: what the loop and the write cost on their own. */
export function idleMainThread(ms: number, interactiveWrite: () => Promise<boolean>): Promise<MainThreadLoad<void>> {
  return underMainThreadLoad(() => sleep(ms), interactiveWrite);
}
