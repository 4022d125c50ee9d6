import { describe, expect, it } from 'vitest';
import { earsC2Bounds, seasonalCountBounds } from '../../../../src-main/analytics/stats/anomaly';

/** Four weeks of filler with the given Mondays, then a fifth Monday with `count`. */
function mondays(baseline: readonly number[], count: number): number[] {
  const series: number[] = [];
  for (const monday of baseline) series.push(monday, 1, 1, 1, 1, 1, 1);
  series.push(count);
  return series;
}

describe('seasonal quasi-Poisson bound', () => {
  it('uses the Poisson bound when the baseline is under-dispersed', () => {
    // Mondays 10, 12, 8, 14: mean 11, sample variance (1 + 1 + 9 + 9)/3 = 6.667, ratio 0.61 → φ = 1.
    // bound = 11 + 2.326348·√11 = 11 + 2.326348·3.316625 = 18.715623.
    const [monday] = seasonalCountBounds(mondays([10, 12, 8, 14], 19));
    expect(monday).toMatchObject({ index: 28, count: 19, expected: 11, dispersion: 1, anomalous: true });
    expect(monday?.bound).toBeCloseTo(18.715623, 6);
    expect(monday?.baseline).toEqual({ indices: [0, 7, 14, 21], spacing: 7 });
    expect(seasonalCountBounds(mondays([10, 12, 8, 14], 18))[0]?.anomalous).toBe(false);
  });

  it('widens the bound by the dispersion when the baseline is over-dispersed', () => {
    // Mondays 5, 20, 10, 25: mean 15, variance (100 + 25 + 25 + 100)/3 = 83.333, φ = 5.5556.
    // bound = 15 + 2.326348·√(5.5556·15) = 15 + 2.326348·9.128709 = 36.236553.
    const [monday] = seasonalCountBounds(mondays([5, 20, 10, 25], 36));
    expect(monday?.expected).toBe(15);
    expect(monday?.dispersion).toBeCloseTo(83.333333 / 15, 6);
    expect(monday?.bound).toBeCloseTo(36.236553, 6);
    expect(monday?.anomalous).toBe(false); // 36 would be far above a Poisson bound (24.0)
  });

  it('flags the first event on a weekday that has had none for k weeks', () => {
    const [monday] = seasonalCountBounds(mondays([0, 0, 0, 0], 1));
    expect(monday).toMatchObject({ expected: 0, dispersion: 1, bound: 0, anomalous: true });
  });

  it('compares each day only with the same weekday', () => {
    const series = mondays([10, 12, 8, 14], 19);
    const results = seasonalCountBounds([...series, 1]); // a Tuesday of 1 after Tuesdays of 1
    expect(results.map((r) => r.index)).toEqual([28, 29]);
    expect(results[1]).toMatchObject({ expected: 1, anomalous: false });
    expect(results[1]?.baseline.indices).toEqual([1, 8, 15, 22]);
  });

  it('scores hours against the same hour of the week, with the window and z given', () => {
    const hourly: number[] = Array.from({ length: 3 * 168 }, (_, h) => (h % 168 === 5 ? 4 : 0));
    hourly[2 * 168 + 5] = 9;
    const results = seasonalCountBounds(hourly, { period: 168, weeks: 2, z: 1.644854 });
    expect(results[0]?.index).toBe(336);
    const spike = results.find((r) => r.index === 336 + 5);
    expect(spike?.baseline).toEqual({ indices: [5, 173], spacing: 168 });
    expect(spike?.bound).toBeCloseTo(4 + 1.644854 * 2, 9);
    expect(spike?.anomalous).toBe(true);
  });

  it('scores nothing until k weeks of history exist', () => {
    expect(seasonalCountBounds([1, 2, 3], { weeks: 4 })).toEqual([]);
  });
});

describe('EARS C2', () => {
  it('flags a count above the mean plus 3 sd of the 7 days ending 3 days back', () => {
    // Days 0–6 are 4 6 5 7 5 6 2: mean 5, sample variance 16/6, sd 1.632993, bound 9.898979.
    // Days 7 and 8 (the guard band) are ignored however large.
    const series = [4, 6, 5, 7, 5, 6, 2, 100, 100, 10];
    const [day] = earsC2Bounds(series);
    expect(day?.index).toBe(9);
    expect(day?.baseline).toEqual({ indices: [0, 1, 2, 3, 4, 5, 6], spacing: 1 });
    expect(day?.expected).toBe(5);
    expect(day?.bound).toBeCloseTo(9.898979, 6);
    expect(day?.anomalous).toBe(true);
    expect(earsC2Bounds([...series.slice(0, 9), 9])[0]?.anomalous).toBe(false);
  });

  it('floors the sd so a flat baseline does not flag a single extra event', () => {
    const [day] = earsC2Bounds([2, 2, 2, 2, 2, 2, 2, 2, 2, 3]);
    expect(day).toMatchObject({ sd: 1, bound: 5, anomalous: false });
  });
});
