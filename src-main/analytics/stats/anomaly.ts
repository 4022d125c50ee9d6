// Upper bounds for counts (alerts a day, or an hour) over a seasonal baseline, and the days above them.
//
// Seasonal quasi-Poisson bound, after the reference-value approach of Farrington, Andrews, Beale &
// Catchpole (1996), "A statistical algorithm for the early detection of outbreaks of infectious
// disease": the expected count is the mean of the same slot (weekday, or hour of the week) over the
// previous k weeks; the dispersion φ is the variance/mean ratio of those k counts, floored at 1 so the
// bound is never tighter than Poisson; bound = expected + z·√(φ·expected), z the one-sided normal
// quantile (99 % by default). Farrington et al. add a trend and a 2/3-power transform; this is the
// plain normal approximation, which is the part the app needs to explain a flag.
//
// EARS C2 (Hutwagner, Thompson, Seeman & Treadwell 2003, "The bioterrorism preparedness and response
// Early Aberration Reporting System (EARS)"; as described by Fricker, Hegler & Dunfee 2008): the mean
// and standard deviation of the 7 values ending 3 steps back (a 2-step guard band), flag above
// mean + 3·sd. EARS leaves a zero sd undefined; here it is floored at `minimumSd` (1 count by default)
// so a flat baseline does not turn one extra event into an alarm.
import { Z_ONE_SIDED_99 } from './normal-quantiles';

export interface BaselineWindow {
  /** Indices of the counts the baseline was computed from, oldest first. */
  indices: number[];
  /** Distance between those indices: 7 for days of the week, 168 for hours of the week; 1 for EARS. */
  spacing: number;
}

export interface CountBound {
  index: number;
  count: number;
  expected: number;
  /** Variance/mean ratio of the baseline, floored at 1 (always 1 when the baseline mean is 0). */
  dispersion: number;
  bound: number;
  anomalous: boolean;
  baseline: BaselineWindow;
}

export interface SeasonalBoundOptions {
  /** Slots in a week: 7 for daily counts, 168 for hourly counts. */
  period?: number;
  /** Weeks of baseline (k). */
  weeks?: number;
  /** One-sided normal quantile. */
  z?: number;
}

/**
 * The bound for every count that has k full weeks before it; earlier counts are left out (the
 * first result is for index k·period).
 */
export function seasonalCountBounds(counts: readonly number[], options: SeasonalBoundOptions = {}): CountBound[] {
  const period = options.period ?? 7;
  const weeks = options.weeks ?? 4;
  const z = options.z ?? Z_ONE_SIDED_99;
  const results: CountBound[] = [];
  for (let index = weeks * period; index < counts.length; index += 1) {
    const indices: number[] = [];
    for (let back = weeks; back >= 1; back -= 1) indices.push(index - back * period);
    const { mean, variance } = meanAndVariance(indices.map((i) => counts[i] as number));
    const dispersion = mean > 0 ? Math.max(1, variance / mean) : 1;
    const bound = mean + z * Math.sqrt(dispersion * mean);
    const count = counts[index] as number;
    results.push({ index, count, expected: mean, dispersion, bound, anomalous: count > bound, baseline: { indices, spacing: period } });
  }
  return results;
}

export interface EarsC2Options {
  /** Baseline length (7) and the guard band between it and the day scored (2). */
  baselineLength?: number;
  guardBand?: number;
  /** Standard deviations above the mean (3). */
  threshold?: number;
  minimumSd?: number;
}

/** EARS C2 for every count with a full baseline before it; `dispersion` is not used and is 1. */
export function earsC2Bounds(counts: readonly number[], options: EarsC2Options = {}): (CountBound & { sd: number })[] {
  const length = options.baselineLength ?? 7;
  const guard = options.guardBand ?? 2;
  const threshold = options.threshold ?? 3;
  const minimumSd = options.minimumSd ?? 1;
  const results: (CountBound & { sd: number })[] = [];
  for (let index = length + guard; index < counts.length; index += 1) {
    const indices: number[] = [];
    for (let i = index - guard - length; i < index - guard; i += 1) indices.push(i);
    const { mean, variance } = meanAndVariance(indices.map((i) => counts[i] as number));
    const sd = Math.max(Math.sqrt(variance), minimumSd);
    const bound = mean + threshold * sd;
    const count = counts[index] as number;
    results.push({ index, count, expected: mean, dispersion: 1, sd, bound, anomalous: count > bound, baseline: { indices, spacing: 1 } });
  }
  return results;
}

/** Mean and sample variance (n − 1 denominator; 0 for a single value). */
function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, variance: 0 };
  const squares = values.reduce((sum, v) => sum + (v - mean) * (v - mean), 0);
  return { mean, variance: squares / (values.length - 1) };
}
