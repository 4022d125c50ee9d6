// Calendar days in the user's zone: the day a moment falls on, and each day's first instant, with the
// 23- and 25-hour days of daylight-saving changes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { localDate, localDayRange, localDays } from '../../../src-shared/zoned-time';

const HOUR = 3_600_000;
const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

describe('local days', () => {
  it('puts a moment on the date its zone shows', () => {
    expect(localDate(utc(2026, 3, 1, 23, 30), 'UTC')).toBe('2026-03-01');
    expect(localDate(utc(2026, 3, 1, 23, 30), 'Europe/Paris')).toBe('2026-03-02');
    expect(localDate(utc(2026, 3, 2, 3, 0), 'America/New_York')).toBe('2026-03-01');
    expect(localDate(utc(2026, 3, 1, 18, 29), 'Asia/Kolkata')).toBe('2026-03-01');
    expect(localDate(utc(2026, 3, 1, 18, 30), 'Asia/Kolkata')).toBe('2026-03-02');
  });

  it('gives 23- and 25-hour days across the changes in Paris, and 24 elsewhere', () => {
    const spring = localDays(utc(2026, 3, 28, 12), utc(2026, 3, 30, 12), 'Europe/Paris');
    expect(spring.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(spring.map((d) => (d.end - d.start) / HOUR)).toEqual([24, 23, 24]);
    expect(spring[1]?.start).toBe(utc(2026, 3, 28, 23));
    const autumn = localDays(utc(2026, 10, 25, 12), utc(2026, 10, 25, 12), 'Europe/Paris');
    expect(autumn.map((d) => (d.end - d.start) / HOUR)).toEqual([25]);
    expect(autumn[0]?.start).toBe(utc(2026, 10, 24, 22));
    expect(localDays(utc(2026, 3, 28), utc(2026, 3, 31), 'UTC').every((d) => d.end - d.start === 24 * HOUR)).toBe(true);
  });

  it('chains days without gaps or overlaps and covers both ends', () => {
    const from = utc(2025, 12, 30, 5);
    const to = utc(2026, 11, 2, 5);
    const days = localDays(from, to, 'America/New_York');
    expect(days[0]!.start).toBeLessThanOrEqual(from);
    expect(days[days.length - 1]!.end).toBeGreaterThan(to);
    for (let i = 1; i < days.length; i += 1) expect(days[i]!.start).toBe(days[i - 1]!.end);
    expect(days).toHaveLength(308);
  });

  it('starts every day where Temporal starts it, over ranges of years in zones that change offset', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata', 'America/Havana', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2033, 0, 1) }), fc.integer({ min: 0, max: 900 }), (zone, from, length) => {
        const days = localDays(from, from + length * 24 * HOUR, zone);
        for (const day of days) {
          expect(day.start, `${zone} ${day.date}`).toBe(Temporal.PlainDate.from(day.date).toZonedDateTime({ timeZone: zone }).epochMilliseconds);
        }
      }),
      { numRuns: 40, seed: 20261204 },
    );
  });

  it('refuses a zone it does not know', () => {
    expect(() => localDays(0, 0, 'Mars/Olympus')).toThrow(/Unknown time zone/);
  });
});

describe('local day range (a chart\'s day opened as a list)', () => {
  it('spans 23 hours on the spring-forward day and 25 on the fall-back day in Berlin', () => {
    expect(localDayRange('2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual({ start: utc(2026, 3, 28, 23), end: utc(2026, 3, 29, 22) });
    expect(localDayRange('2026-10-25', '2026-10-25', 'Europe/Berlin')).toEqual({ start: utc(2026, 10, 24, 22), end: utc(2026, 10, 25, 23) });
    const ordinary = localDayRange('2026-06-10', '2026-06-10', 'Europe/Berlin');
    expect(ordinary && ordinary.end - ordinary.start).toBe(24 * HOUR);
  });

  it('starts days at half past in Kolkata, and covers every day of a range', () => {
    expect(localDayRange('2026-11-01', '2026-11-01', 'Asia/Kolkata')).toEqual({ start: utc(2026, 10, 31, 18, 30), end: utc(2026, 11, 1, 18, 30) });
    expect(localDayRange('2026-11-01', '2026-11-30', 'Asia/Kolkata')).toEqual({ start: utc(2026, 10, 31, 18, 30), end: utc(2026, 11, 30, 18, 30) });
  });

  it('agrees with the days analytics counts', () => {
    for (const day of localDays(utc(2026, 3, 20), utc(2026, 4, 5), 'Europe/Berlin')) {
      expect(localDayRange(day.date, day.date, 'Europe/Berlin')).toEqual({ start: day.start, end: day.end });
    }
  });

  it('refuses dates that do not exist, a reversed range and an unknown zone', () => {
    expect(localDayRange('2026-02-30', '2026-02-30', 'UTC')).toBeNull();
    expect(localDayRange('2026-1-3', '2026-01-03', 'UTC')).toBeNull();
    expect(localDayRange('2026-01-04', '2026-01-03', 'UTC')).toBeNull();
    expect(localDayRange('2026-01-03', '2026-01-03', 'Mars/Olympus')).toBeNull();
  });
});
