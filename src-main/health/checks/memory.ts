// The main process's memory: resident set (what the machine gives it) and the JS heap. A resident
// set that keeps growing is a leak the person notices as a slow machine long before a crash.
import type { HealthCheck } from '../health-check';
import { MIB, mib, rounded } from '../health-check';

export function memoryCheck(usage: () => NodeJS.MemoryUsage = () => process.memoryUsage()): HealthCheck {
  return {
    id: 'memory',
    everyMs: 60_000,
    measure() {
      const { rss, heapUsed, heapTotal, external } = usage();
      return { value: rounded(rss / MIB, 1), evidence: `Resident ${mib(rss)}; JS heap ${mib(heapUsed)} used of ${mib(heapTotal)}; external ${mib(external)}.` };
    },
  };
}
