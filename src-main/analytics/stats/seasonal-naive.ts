// Seasonal naive forecast: each future value is the last observed value from the same season,
// ŷ(T+h) = y(T+h−m(k+1)) with k = ⌊(h−1)/m⌋, and prediction intervals whose sd grows as
// σ̂·√(k+1) (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §5.2 and §5.5).
// σ̂ is the root mean square of the in-sample residuals y(t) − y(t−m), as the forecast package's
// snaive() estimates it. The baseline every other forecast in Vigil must beat.
import { forecastStep, type ForecastStep } from './forecast-interval';

export interface SeasonalNaiveFit {
  period: number;
  /** The last `period` observations, oldest first: the forecast repeats them. */
  lastSeason: number[];
  /** Root mean square of y(t) − y(t−m) over the sample. */
  residualSd: number;
}

export function fitSeasonalNaive(series: readonly number[], period = 7): SeasonalNaiveFit {
  if (series.length <= period) throw new RangeError(`seasonal naive needs more than one season (${period}), got ${series.length}`);
  let sumOfSquares = 0;
  for (let t = period; t < series.length; t += 1) {
    const residual = (series[t] as number) - (series[t - period] as number);
    sumOfSquares += residual * residual;
  }
  return {
    period,
    lastSeason: series.slice(series.length - period),
    residualSd: Math.sqrt(sumOfSquares / (series.length - period)),
  };
}

export function forecastSeasonalNaive(fit: SeasonalNaiveFit, horizon: number): ForecastStep[] {
  const steps: ForecastStep[] = [];
  for (let h = 1; h <= horizon; h += 1) {
    const k = Math.floor((h - 1) / fit.period);
    steps.push(forecastStep(h, fit.lastSeason[(h - 1) % fit.period] as number, fit.residualSd * Math.sqrt(k + 1)));
  }
  return steps;
}
