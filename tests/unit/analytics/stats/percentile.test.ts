import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../../../src-main/analytics/stats/percentile';

// Expected values worked by hand with h = (n − 1)·p/100 and x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋);
// they agree with numpy.percentile(values, p) (method 'linear').
describe('percentile (linear interpolation between closest ranks)', () => {
  it('interpolates between the two ranks around h', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5); // h = 1.5
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 12); // h = 2.85 → 3 + 0.85·1
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48, 12); // h = 3.8 → 40 + 0.8·10
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20); // h = 1, exactly a rank
  });

  it('sorts its input and leaves the caller\'s array alone', () => {
    const values = [30, 10, 20];
    expect(percentile(values, 50)).toBe(20);
    expect(values).toEqual([30, 10, 20]);
  });

  it('returns the tied value when both neighbours are equal', () => {
    expect(percentile([5, 1, 5, 5], 50)).toBe(5); // sorted 1 5 5 5, h = 1.5
    expect(percentile([5, 1, 5, 5], 10)).toBeCloseTo(2.2, 12); // h = 0.3 → 1 + 0.3·4
  });

  it('gives the minimum at 0, the maximum at 100, and the only value of a one-element sample', () => {
    expect(percentile([4, 9, 2], 0)).toBe(2);
    expect(percentile([4, 9, 2], 100)).toBe(9);
    expect(percentile([7], 95)).toBe(7);
  });

  it('has no percentile for an empty sample', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('refuses a percentile outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('reports n, mean, median and p95', () => {
    const summary = summarize([4, 1, 3, 2]);
    expect(summary).toMatchObject({ n: 4, mean: 2.5, median: 2.5 });
    expect(summary.p95).toBeCloseTo(3.85, 12);
  });

  it('summarises a single value as itself', () => {
    expect(summarize([42])).toEqual({ n: 1, mean: 42, median: 42, p95: 42 });
  });

  it('reports nulls, never zeros, for an empty sample', () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, median: null, p95: null });
  });
});
