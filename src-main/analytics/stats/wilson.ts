// Wilson score interval for a proportion k of n (Wilson 1927, "Probable inference, the law of
// succession, and statistical inference"; recommended by Brown, Cai & DasGupta 2001, "Interval
// estimation for a binomial proportion"). Unlike the normal (Wald) interval it stays within [0, 1]
// and does not collapse to zero width at 0/n or n/n.
import { Z_95 } from './normal-quantiles';

export interface ProportionInterval {
  k: number;
  n: number;
  /** k / n. */
  estimate: number;
  lower: number;
  upper: number;
  /** Two-sided confidence level of [lower, upper], e.g. 0.95. */
  level: number;
}

/**
 * With p̂ = k/n and z the two-sided quantile:
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
 * null when n = 0: there is no proportion to estimate.
 */
export function wilsonInterval(k: number, n: number, z = Z_95, level = 0.95): ProportionInterval | null {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`need integers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); the arithmetic leaves ~1e-16 of rounding.
  const lower = k === 0 ? 0 : centre - half;
  const upper = k === n ? 1 : centre + half;
  return { k, n, estimate: p, lower, upper, level };
}
