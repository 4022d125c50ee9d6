// Forecast benchmark: the whole forecast decision over three years of daily counts (a Holt-Winters
// fit at each of 8 weekly backtest origins, the seasonal naive baseline at the same origins, and
// the final fit and 14-day forecast) against the same backtest with the seasonal naive baseline
// alone, in the same run: the part that is not the model.
import { performance } from 'node:perf_hooks';
import { chooseForecast } from '../../src-main/analytics/stats/choose-forecast';
import { seasonalNaiveMae } from '../../src-main/analytics/stats/backtest';
import { fitSeasonalNaive, forecastSeasonalNaive } from '../../src-main/analytics/stats/seasonal-naive';
import { percentile, type BenchRow } from './bench-table';

const DAYS = 3 * 365;
const RUNS = 21;
const GOAL_MS = 50;

export function forecastBenchmarks(): BenchRow[] {
  const series = dailyCounts(DAYS, 7);
  const choice = chooseForecast(series);
  if (choice.kind !== 'forecast') throw new Error('three years gave no forecast');
  const model = timeEach(RUNS, () => chooseForecast(series));
  const baseline = timeEach(RUNS, () => seasonalNaiveBacktest(series, choice.backtest.origins));
  const p50 = (s: number[]) => percentile(s, 50);
  return [
    { name: `forecast + backtest, 3 years daily (${choice.model}) median`, value: p50(model), unit: 'ms', limit: p50(baseline), limitLabel: 'seasonal naive backtest alone', goal: `< ${GOAL_MS} ms`, met: p50(model) < GOAL_MS },
  ];
}

function seasonalNaiveBacktest(series: readonly number[], origins: readonly number[]): number {
  let absoluteScaledErrors = 0;
  for (const origin of origins) {
    const training = series.slice(0, origin);
    const scale = seasonalNaiveMae(training, 7);
    forecastSeasonalNaive(fitSeasonalNaive(training, 7), 14).forEach((step, i) => {
      absoluteScaledErrors += Math.abs((series[origin + i] as number) - step.mean) / scale;
    });
  }
  return absoluteScaledErrors;
}

/** Alert-like daily counts: a weekday pattern, slow growth, noise; the same every run (seeded). */
function dailyCounts(days: number, seed: number): number[] {
  let state = seed;
  const uniform = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const weekday = [1.1, 1.2, 1.15, 1.1, 1.0, 0.7, 0.75];
  return Array.from({ length: days }, (_, t) => Math.round(200 * (1 + t / days) * (weekday[t % 7] as number) + 30 * (uniform() + uniform() + uniform() - 1.5)));
}

function timeEach(n: number, call: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    call();
    samples.push(performance.now() - start);
  }
  return samples;
}
