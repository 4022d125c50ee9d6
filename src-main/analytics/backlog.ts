// The backlog over calendar days in the user's zone: how many items were open at each day's end,
// how many came in (created or reopened that day) and went out (resolved that day), so that each
// day's end = the day before's + inflow − outflow; and, for the items open now, how old they are.
// An item is open from its creation until its resolution; a reopened case is open again from its
// reopening (one stretch per time it was open).
import type { LocalDay } from '../platform/zoned-time';

/**
 * The open stretches' starts (opened or reopened) and ends (resolved): how many happened before the
 * first day, and how many in each day.
 */
export interface StretchFlow {
  startedBefore: number;
  endedBefore: number;
  starts: readonly number[];
  ends: readonly number[];
}

export interface BacklogDay {
  date: string;
  /** Open at the day's last instant. */
  openAtEnd: number;
  inflow: number;
  outflow: number;
}

/** Per day: open at its end (started before it ended and not resolved by then), inflow and outflow. */
export function backlogByDay(flow: StretchFlow, days: ReadonlyArray<Pick<LocalDay, 'date'>>): BacklogDay[] {
  let started = flow.startedBefore;
  let ended = flow.endedBefore;
  return days.map((day, i) => {
    const inflow = flow.starts[i] ?? 0;
    const outflow = flow.ends[i] ?? 0;
    started += inflow;
    ended += outflow;
    return { date: day.date, openAtEnd: started - ended, inflow, outflow };
  });
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
