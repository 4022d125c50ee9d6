// Instants placed in sorted, contiguous local days (or any sorted, contiguous [start, end) buckets)
// by binary search: decisions into analyst-days, counts into the days an anomaly is scored on.
import type { QuarterCount } from './analytics-queries';

interface Bucket {
  start: number;
  end: number;
}

/** The index of the bucket holding `at`, or -1 when none does. */
export function bucketIndex(buckets: readonly Bucket[], at: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((buckets[mid]?.start ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  const bucket = buckets[lo];
  return bucket && at >= bucket.start && at < bucket.end ? lo : -1;
}

/** Counts at instants summed into the buckets they fall in; counts outside every bucket are dropped. */
export function sumIntoBuckets(counts: readonly QuarterCount[], buckets: readonly Bucket[]): number[] {
  const sums = buckets.map(() => 0);
  for (const { at, count } of counts) {
    const index = bucketIndex(buckets, at);
    if (index >= 0) sums[index] = (sums[index] ?? 0) + count;
  }
  return sums;
}
