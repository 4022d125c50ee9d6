// The hand-written wall-clock-to-instant conversion (timestamps.ts, built on Intl) against
// temporal-polyfill, an implementation of the Temporal proposal: for random wall-clock times in
// zones with and without daylight saving — including the nights clocks jump forward (a skipped
// time) and back (a time seen twice) — both give the same instant under Temporal's 'compatible'
// disambiguation. The polyfill stops applying daylight-saving rules ten years ahead (July 2036 in
// Paris came out as CET, one hour off, in temporal-polyfill 0.3), so the comparison stays before
// 2036 and later years are checked against Intl's own formatting instead: one reason the hand-written
// code stays.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { parseTimestamp } from '../../../src-main/import/timestamps';

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns', 'Europe/London', 'UTC'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function reference(zone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  return Temporal.PlainDateTime.from({ year, month, day, hour, minute })
    .toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function ours(zone: string, year: number, month: number, day: number, hour: number, minute: number): number | null {
  const text = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00`;
  const result = parseTimestamp(text, { format: 'iso', timeZone: zone });
  return result.ok ? result.ms : null;
}

// Near the changes: the last weekend of March and October and the first of April, October and
// November (Europe, Lord Howe, New York, Brazil until 2019, Chatham), at the hours clocks move.
const nearChange = fc.record({
  year: fc.integer({ min: 1990, max: 2035 }),
  month: fc.constantFrom(3, 4, 10, 11, 2),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.constantFrom(0, 1, 2, 3, 23),
  minute: fc.constantFrom(0, 15, 30, 45, 59),
});
const anywhere = fc.record({
  year: fc.integer({ min: 1970, max: 2035 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
});

describe('time zones against temporal-polyfill', () => {
  it('converts wall-clock times to the same instant, around daylight-saving changes too', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(nearChange, anywhere), (zone, t) => {
        expect(ours(zone, t.year, t.month, t.day, t.hour, t.minute)).toBe(reference(zone, t.year, t.month, t.day, t.hour, t.minute));
      }),
      { numRuns: 3000, seed: 20261204 },
    );
  });

  it('gives instants that Intl shows back as the wall time written, decades ahead', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), anywhere.map((t) => ({ ...t, year: t.year + 66 })), (zone, t) => {
        const instant = ours(zone, t.year, t.month, t.day, t.hour, t.minute);
        const shown = new Intl.DateTimeFormat('en-US', {
          timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
        }).formatToParts(instant ?? Number.NaN);
        const field = (type: string) => Number(shown.find((part) => part.type === type)?.value);
        // A time skipped by a spring-forward shows moved on by the gap (an hour; 30 minutes on Lord Howe); any other shows as written.
        const movedBy = field('hour') * 60 + field('minute') - (t.hour * 60 + t.minute);
        expect([field('year'), field('month'), field('day')]).toEqual([t.year, t.month, t.day]);
        expect(movedBy === 0 || movedBy === (zone === 'Australia/Lord_Howe' ? 30 : 60)).toBe(true);
      }),
      { numRuns: 2000, seed: 20261204 },
    );
  });

  it('agrees on every quarter hour of the nights clocks change in Paris, New York and Lord Howe', () => {
    const nights: Array<[string, number, number, number]> = [
      ['Europe/Paris', 2026, 3, 29], ['Europe/Paris', 2026, 10, 25],
      ['America/New_York', 2026, 3, 8], ['America/New_York', 2026, 11, 1],
      ['Australia/Lord_Howe', 2026, 4, 5], ['Australia/Lord_Howe', 2026, 10, 4],
    ].map(([zone, y, m, d]) => [zone as string, y as number, m as number, d as number]);
    for (const [zone, year, month, day] of nights) {
      for (let quarter = 0; quarter < 24 * 4; quarter += 1) {
        const hour = Math.floor(quarter / 4);
        const minute = (quarter % 4) * 15;
        expect(ours(zone, year, month, day, hour, minute), `${zone} ${year}-${month}-${day} ${hour}:${minute}`).toBe(reference(zone, year, month, day, hour, minute));
      }
    }
  });
});
