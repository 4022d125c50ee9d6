// How late the main thread's event loop runs timers, p99 since the last run (perf_hooks'
// histogram, sampled every 20 ms): a busy main thread is a window that stutters or freezes.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { HealthCheck } from '../health-check';
import { rounded } from '../health-check';

export interface EventLoopLagCheck extends HealthCheck {
  /** Stops sampling (the monitor stops). */
  close(): void;
}

export function eventLoopLagCheck(histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 })): EventLoopLagCheck {
  histogram.enable();
  return {
    id: 'event-loop-lag',
    everyMs: 60_000,
    measure() {
      // Too few samples (the process just started) say nothing about lag.
      if (histogram.count < 10) return { value: null, evidence: 'Not enough samples yet.' };
      const ms = (ns: number) => ns / 1e6;
      const p99 = ms(histogram.percentile(99));
      const evidence = `p99 ${p99.toFixed(1)} ms, max ${ms(histogram.max).toFixed(1)} ms, mean ${ms(histogram.mean).toFixed(1)} ms over ${histogram.count} samples since the last run.`;
      histogram.reset();
      return { value: rounded(p99, 1), evidence };
    },
    close() {
      histogram.disable();
    },
  };
}
