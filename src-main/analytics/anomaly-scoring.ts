// Which days (and hours) of a range were busier than their seasonal baseline allowed: the range's
// counts scored with the seasonal quasi-Poisson bound (stats/anomaly.ts), each flag carrying what a
// reader needs to judge it (count, expected, bound, the baseline's dates) and any "expected" mark.
// Days before the data began are not zero days: they are left out of every baseline, as in the
// forecast. docs/METRICS.md, "Anomalies".
import type {
  AnomalyMark, AnomalyMethod, AnomalySeries, DayAnomaly, HourAnomaly, SeriesAnomalies,
} from '../../src-shared/analytics-model';
import type { LocalDay } from '../platform/zoned-time';
import { seasonalCountBounds } from './stats/anomaly';
import { Z_ONE_SIDED_99 } from './stats/normal-quantiles';
import { markKey } from './anomaly-marks';

export const ANOMALY_METHOD: AnomalyMethod = { kind: 'seasonal-quasi-poisson', weeks: 4, z: Z_ONE_SIDED_99 };
/** Days of history a day needs before it: k full weeks. */
export const BASELINE_DAYS = ANOMALY_METHOD.weeks * 7;
export const HOURS_OF_WEEK = 168;
/**
 * The fewest events a flagged day or hour holds. Over a baseline of zeros the bound is 0, so a
 * single event would be "unusual": in sparse series (investigations a day, alerts an hour at night)
 * that flagged a dozen hours a week of demo data. Below this, a count is not judged unusual.
 */
export const MIN_FLAGGED_COUNT = 5;
export const BASELINE_HOURS = ANOMALY_METHOD.weeks * HOURS_OF_WEEK;

export interface DaySeries {
  series: AnomalySeries;
  /** Contiguous local days: up to BASELINE_DAYS before the range, then the range's days. */
  days: readonly LocalDay[];
  counts: readonly number[];
  /** Index in `days` of the range's first day. */
  rangeStart: number;
  /** Index of the day the data began in (0 when it began before `days[0]`); null when there is none. */
  dataStart: number | null;
}

/** The range's days scored; `marks` keyed by markKey(series, date). */
export function scoreDays(input: DaySeries, now: number, marks: ReadonlyMap<string, AnomalyMark>): SeriesAnomalies {
  const rangeDays = input.days.length - input.rangeStart;
  const start = input.dataStart ?? input.days.length;
  const bounds = seasonalCountBounds(input.counts.slice(start), { period: 7, weeks: ANOMALY_METHOD.weeks, z: ANOMALY_METHOD.z })
    .map((b) => ({ ...b, index: b.index + start, baseline: { ...b.baseline, indices: b.baseline.indices.map((i) => i + start) } }))
    .filter((b) => b.index >= input.rangeStart);
  if (bounds.length === 0) {
    return { kind: 'insufficient-history', historyDays: Math.max(0, input.days.length - start), requiredDays: BASELINE_DAYS + 1 };
  }
  const flagged: DayAnomaly[] = [];
  for (const b of bounds) {
    const day = input.days[b.index];
    if (!b.anomalous || b.count < MIN_FLAGGED_COUNT || !day) continue;
    flagged.push({
      series: input.series, date: day.date, count: b.count, expected: b.expected, dispersion: b.dispersion, upperBound: b.bound,
      baseline: b.baseline.indices.map((i) => input.days[i]?.date ?? ''), partial: day.end > now,
      mark: marks.get(markKey(input.series, day.date)) ?? null,
    });
  }
  return { kind: 'scored', scoredDays: bounds.length, unscoredDays: rangeDays - bounds.length, flagged };
}

export interface HourSeries {
  /** Start of the first hour (whole UTC hour); hours are consecutive. */
  from: number;
  counts: readonly number[];
  /** Index of the first hour scored (the last 7 days' first hour). */
  scoreFrom: number;
  /** Index of the hour the data began in (0 when before `from`); null when there is none. */
  dataStart: number | null;
}

const HOUR = 3_600_000;

/**
 * Hours from `scoreFrom` on, each against the same hour of the week over the k weeks before. Hours
 * are consecutive UTC hours, so across a daylight-saving change the baseline's hours are an hour
 * apart in local time from the one scored; docs/METRICS.md states it.
 */
export function scoreHours(input: HourSeries, labelOf: (start: number) => string):
  { kind: 'insufficient-history'; historyDays: number; requiredDays: number } | { kind: 'scored'; from: number; to: number; scoredHours: number; flagged: HourAnomaly[] } {
  const start = input.dataStart ?? input.counts.length;
  const bounds = seasonalCountBounds(input.counts.slice(start), { period: HOURS_OF_WEEK, weeks: ANOMALY_METHOD.weeks, z: ANOMALY_METHOD.z })
    .map((b) => ({ ...b, index: b.index + start }))
    .filter((b) => b.index >= input.scoreFrom);
  if (bounds.length === 0) {
    return { kind: 'insufficient-history', historyDays: Math.floor(Math.max(0, input.counts.length - start) / 24), requiredDays: BASELINE_DAYS + 1 };
  }
  const flagged = bounds.filter((b) => b.anomalous && b.count >= MIN_FLAGGED_COUNT).map((b): HourAnomaly => {
    const at = input.from + b.index * HOUR;
    return { start: at, label: labelOf(at), count: b.count, expected: b.expected, dispersion: b.dispersion, upperBound: b.bound, baselineWeeks: b.baseline.indices.length };
  });
  return { kind: 'scored', from: input.from + input.scoreFrom * HOUR, to: input.from + input.counts.length * HOUR, scoredHours: bounds.length, flagged };
}
