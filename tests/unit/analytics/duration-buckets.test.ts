// The histogram's buckets: each holds [lower edge, upper edge), so a duration exactly on an edge is
// counted in the bucket above it; what was not measured is counted apart, never as a short duration.
import { describe, expect, it } from 'vitest';
import { bucketDurations, DURATION_BUCKETS, durationBucketIndex } from '../../../src-shared/duration-buckets';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('duration buckets', () => {
  it('are the eight readable spans, in order', () => {
    expect(DURATION_BUCKETS.map((b) => b.label)).toEqual(['< 15 min', '15 min – 1 h', '1 – 4 h', '4 – 24 h', '1 – 3 d', '3 – 7 d', '7 – 30 d', '≥ 30 d']);
  });

  it('counts exactly 15 min, 1 h, 4 h, 24 h, 3 d, 7 d and 30 d in the bucket above the edge, and a millisecond less below it', () => {
    const edges = [15 * MIN, H, 4 * H, D, 3 * D, 7 * D, 30 * D];
    expect(edges.map(durationBucketIndex)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(edges.map((edge) => durationBucketIndex(edge - 1))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps a negative span (a clock running behind) in the first bucket and a year in the last', () => {
    expect(durationBucketIndex(-H)).toBe(0);
    expect(durationBucketIndex(365 * D)).toBe(7);
  });

  it('counts what was not measured as missing, in no bucket', () => {
    expect(bucketDurations([2 * H, null, 10 * MIN, null, 40 * D, 2 * H])).toEqual({ counts: [1, 0, 2, 0, 0, 0, 0, 1], missing: 2 });
    expect(bucketDurations([])).toEqual({ counts: [0, 0, 0, 0, 0, 0, 0, 0], missing: 0 });
  });
});
