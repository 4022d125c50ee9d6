// The backlog over calendar days in the user's zone: how many items were open at each day's end,
// how many came in (created or reopened that day) and went out (resolved that day), so that each
// day's end = the day before's + inflow − outflow; and, for the items open now, how old they are.
// An item is open from its creation until its resolution; a reopened case is open again from its
// reopening (one stretch per time it was open).
import type { LocalDay } from '../platform/zoned-time';

/** Counts at instants: the start of a quarter hour and what happened in it. */
export interface InstantCount {
  at: number;
  count: number;
}

/**
 * The open stretches' starts (opened or reopened) and ends (resolved): how many happened before the
 * first day, and when the rest happened (at quarter hours; every day boundary is one).
 */
export interface StretchFlow {
  startedBefore: number;
  endedBefore: number;
  starts: readonly InstantCount[];
  ends: readonly InstantCount[];
}

export interface BacklogDay {
  date: string;
  /** Open at the day's last instant. */
  openAtEnd: number;
  inflow: number;
  outflow: number;
}

/** Per day: open at its end, inflow and outflow. Days in order and contiguous, from platform/zoned-time.ts localDays. */
export function backlogByDay(flow: StretchFlow, days: readonly LocalDay[]): BacklogDay[] {
  const inflow = perDay(flow.starts, days);
  const outflow = perDay(flow.ends, days);
  let started = flow.startedBefore;
  let ended = flow.endedBefore;
  return days.map((day, i) => {
    started += inflow[i] ?? 0;
    ended += outflow[i] ?? 0;
    // Open at the end: started before the day ended and not resolved by then.
    return { date: day.date, openAtEnd: started - ended, inflow: inflow[i] ?? 0, outflow: outflow[i] ?? 0 };
  });
}

/** Counts at instants summed into the days they fall in (days sorted and contiguous); instants outside them are dropped. */
export function perDay(counts: readonly InstantCount[], days: readonly LocalDay[]): number[] {
  const sums = days.map(() => 0);
  for (const { at, count } of counts) {
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((days[mid]?.start ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    const day = days[lo];
    if (day && at >= day.start && at < day.end) sums[lo] = (sums[lo] ?? 0) + count;
  }
  return sums;
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
