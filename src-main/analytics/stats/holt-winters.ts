// Additive Holt-Winters with an additive (optionally damped) trend, in the error-correction form of
// Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" (FPP) §8.3 — the same
// recursions as statsmodels' ExponentialSmoothing(trend='add', seasonal='add'):
//   ŷ(t)  = ℓ(t−1) + φb(t−1) + s(t−m)                          one-step forecast
//   ℓ(t)  = α(y(t) − s(t−m)) + (1 − α)(ℓ(t−1) + φb(t−1))
//   b(t)  = β*(ℓ(t) − ℓ(t−1)) + (1 − β*)φb(t−1)
//   s(t)  = γ(y(t) − ℓ(t−1) − φb(t−1)) + (1 − γ)s(t−m)
//   ŷ(T+h) = ℓ(T) + (φ + … + φʰ)b(T) + s(T+h−m(k+1)),  k = ⌊(h−1)/m⌋
// Prediction intervals: the model is ETS(A,Ad,A), class 1 of Hyndman, Koehler, Ord & Snyder (2008),
// "Forecasting with Exponential Smoothing", chapter 6, whose h-step error variance is
//   v(h) = σ²(1 + Σⱼ₌₁..ₕ₋₁ cⱼ²),  cⱼ = α + βφⱼ + γ·[j ≡ 0 mod m],  φⱼ = φ + … + φʲ,  β = αβ*
// (FPP §8.7 gives the same variance in closed form; the unit tests check the two agree).
// σ² = SSE / (n − p), p the number of smoothing parameters estimated.
import { forecastStep, type ForecastStep } from './forecast-interval';
import type { HoltWintersStates } from './holt-winters-initial-states';

export interface HoltWintersParams {
  /** Level smoothing α. */
  alpha: number;
  /** Trend smoothing β* (statsmodels' smoothing_trend), not the state-space β = αβ*. */
  beta: number;
  /** Seasonal smoothing γ. */
  gamma: number;
  /** Trend damping φ; 1 for an undamped trend. */
  phi: number;
}

export interface HoltWintersFit {
  period: number;
  params: HoltWintersParams;
  initial: HoltWintersStates;
  /** One-step-ahead forecasts ŷ(t), one per observation. */
  fitted: number[];
  /** Σ (y(t) − ŷ(t))². */
  sse: number;
  /** Residual variance σ² for the prediction intervals. */
  sigma2: number;
  /** States after the last observation: ℓ(T), b(T), and the seasonal states for steps 1…m. */
  final: HoltWintersStates;
}

/**
 * Σ (y(t) − ŷ(t))² for the given parameters and initial states, without keeping the fitted values:
 * the optimiser calls this thousands of times.
 */
export function holtWintersSse(series: readonly number[], params: HoltWintersParams, initial: HoltWintersStates, seasons: Float64Array): number {
  const { alpha, beta, gamma, phi } = params;
  const period = initial.seasonal.length;
  for (let j = 0; j < period; j += 1) seasons[j] = initial.seasonal[j] as number;
  let level = initial.level;
  let trend = initial.trend;
  let sse = 0;
  let position = 0;
  for (let t = 0; t < series.length; t += 1) {
    const y = series[t] as number;
    const season = seasons[position] as number;
    const damped = level + phi * trend;
    const error = y - damped - season;
    sse += error * error;
    const nextLevel = alpha * y - alpha * season + (1 - alpha) * damped;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    seasons[position] = gamma * y - gamma * damped + (1 - gamma) * season;
    level = nextLevel;
    position = position + 1 === period ? 0 : position + 1;
  }
  return sse;
}

/** Runs the recursions over the series and keeps everything a forecast needs. */
export function filterHoltWinters(series: readonly number[], params: HoltWintersParams, initial: HoltWintersStates, estimatedParameters = 0): HoltWintersFit {
  const { alpha, beta, gamma, phi } = params;
  const period = initial.seasonal.length;
  const seasons = [...initial.seasonal];
  let level = initial.level;
  let trend = initial.trend;
  let sse = 0;
  const fitted: number[] = [];
  for (let t = 0; t < series.length; t += 1) {
    const y = series[t] as number;
    const position = t % period;
    const season = seasons[position] as number;
    const damped = level + phi * trend;
    fitted.push(damped + season);
    const error = y - damped - season;
    sse += error * error;
    const nextLevel = alpha * y - alpha * season + (1 - alpha) * damped;
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    seasons[position] = gamma * y - gamma * damped + (1 - gamma) * season;
    level = nextLevel;
  }
  const next = series.length % period;
  const final = { level, trend, seasonal: [...seasons.slice(next), ...seasons.slice(0, next)] };
  const degreesOfFreedom = Math.max(1, series.length - estimatedParameters);
  return { period, params: { ...params }, initial, fitted, sse, sigma2: sse / degreesOfFreedom, final };
}

/** Point forecasts with 80 % and 95 % prediction intervals for steps 1…horizon. */
export function forecastHoltWinters(fit: HoltWintersFit, horizon: number): ForecastStep[] {
  const { alpha, beta, gamma, phi } = fit.params;
  const { level, trend, seasonal } = fit.final;
  const stateSpaceBeta = alpha * beta;
  const steps: ForecastStep[] = [];
  let dampedSum = 0; // φ + … + φʰ
  let varianceFactor = 1; // 1 + Σⱼ₌₁..ₕ₋₁ cⱼ²
  for (let h = 1; h <= horizon; h += 1) {
    if (h > 1) {
      const j = h - 1;
      const c = alpha + stateSpaceBeta * dampedSum + (j % fit.period === 0 ? gamma : 0);
      varianceFactor += c * c;
    }
    dampedSum = dampedSum * phi + phi;
    const mean = level + dampedSum * trend + (seasonal[(h - 1) % fit.period] as number);
    steps.push(forecastStep(h, mean, Math.sqrt(fit.sigma2 * varianceFactor)));
  }
  return steps;
}
