import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { applyRetention, isoWeekKey, type RetentionCandidate } from '../../../src-main/backup/retention';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Backups every 6 hours for `days` days, made by a fake clock. */
function sixHourly(days: number, start = Date.UTC(2026, 0, 1)): RetentionCandidate[] {
  const clock = new ManualClock(start);
  const made: RetentionCandidate[] = [];
  for (let i = 0; i < days * 4; i += 1) {
    made.push({ fileName: `b${String(i).padStart(4, '0')}`, createdAt: clock.now(), verifiedOk: null });
    clock.advance(6 * HOUR);
  }
  return made;
}

describe('retention (keep-last, daily, weekly, monthly)', () => {
  it('keeps the newest N and one per day for the last D days', () => {
    const backups = sixHourly(10);
    const decision = applyRetention(backups, { keepLast: 3, daily: 4, weekly: 0, monthly: 0 });
    const kept = decision.keep.map((k) => k.fileName);
    // The 3 newest, plus the newest of each of the 4 newest days (the first of which is among the 3).
    expect(kept).toEqual(['b0039', 'b0038', 'b0037', 'b0035', 'b0031', 'b0027']);
    expect(decision.remove).toHaveLength(backups.length - kept.length);
    expect(decision.keep[0]?.reasons).toEqual(['last', 'daily', 'newest_verified']);
  });

  it('keeps one per ISO week and per month over a long history', () => {
    const backups = sixHourly(120);
    const decision = applyRetention(backups, { keepLast: 1, daily: 0, weekly: 3, monthly: 4 });
    const kept = decision.keep.map((k) => backups.find((b) => b.fileName === k.fileName)?.createdAt ?? 0);
    const weeks = new Set(kept.map(isoWeekKey));
    const months = new Set(kept.map((t) => new Date(t).toISOString().slice(0, 7)));
    expect(weeks.size).toBeGreaterThanOrEqual(3);
    expect([...months].sort()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // Each kept monthly backup is the newest of its month.
    for (const month of months) {
      const newest = Math.max(...backups.filter((b) => new Date(b.createdAt).toISOString().startsWith(month)).map((b) => b.createdAt));
      expect(kept).toContain(newest);
    }
    expect(decision.keep.length).toBeLessThanOrEqual(1 + 3 + 4);
  });

  it('never deletes the newest verified backup, and a failed one fills no period', () => {
    const backups = sixHourly(2).map((b, i, all) => (i === all.length - 1 ? { ...b, verifiedOk: false } : b));
    const decision = applyRetention(backups, { keepLast: 1, daily: 0, weekly: 0, monthly: 0 });
    expect(decision.keep.map((k) => k.fileName)).toEqual(['b0006']);
    expect(decision.remove).toContain('b0007');
  });

  it('numbers ISO weeks across a year boundary', () => {
    expect(isoWeekKey(Date.UTC(2026, 0, 1))).toBe('2026-W01');
    expect(isoWeekKey(Date.UTC(2027, 0, 1))).toBe('2026-W53');
    expect(isoWeekKey(Date.UTC(2024, 11, 30))).toBe('2025-W01');
    expect(isoWeekKey(Date.UTC(2026, 0, 5) + 12 * HOUR) === isoWeekKey(Date.UTC(2026, 0, 11) + 23 * HOUR)).toBe(true);
    expect(DAY).toBe(86_400_000);
  });
});
