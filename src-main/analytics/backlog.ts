// The backlog over calendar days in the user's zone: how many items were open at each day's end,
// how many came in (created or reopened that day) and went out (resolved that day), so that each
// day's end = the day before's + inflow − outflow; and, for the items open now, how old they are.
// An item is open from its creation until its resolution; a reopened case is open again from its
// reopening (pass one stretch per time it was open).
import type { LocalDay } from '../platform/zoned-time';

export interface OpenStretch {
  /** When it opened (created, or reopened). */
  from: number;
  /** When it was resolved; null while open. */
  to: number | null;
}

export interface BacklogDay {
  date: string;
  /** Open at the day's last instant. */
  openAtEnd: number;
  inflow: number;
  outflow: number;
}

/** Per day: open at its end, inflow and outflow. Days in order, from platform/zoned-time.ts localDays. */
export function backlogByDay(stretches: readonly OpenStretch[], days: readonly LocalDay[]): BacklogDay[] {
  const starts = stretches.map((s) => s.from).sort((a, b) => a - b);
  const ends = stretches.flatMap((s) => (s.to === null ? [] : [s.to])).sort((a, b) => a - b);
  return days.map((day) => ({
    date: day.date,
    // Open at the end: started before the day ended and not resolved by then.
    openAtEnd: countBefore(starts, day.end) - countBefore(ends, day.end),
    inflow: countBefore(starts, day.end) - countBefore(starts, day.start),
    outflow: countBefore(ends, day.end) - countBefore(ends, day.start),
  }));
}

/** How many sorted values are < limit. */
function countBefore(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const AGE_BUCKETS = [
  { label: '< 1 day', maxMs: 86_400_000 },
  { label: '1–3 days', maxMs: 3 * 86_400_000 },
  { label: '3–7 days', maxMs: 7 * 86_400_000 },
  { label: '7–30 days', maxMs: 30 * 86_400_000 },
  { label: '30 days +', maxMs: Number.POSITIVE_INFINITY },
] as const;

/** Items open now by age since they (last) opened, in AGE_BUCKETS order. */
export function ageBuckets(openSince: readonly number[], now: number): Array<{ label: string; count: number }> {
  const counts = AGE_BUCKETS.map((bucket) => ({ label: bucket.label, count: 0 }));
  for (const since of openSince) {
    const age = now - since;
    const index = AGE_BUCKETS.findIndex((bucket) => age < bucket.maxMs);
    const slot = counts[index];
    if (slot) slot.count += 1;
  }
  return counts;
}
