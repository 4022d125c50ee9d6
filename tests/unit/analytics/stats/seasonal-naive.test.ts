import { describe, expect, it } from 'vitest';
import { fitSeasonalNaive, forecastSeasonalNaive } from '../../../../src-main/analytics/stats/seasonal-naive';
import { Z_80, Z_95 } from '../../../../src-main/analytics/stats/normal-quantiles';

// Two weeks; y(t) − y(t−7) over the second week is 2, 1, 0, 1, 2, −1, 0, so
// σ̂ = √((4 + 1 + 0 + 1 + 4 + 1 + 0)/7) = √(11/7) = 1.253566.
const series = [3, 5, 2, 8, 6, 1, 4, 5, 6, 2, 9, 8, 0, 4];
const sigma = Math.sqrt(11 / 7);

describe('seasonal naive forecast', () => {
  it('repeats the last week, step for step', () => {
    const forecast = forecastSeasonalNaive(fitSeasonalNaive(series), 14);
    expect(forecast.map((s) => s.mean)).toEqual([5, 6, 2, 9, 8, 0, 4, 5, 6, 2, 9, 8, 0, 4]);
  });

  it('takes σ̂ as the root mean square of the one-season differences', () => {
    expect(fitSeasonalNaive(series).residualSd).toBeCloseTo(1.253566, 6);
  });

  it('widens the sd by √(k+1) with k = ⌊(h−1)/7⌋: σ̂ for the first week, σ̂√2 for the second', () => {
    const forecast = forecastSeasonalNaive(fitSeasonalNaive(series), 15);
    expect(forecast[0]?.sd).toBeCloseTo(sigma, 12);
    expect(forecast[6]?.sd).toBeCloseTo(sigma, 12);
    expect(forecast[7]?.sd).toBeCloseTo(sigma * Math.SQRT2, 12);
    expect(forecast[13]?.sd).toBeCloseTo(sigma * Math.SQRT2, 12);
    expect(forecast[14]?.sd).toBeCloseTo(sigma * Math.sqrt(3), 12);
  });

  it('puts the 80 % and 95 % bounds at mean ∓ 1.2816σ̂ and mean ∓ 1.9600σ̂', () => {
    const [first] = forecastSeasonalNaive(fitSeasonalNaive(series), 1);
    expect(first?.lower80).toBeCloseTo(5 - 1.281552 * 1.253566, 5); // 3.393487
    expect(first?.upper95).toBeCloseTo(5 + 1.959964 * 1.253566, 5); // 7.456944
    expect(first?.upper80).toBeCloseTo(5 + Z_80 * sigma, 12);
    expect(first?.lower95).toBeCloseTo(5 - Z_95 * sigma, 12);
  });

  it('needs more than one season of history', () => {
    expect(() => fitSeasonalNaive([1, 2, 3, 4, 5, 6, 7])).toThrow(RangeError);
  });
});
