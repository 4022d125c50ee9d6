// Deterministic random series for the forecasting tests: a seeded generator (mulberry32) with
// normal draws by Box–Muller, and series simulated from the two forecasting models' own processes.
import type { HoltWintersParams } from '../../../../src-main/analytics/stats/holt-winters';

export function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const u = 1 - uniform(); // (0, 1]: the logarithm stays finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/** ETS(A,Ad,A) in state-space form (FPP §8.5): y = ℓ + φb + s(t−m) + ε, then each state moves by its gain times ε. */
export function simulateHoltWinters(days: number, params: HoltWintersParams, sigma: number, normal: () => number): number[] {
  const { alpha, beta, gamma, phi } = params;
  const seasons = [6, 9, 7, 4, 0, -12, -14];
  let level = 100;
  let trend = 0.3;
  const series: number[] = [];
  for (let t = 0; t < days; t += 1) {
    const position = t % seasons.length;
    const error = sigma * normal();
    series.push(level + phi * trend + (seasons[position] as number) + error);
    level = level + phi * trend + alpha * error;
    trend = phi * trend + alpha * beta * error;
    seasons[position] = (seasons[position] as number) + gamma * error;
  }
  return series;
}

/** The seasonal random walk y(t) = y(t−m) + ε that the seasonal naive forecast assumes. */
export function simulateSeasonalRandomWalk(days: number, sigma: number, normal: () => number): number[] {
  const series = [60, 70, 65, 55, 50, 20, 15];
  while (series.length < days) series.push((series[series.length - 7] as number) + sigma * normal());
  return series.slice(0, days);
}
