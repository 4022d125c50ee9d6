// Which forecast Vigil shows: Holt-Winters only when its rolling-origin backtest beats the seasonal
// naive baseline on MASE (Hyndman & Koehler 2006), otherwise the baseline, with the reason either
// way; and no forecast at all under three weeks of history. A model that cannot beat "same day last
// week" on this series' own recent past has not earned a place on screen.
import { backtest, BACKTEST_DEFAULTS, type BacktestOptions, type BacktestResult } from './backtest';
import type { ForecastStep } from './forecast-interval';
import { forecastHoltWinters } from './holt-winters';
import { fitHoltWinters, warmStart } from './holt-winters-fit';
import { fitSeasonalNaive, forecastSeasonalNaive } from './seasonal-naive';

/** Three weeks: the least a backtest origin trains on, and the least worth forecasting from. */
export const MINIMUM_HISTORY_DAYS = BACKTEST_DEFAULTS.minimumTraining;

export type ForecastChoiceReason =
  /** Holt-Winters' backtest MASE is lower than seasonal naive's. */
  | 'model-beats-baseline'
  /** Holt-Winters' backtest MASE is equal or higher. */
  | 'model-does-not-beat-baseline'
  /** Enough history to forecast, too little to hold out a backtest origin. */
  | 'too-short-to-backtest'
  /** The training data repeat exactly every week, so scaled errors are undefined. */
  | 'errors-cannot-be-scaled';

export type ForecastChoice =
  | { kind: 'insufficient-history'; days: number; requiredDays: number }
  | {
    kind: 'forecast';
    model: 'holt-winters' | 'seasonal-naive';
    reason: ForecastChoiceReason;
    steps: ForecastStep[];
    backtest: BacktestResult;
  };

export function chooseForecast(series: readonly number[], options: BacktestOptions = {}): ForecastChoice {
  if (series.length < MINIMUM_HISTORY_DAYS) return { kind: 'insufficient-history', days: series.length, requiredDays: MINIMUM_HISTORY_DAYS };
  const { period, horizon, damped } = { ...BACKTEST_DEFAULTS, ...options };
  const result = backtest(series, options);
  const baseline = () => forecastSeasonalNaive(fitSeasonalNaive(series, period), horizon);
  const model = result.holtWinters.mase;
  const naive = result.seasonalNaive.mase;

  if (result.origins.length === 0) return { kind: 'forecast', model: 'seasonal-naive', reason: 'too-short-to-backtest', steps: baseline(), backtest: result };
  if (model === null || naive === null) return { kind: 'forecast', model: 'seasonal-naive', reason: 'errors-cannot-be-scaled', steps: baseline(), backtest: result };
  if (model >= naive) return { kind: 'forecast', model: 'seasonal-naive', reason: 'model-does-not-beat-baseline', steps: baseline(), backtest: result };

  const start = result.lastParams;
  const fit = fitHoltWinters(series, start === null ? { damped, period } : { damped, period, ...warmStart(start) });
  return { kind: 'forecast', model: 'holt-winters', reason: 'model-beats-baseline', steps: forecastHoltWinters(fit, horizon), backtest: result };
}
