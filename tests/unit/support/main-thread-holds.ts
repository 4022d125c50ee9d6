// How long the main thread ran without letting its event loop turn, measured from the thread's own CPU
// time (Linux's /proc/thread-self/schedstat, in ns). Event-loop lag alone cannot say this on a two-core
// machine: it also counts the time the OS runs other threads instead (argon2's four lanes, workers, the
// VM's neighbours). Measured here with an idle main thread and only argon2 hashing beside it: 8–38 ms of
// lag, none of it Vigil's code. CPU time between two ticks of a 5 ms timer is at least the longest hold
// inside that interval, so the figure errs towards failing.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const SCHEDSTAT = '/proc/thread-self/schedstat';
const TICK_MS = 5;

export const canMeasureMainThreadHolds = (() => {
  try {
    readFileSync(SCHEDSTAT, 'utf8');
    return true;
  } catch {
    return false;
  }
})();

function mainThreadCpuNs(): number {
  return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);
}

export interface MainThreadHolds {
  /** The most CPU time the main thread spent between two turns of its event loop, in ms. */
  longestHoldMs: number;
  /** The worst timer delay, in ms: the hold plus the time the OS ran other threads instead. */
  maxLagMs: number;
  /** Timer turns seen: proof the loop kept turning, not just a quiet histogram. */
  ticks: number;
}

export function watchMainThreadHolds(): { stop: () => MainThreadHolds } {
  const lag = monitorEventLoopDelay({ resolution: TICK_MS });
  let longestNs = 0;
  let ticks = 0;
  let last = mainThreadCpuNs();
  const ticker = setInterval(() => {
    const now = mainThreadCpuNs();
    longestNs = Math.max(longestNs, now - last);
    last = now;
    ticks += 1;
  }, TICK_MS);
  lag.enable();
  return {
    stop: () => {
      clearInterval(ticker);
      lag.disable();
      longestNs = Math.max(longestNs, mainThreadCpuNs() - last);
      return { longestHoldMs: longestNs / 1e6, maxLagMs: lag.max / 1e6, ticks };
    },
  };
}
