// Initial level, trend and seasonal states for additive Holt-Winters by the heuristic of
// Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential Smoothing", §2.6, exactly
// as statsmodels' ExponentialSmoothing computes it for initialization_method='heuristic':
//  1. take the first k full seasons, k = max(min(5, ⌊n/m⌋), ⌈(10 + 2⌊m/2⌋)/m⌉);
//  2. a centred moving average of width m over them is the trend-cycle;
//  3. the seasonal state of position j is the mean of (y − moving average) at that position over
//     the seasons, shifted to sum to zero;
//  4. a least-squares line through the first 10 moving-average values, at x = 1…10, gives the
//     level (its intercept, x = 0) and the trend (its slope).
// Only odd periods (a week of days: 7): an even period needs a 2×m average, which nothing uses yet.

export interface HoltWintersStates {
  level: number;
  trend: number;
  /** seasonal[j] is the seasonal state applied to the j-th observation of the first season. */
  seasonal: number[];
}

export function minimumHeuristicLength(period: number): number {
  return Math.max(2 * period, 10 + 2 * Math.floor(period / 2));
}

export function heuristicInitialStates(series: readonly number[], period: number): HoltWintersStates {
  if (period < 2 || period % 2 === 0) throw new RangeError(`the heuristic here supports odd periods only, got ${period}`);
  const minimum = minimumHeuristicLength(period);
  if (series.length < minimum) throw new RangeError(`the heuristic needs ${minimum} observations, got ${series.length}`);

  const cycles = Math.max(Math.min(5, Math.floor(series.length / period)), Math.ceil((10 + 2 * Math.floor(period / 2)) / period));
  const used = Math.min(series.length, cycles * period);
  const half = Math.floor(period / 2);

  // Centred moving average; defined from index `half` to `used − 1 − half`.
  const movingAverage: number[] = [];
  for (let i = half; i < used - half; i += 1) {
    let sum = 0;
    for (let j = i - half; j <= i + half; j += 1) sum += series[j] as number;
    movingAverage.push(sum / period);
  }

  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  movingAverage.forEach((average, offset) => {
    const index = offset + half;
    const position = index % period;
    sums[position] = (sums[position] as number) + (series[index] as number) - average;
    counts[position] = (counts[position] as number) + 1;
  });
  const seasonal = sums.map((sum, position) => sum / (counts[position] as number));
  const seasonalMean = seasonal.reduce((a, b) => a + b, 0) / period;
  for (let j = 0; j < period; j += 1) seasonal[j] = (seasonal[j] as number) - seasonalMean;

  // Ordinary least squares of the first 10 averages on x = 1…10 (x̄ = 5.5, Σ(x − x̄)² = 82.5).
  let meanY = 0;
  for (let i = 0; i < 10; i += 1) meanY += (movingAverage[i] as number) / 10;
  let covariance = 0;
  for (let i = 0; i < 10; i += 1) covariance += (i + 1 - 5.5) * ((movingAverage[i] as number) - meanY);
  const trend = covariance / 82.5;
  return { level: meanY - trend * 5.5, trend, seasonal };
}
