// Instants placed in sorted, contiguous local days (or any sorted, contiguous [start, end) buckets)
// by binary search: decisions into analyst-days, a first event among the days an anomaly is scored on.

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
