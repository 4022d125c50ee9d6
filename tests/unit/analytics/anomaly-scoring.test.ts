// Which days of a range are flagged, over hand-made series: a spike above its weekday's baseline, a
// steady weekly pattern (busy Mondays) that is not, and too little history, which is said, not guessed.
import { describe, expect, it } from 'vitest';
import { scoreDays, scoreHours, BASELINE_DAYS } from '../../../src-main/analytics/anomaly-scoring';
import type { AnomalyMark } from '../../../src-shared/analytics-model';
import type { LocalDay } from '../../../src-main/platform/zoned-time';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5); // a Monday

function utcDays(n: number): LocalDay[] {
  return Array.from({ length: n }, (_, i) => ({ date: new Date(START + i * DAY).toISOString().slice(0, 10), start: START + i * DAY, end: START + (i + 1) * DAY }));
}

/** Mondays 100, other days 10 (±1, so the baseline varies a little), for `weeks` weeks. */
function weeklyPattern(weeks: number): number[] {
  return Array.from({ length: weeks * 7 }, (_, i) => (i % 7 === 0 ? 100 + (i % 3) : 10 + (i % 2)));
}

const NOW = START + 365 * DAY;
const NO_MARKS = new Map<string, AnomalyMark>();

describe('daily anomalies', () => {
  it('flag a day far above its weekday in the 4 weeks before, with its expected value, bound and baseline dates', () => {
    const counts = weeklyPattern(6);
    counts[38] = 60; // a Wednesday of week 6: 10–11 expected
    const days = utcDays(42);
    const result = scoreDays({ series: 'alerts', days, counts, rangeStart: 35, dataStart: 0 }, NOW, NO_MARKS);
    expect(result.kind).toBe('scored');
    if (result.kind !== 'scored') return;
    expect(result.scoredDays).toBe(7);
    expect(result.unscoredDays).toBe(0);
    expect(result.flagged).toHaveLength(1);
    const flag = result.flagged[0];
    expect(flag?.date).toBe(days[38]?.date);
    expect(flag?.count).toBe(60);
    // Baseline: the Wednesdays of weeks 2–5 (10, 11, 10, 11 → mean 10.5; dispersion floored at 1).
    expect(flag?.expected).toBeCloseTo(10.5, 10);
    expect(flag?.dispersion).toBe(1);
    expect(flag?.upperBound).toBeCloseTo(10.5 + 2.3263478740408408 * Math.sqrt(10.5), 10);
    expect(flag?.baseline).toEqual([10, 17, 24, 31].map((i) => days[i]?.date));
    expect(flag?.partial).toBe(false);
    expect(flag?.mark).toBeNull();
  });

  it('do not flag a steady weekly pattern: busy Mondays are judged against Mondays', () => {
    const result = scoreDays({ series: 'alerts', days: utcDays(56), counts: weeklyPattern(8), rangeStart: 28, dataStart: 0 }, NOW, NO_MARKS);
    expect(result).toMatchObject({ kind: 'scored', scoredDays: 28, unscoredDays: 0, flagged: [] });
  });

  it('say there is too little history when no day of the range has 4 weeks of data before it', () => {
    const counts = weeklyPattern(6);
    // The data began on day 20: days before it are before the data, not zero days.
    const result = scoreDays({ series: 'investigations', days: utcDays(42), counts, rangeStart: 35, dataStart: 20 }, NOW, NO_MARKS);
    expect(result).toEqual({ kind: 'insufficient-history', historyDays: 22, requiredDays: BASELINE_DAYS + 1 });
    const none = scoreDays({ series: 'alerts', days: utcDays(42), counts: Array(42).fill(0), rangeStart: 35, dataStart: null }, NOW, NO_MARKS);
    expect(none).toEqual({ kind: 'insufficient-history', historyDays: 0, requiredDays: BASELINE_DAYS + 1 });
  });

  it('count the range days without a full baseline as unscored, not as normal', () => {
    const counts = weeklyPattern(6);
    const result = scoreDays({ series: 'alerts', days: utcDays(42), counts, rangeStart: 28, dataStart: 4 }, NOW, NO_MARKS);
    expect(result).toMatchObject({ kind: 'scored', scoredDays: 10, unscoredDays: 4 });
  });

  it('carry the mark of a day marked as expected, and say when the day is not over yet', () => {
    const counts = weeklyPattern(5);
    counts[34] = 90;
    const days = utcDays(35);
    const mark: AnomalyMark = { series: 'alerts', date: days[34]?.date ?? '', note: 'Spam campaign', markedBy: { id: 'u', name: 'Ada' }, markedAt: 1 };
    const result = scoreDays({ series: 'alerts', days, counts, rangeStart: 28, dataStart: 0 }, START + 34 * DAY + 3_600_000, new Map([[`alerts:${mark.date}`, mark]]));
    expect(result.kind === 'scored' && result.flagged[0]).toMatchObject({ date: mark.date, partial: true, mark: { note: 'Spam campaign' } });
  });

  it('do not flag a handful of events over a baseline of zeros', () => {
    const counts = Array(35).fill(0);
    counts[30] = 4;
    counts[33] = 5;
    const days = utcDays(35);
    const result = scoreDays({ series: 'investigations', days, counts, rangeStart: 28, dataStart: 0 }, NOW, NO_MARKS);
    expect(result.kind === 'scored' && result.flagged.map((f) => [f.date, f.count, f.upperBound])).toEqual([[days[33]?.date, 5, 0]]);
  });
});

describe('hourly anomalies', () => {
  it('flag an hour far above the same hour of the week, and none in a repeating week', () => {
    const week: number[] = Array.from({ length: 168 }, (_, h) => (h % 24 >= 9 && h % 24 < 18 ? 20 : 2));
    const counts = [...week, ...week, ...week, ...week, ...week];
    const quiet = scoreHours({ from: START, counts, scoreFrom: 672, dataStart: 0 }, String);
    expect(quiet).toMatchObject({ kind: 'scored', scoredHours: 168, flagged: [] });
    counts[672 + 3] = 40; // 03:00 on the scored Monday: 2 expected
    const spiked = scoreHours({ from: START, counts, scoreFrom: 672, dataStart: 0 }, (at) => new Date(at).toISOString());
    expect(spiked.kind === 'scored' && spiked.flagged.map((f) => [f.label, f.count, f.expected])).toEqual([[new Date(START + 675 * 3_600_000).toISOString(), 40, 2]]);
  });
});
