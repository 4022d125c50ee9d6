// The fixed spans a duration histogram counts into (time to triage / acknowledge / resolve): readable
// edges a lead can say aloud, the same on the screen, in the downloads, in the printed report and in
// the SQL that counts alerts (analytics-queries.ts builds its CASE from these edges).
// Each bucket holds [its lower edge, its upper edge): exactly 15 min is "15 min – 1 h", exactly 30 d
// is "≥ 30 d". A negative duration (a verdict stamped before the alert's creation by a skewed clock
// or an import) counts in the first bucket rather than vanishing.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DurationBucket {
  label: string;
  /** Exclusive upper edge in ms; null for the last, open-ended bucket. */
  belowMs: number | null;
}

export const DURATION_BUCKETS: readonly DurationBucket[] = [
  { label: '< 15 min', belowMs: 15 * MINUTE },
  { label: '15 min – 1 h', belowMs: HOUR },
  { label: '1 – 4 h', belowMs: 4 * HOUR },
  { label: '4 – 24 h', belowMs: DAY },
  { label: '1 – 3 d', belowMs: 3 * DAY },
  { label: '3 – 7 d', belowMs: 7 * DAY },
  { label: '7 – 30 d', belowMs: 30 * DAY },
  { label: '≥ 30 d', belowMs: null },
];

/** The index in DURATION_BUCKETS of the bucket that holds `ms`. */
export function durationBucketIndex(ms: number): number {
  const index = DURATION_BUCKETS.findIndex((bucket) => bucket.belowMs !== null && ms < bucket.belowMs);
  return index < 0 ? DURATION_BUCKETS.length - 1 : index;
}

/** Counts per bucket of the measured durations (null: not measured, counted as missing). */
export function bucketDurations(values: ReadonlyArray<number | null>): { counts: number[]; missing: number } {
  const counts = DURATION_BUCKETS.map(() => 0);
  let missing = 0;
  for (const ms of values) {
    if (ms === null) missing += 1;
    else {
      const index = durationBucketIndex(ms);
      counts[index] = (counts[index] ?? 0) + 1;
    }
  }
  return { counts, missing };
}
