// How long the main thread ran without letting its event loop turn, measured from the thread's own CPU
// time (Linux's /proc/thread-self/schedstat, in ns). Event-loop lag alone cannot say this on a two-core
// machine: it also counts the time the OS runs other threads instead (argon2's four lanes, workers, the
// VM's neighbours). Measured here with an idle main thread and only argon2 hashing beside it: 8–38 ms of
// lag, none of it Vigil's code. CPU time between two ticks of a 5 ms timer is at least the longest hold
// inside that interval, so the figure errs towards failing.
//
// It also errs by the time the thread was not running at all. These machines are Firecracker VMs whose
// kernel reports no steal time (/proc/stat's steal column stays 0), so when the host takes a vCPU away,
// or the guest serves an interrupt, the thread on that vCPU is charged for the gap: a thread spinning on
// an otherwise idle guest saw 3–4 ms gaps in its clock during which its CPU time advanced by the whole
// gap, and one CI run measured a 107 ms "hold" (135 ms of lag) where this machine measures 25–38 ms,
// even beside two busy processes. A hold the code makes recurs each time the same work runs; such gaps
// do not. `leastLongestHold` therefore runs the work several times and keeps the least-held round.
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

export interface Rounds {
  count: number;
  /** Runs before each round's watch starts (collecting the garbage earlier rounds left, say). */
  before?: () => void;
  /** The work measured; `round` counts from 0, so each round can name what it creates apart. */
  run: (round: number) => Promise<void>;
}

/** The longest hold of each round of the same work, and the least of them: see the header. */
export async function leastLongestHold({ count, before, run }: Rounds): Promise<{ leastMs: number; rounds: MainThreadHolds[] }> {
  const measured: MainThreadHolds[] = [];
  for (let round = 0; round < count; round += 1) {
    before?.();
    const watch = watchMainThreadHolds();
    try {
      await run(round);
    } finally {
      measured.push(watch.stop());
    }
  }
  return { leastMs: Math.min(...measured.map((holds) => holds.longestHoldMs)), rounds: measured };
}
