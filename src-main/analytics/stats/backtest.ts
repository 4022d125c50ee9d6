// Rolling-origin evaluation of the Holt-Winters forecast against the seasonal naive baseline, and
// the choice between them. Origins every period (7 days) over the last N weeks, each forecasting
// `horizon` days from everything before it (an expanding window: Hyndman & Athanasopoulos,
// "Forecasting: Principles and Practice" §5.10, time series cross-validation). Accuracy is the mean
// absolute scaled error of Hyndman & Koehler (2006), "Another look at measures of forecast
// accuracy": each error divided by the in-sample mean absolute error of the one-season-back naive
// forecast of that origin's training data, m = 7. Interval quality is the measured coverage: the
// share of actual values inside each 80 % and 95 % interval.
import type { ForecastStep } from './forecast-interval';
import type { HoltWintersParams } from './holt-winters';
import { forecastHoltWinters } from './holt-winters';
import { fitHoltWinters, warmStart } from './holt-winters-fit';
import { minimumHeuristicLength } from './holt-winters-initial-states';
import { fitSeasonalNaive, forecastSeasonalNaive } from './seasonal-naive';

export interface BacktestOptions {
  period?: number;
  horizon?: number;
  /** Origins are placed every period over this many most recent periods (when history allows). */
  weeks?: number;
  /** Holt-Winters with a damped trend (default) or a linear one. */
  damped?: boolean;
  /** The shortest training window an origin may have (never below what the initial states need). */
  minimumTraining?: number;
}

export interface ModelScore {
  /** Mean absolute scaled error over every origin and step; null when no origin could be scaled. */
  mase: number | null;
  /** Share of actual values inside the 80 % / 95 % intervals; null with no points. */
  coverage80: number | null;
  coverage95: number | null;
  /** Forecast points compared (origins × horizon). */
  points: number;
}

export interface BacktestResult {
  period: number;
  horizon: number;
  /** Index of the first forecast day of each origin, oldest first. */
  origins: number[];
  holtWinters: ModelScore;
  seasonalNaive: ModelScore;
  /** Holt-Winters' parameters at the last origin: a warm start for a fit on the whole series. */
  lastParams: HoltWintersParams | null;
}

export const BACKTEST_DEFAULTS = { period: 7, horizon: 14, weeks: 8, damped: true, minimumTraining: 21 } as const;

export function backtest(series: readonly number[], options: BacktestOptions = {}): BacktestResult {
  const { period, horizon, weeks, damped, minimumTraining } = { ...BACKTEST_DEFAULTS, ...options };
  const origins: number[] = [];
  for (let week = weeks - 1; week >= 0; week -= 1) {
    const origin = series.length - horizon - week * period;
    if (origin >= Math.max(minimumTraining, minimumHeuristicLength(period))) origins.push(origin);
  }

  const model = new ScoreAccumulator();
  const baseline = new ScoreAccumulator();
  let previous: HoltWintersParams | null = null;
  for (const origin of origins) {
    const training = series.slice(0, origin);
    const actual = series.slice(origin, origin + horizon);
    const scale = seasonalNaiveMae(training, period);
    // Later origins start from the previous origin's parameters: their data differ by one week.
    const fit = fitHoltWinters(training, previous === null ? { damped, period } : { damped, period, ...warmStart(previous) });
    previous = fit.params;
    model.add(forecastHoltWinters(fit, horizon), actual, scale);
    baseline.add(forecastSeasonalNaive(fitSeasonalNaive(training, period), horizon), actual, scale);
  }
  return { period, horizon, origins, holtWinters: model.score(), seasonalNaive: baseline.score(), lastParams: previous };
}

/** In-sample mean absolute error of the seasonal naive forecast: the MASE denominator. */
export function seasonalNaiveMae(training: readonly number[], period: number): number {
  let sum = 0;
  for (let t = period; t < training.length; t += 1) sum += Math.abs((training[t] as number) - (training[t - period] as number));
  return sum / (training.length - period);
}

class ScoreAccumulator {
  private scaledErrors = 0;
  private scaledPoints = 0;
  private unscalable = false;
  private inside80 = 0;
  private inside95 = 0;
  private points = 0;

  add(forecast: readonly ForecastStep[], actual: readonly number[], scale: number): void {
    actual.forEach((value, i) => {
      const step = forecast[i] as ForecastStep;
      this.points += 1;
      if (value >= step.lower80 && value <= step.upper80) this.inside80 += 1;
      if (value >= step.lower95 && value <= step.upper95) this.inside95 += 1;
      // A zero scale means the training data repeat exactly every season: errors cannot be scaled.
      if (scale > 0) {
        this.scaledErrors += Math.abs(value - step.mean) / scale;
        this.scaledPoints += 1;
      } else {
        this.unscalable = true;
      }
    });
  }

  score(): ModelScore {
    const share = (count: number) => (this.points === 0 ? null : count / this.points);
    return {
      mase: this.unscalable || this.scaledPoints === 0 ? null : this.scaledErrors / this.scaledPoints,
      coverage80: share(this.inside80),
      coverage95: share(this.inside95),
      points: this.points,
    };
  }
}
