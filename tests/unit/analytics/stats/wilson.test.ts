import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../../src-main/analytics/stats/wilson';

// Worked by hand with z = 1.959964, z² = 3.841459:
//   8/10:  centre = (0.8 + 0.192073)/1.384146 = 0.716740, half = 1.415996·√(0.016 + 0.009604) = 0.226578
//   0/10:  centre = 0.192073/1.384146 = 0.138766,        half = 1.415996·√0.009604 = 0.138766
//   10/10: the mirror image of 0/10.
// The same figures come out of statsmodels' proportion_confint(k, n, method='wilson').
describe('Wilson 95 % interval', () => {
  it('gives [0.4902, 0.9433] for 8 of 10', () => {
    const interval = wilsonInterval(8, 10);
    expect(interval?.estimate).toBe(0.8);
    expect(interval?.lower).toBeCloseTo(0.490162, 6);
    expect(interval?.upper).toBeCloseTo(0.943318, 6);
    expect(interval?.level).toBe(0.95);
  });

  it('keeps a non-zero width at 0 of 10, with the lower bound exactly 0', () => {
    const interval = wilsonInterval(0, 10);
    expect(interval?.lower).toBe(0);
    expect(interval?.upper).toBeCloseTo(0.277533, 6);
  });

  it('mirrors 0 of 10 at 10 of 10, with the upper bound exactly 1', () => {
    const interval = wilsonInterval(10, 10);
    expect(interval?.lower).toBeCloseTo(0.722467, 6);
    expect(interval?.upper).toBe(1);
  });

  it('is wider for fewer trials at the same proportion', () => {
    const few = wilsonInterval(4, 5);
    const many = wilsonInterval(80, 100);
    expect(few && many && few.upper - few.lower > many.upper - many.lower).toBe(true);
  });

  it('has no interval for zero trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('refuses counts that are not a proportion', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});
