import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectTimestampFormat, isEmptyValue, isValidTimeZone, parseTimestamp, type TimestampOptions } from '../../../src-main/import/timestamps';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number => Date.UTC(y, mo - 1, d, h, mi, s, ms);

function ms(text: string, options: TimestampOptions = {}): number {
  const result = parseTimestamp(text, options);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.reason}`);
  return result.ms;
}

function reason(text: string, options: TimestampOptions = {}): string {
  const result = parseTimestamp(text, options);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${new Date(result.ms).toISOString()}`);
  return result.reason;
}

describe('parseTimestamp: ISO 8601', () => {
  it('reads Z and numeric offsets, fractions and the space separator', () => {
    expect(ms('2015-05-17T10:05:03Z')).toBe(utc(2015, 5, 17, 10, 5, 3));
    expect(ms('2015-05-17t10:05:03.123456+02:00', { format: 'iso' })).toBe(utc(2015, 5, 17, 8, 5, 3, 123));
    expect(ms('2015-05-17 10:05:03,5 UTC')).toBe(utc(2015, 5, 17, 10, 5, 3, 500));
    expect(ms('2015-05-17T10:05+0530')).toBe(utc(2015, 5, 17, 4, 35));
    expect(ms('2015-05-17T10:05:03-04')).toBe(utc(2015, 5, 17, 14, 5, 3));
  });

  it('needs a zone for a time written without one, and the offset in the text beats the option', () => {
    expect(reason('2015-05-17T10:05:03')).toBe('no time zone');
    expect(reason('2015-05-17')).toBe('no time zone');
    expect(ms('2015-05-17T10:05:03', { timeZone: 'UTC' })).toBe(utc(2015, 5, 17, 10, 5, 3));
    expect(ms('2015-05-17T10:05:03', { timeZone: 'Europe/Paris' })).toBe(utc(2015, 5, 17, 8, 5, 3));
    expect(ms('2015-05-17T10:05:03Z', { timeZone: 'Europe/Paris' })).toBe(utc(2015, 5, 17, 10, 5, 3));
    expect(reason('2015-05-17T10:05:03', { timeZone: 'Mars/Olympus_Mons' })).toContain('unknown time zone');
  });

  it('refuses dates and times that do not exist', () => {
    expect(ms('2016-02-29T00:00:00Z')).toBe(utc(2016, 2, 29));
    expect(reason('2015-02-29T00:00:00Z')).toBe('invalid date');
    expect(reason('2015-04-31T00:00:00Z')).toBe('invalid date');
    expect(reason('2015-05-17T24:00:00Z')).toBe('invalid time of day');
    expect(reason('2015-05-17T10:05:03+25:00')).toContain('invalid zone');
    expect(reason('yesterday')).toBe('unrecognised timestamp');
  });
});

describe('parseTimestamp: epoch numbers', () => {
  it('tells seconds from milliseconds by magnitude', () => {
    expect(ms('1431857103')).toBe(utc(2015, 5, 17, 10, 5, 3));
    expect(ms('1431857103123')).toBe(utc(2015, 5, 17, 10, 5, 3, 123));
    expect(ms('1431857103.5')).toBe(utc(2015, 5, 17, 10, 5, 3, 500));
    expect(ms('-86400')).toBe(utc(1969, 12, 31));
    expect(reason('1431857103123456')).toContain('too large');
  });

  it('honours an explicit unit, refusing a result outside years 1000–9999', () => {
    expect(ms('1431857103', { format: 'epoch_ms' })).toBe(1431857103);
    expect(ms('1431857103123', { format: 'epoch_ms' })).toBe(utc(2015, 5, 17, 10, 5, 3, 123));
    expect(reason('1431857103123', { format: 'epoch_s' })).toContain('out of range');
    expect(reason('2015-05-17', { format: 'epoch_s' })).toBe('not an epoch number');
  });
});

describe('parseTimestamp: D/M/YYYY and M/D/YYYY', () => {
  it('reads the ServiceNow export form in either order', () => {
    expect(ms('29/2/2016 01:16', { format: 'dmy', timeZone: 'UTC' })).toBe(utc(2016, 2, 29, 1, 16));
    expect(ms('2/29/2016 01:16', { format: 'mdy', timeZone: 'UTC' })).toBe(utc(2016, 2, 29, 1, 16));
    expect(ms('5/3/2016 12:00', { format: 'dmy', timeZone: 'UTC' })).toBe(utc(2016, 3, 5, 12));
    expect(ms('5/3/2016 12:00', { format: 'mdy', timeZone: 'UTC' })).toBe(utc(2016, 5, 3, 12));
    expect(reason('2/29/2016 01:16', { format: 'dmy', timeZone: 'UTC' })).toBe('invalid date');
  });

  it('reads seconds, dots and dashes, a bare date, AM/PM and a written offset', () => {
    expect(ms('17.05.2015 10:05:03', { format: 'dmy', timeZone: 'UTC' })).toBe(utc(2015, 5, 17, 10, 5, 3));
    expect(ms('17-05-2015', { format: 'dmy', timeZone: 'UTC' })).toBe(utc(2015, 5, 17));
    expect(ms('5/17/2015 10:05:03 PM', { format: 'mdy', timeZone: 'UTC' })).toBe(utc(2015, 5, 17, 22, 5, 3));
    expect(ms('5/17/2015 12:30 AM', { format: 'mdy', timeZone: 'UTC' })).toBe(utc(2015, 5, 17, 0, 30));
    expect(ms('5/17/2015 12:30 pm', { format: 'mdy', timeZone: 'UTC' })).toBe(utc(2015, 5, 17, 12, 30));
    expect(reason('5/17/2015 13:30 PM', { format: 'mdy', timeZone: 'UTC' })).toContain('AM/PM');
    expect(ms('17/5/2015 10:05 +02:00', { format: 'dmy' })).toBe(utc(2015, 5, 17, 8, 5));
    expect(reason('29/2/2016 01:16', { format: 'dmy' })).toBe('no time zone');
  });

  it('will not guess the day/month order in auto mode, even when a day is above 12', () => {
    expect(reason('29/2/2016 01:16', { timeZone: 'UTC' })).toContain('dmy or mdy');
    expect(reason('5/3/2016 12:00', { timeZone: 'UTC' })).toContain('dmy or mdy');
  });
});

describe('parseTimestamp: log formats', () => {
  it('reads the Apache/NGINX common log time, with or without brackets', () => {
    expect(ms('17/May/2015:10:05:03 +0000')).toBe(utc(2015, 5, 17, 10, 5, 3));
    expect(ms('[17/May/2015:10:05:03 -0700]', { format: 'apache' })).toBe(utc(2015, 5, 17, 17, 5, 3));
    expect(ms('17/may/2015:10:05:03', { format: 'apache', timeZone: 'Europe/Paris' })).toBe(utc(2015, 5, 17, 8, 5, 3));
    expect(reason('17/Mai/2015:10:05:03 +0000', { format: 'apache' })).toContain('unknown month');
  });

  it('reads RFC 2822 dates and checks the day of the week', () => {
    expect(ms('Tue, 19 May 2015 10:05:03 +0000')).toBe(utc(2015, 5, 19, 10, 5, 3));
    expect(ms('Tue, 19 May 2015 10:05:03 GMT', { format: 'rfc2822' })).toBe(utc(2015, 5, 19, 10, 5, 3));
    expect(ms('19 May 2015 10:05 -0400')).toBe(utc(2015, 5, 19, 14, 5));
    expect(ms('Tue, 19 May 2015 10:05:03 EDT')).toBe(utc(2015, 5, 19, 14, 5, 3));
    expect(ms('Tue, 19 May 2015 10:05:03 +0200 (CEST)')).toBe(utc(2015, 5, 19, 8, 5, 3));
    expect(reason('Wed, 19 May 2015 10:05:03 +0000')).toContain('day of week');
  });
});

describe('parseTimestamp: local times across DST changes', () => {
  it('converts Europe/Paris wall times around both 2021 changes', () => {
    const paris = { timeZone: 'Europe/Paris' };
    expect(ms('2021-01-15 12:00', paris)).toBe(utc(2021, 1, 15, 11));
    expect(ms('2021-07-15 12:00', paris)).toBe(utc(2021, 7, 15, 10));
    // 28 March: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
    expect(ms('2021-03-28 01:59:59', paris)).toBe(utc(2021, 3, 28, 0, 59, 59));
    expect(ms('2021-03-28 03:00:00', paris)).toBe(utc(2021, 3, 28, 1));
    expect(ms('2021-03-28 02:30:00', paris)).toBe(utc(2021, 3, 28, 1, 30)); // does not exist: read as 03:30 CEST
    // 31 October: clocks go from 03:00 CEST back to 02:00 CET (01:00 UTC).
    expect(ms('2021-10-31 01:59', paris)).toBe(utc(2021, 10, 30, 23, 59));
    expect(ms('2021-10-31 02:30', paris)).toBe(utc(2021, 10, 31, 0, 30)); // happens twice: the earlier one
    expect(ms('2021-10-31 03:00', paris)).toBe(utc(2021, 10, 31, 2));
    expect(ms('31/10/2021 02:30', { ...paris, format: 'dmy' })).toBe(utc(2021, 10, 31, 0, 30));
  });

  it('converts America/New_York wall times around both 2021 changes', () => {
    const newYork = { timeZone: 'America/New_York' };
    expect(ms('2021-03-14 01:59', newYork)).toBe(utc(2021, 3, 14, 6, 59));
    expect(ms('2021-03-14 02:30', newYork)).toBe(utc(2021, 3, 14, 7, 30)); // gap: 03:30 EDT
    expect(ms('2021-03-14 03:00', newYork)).toBe(utc(2021, 3, 14, 7));
    expect(ms('2021-11-07 00:59', newYork)).toBe(utc(2021, 11, 7, 4, 59));
    expect(ms('2021-11-07 01:30', newYork)).toBe(utc(2021, 11, 7, 5, 30)); // twice: EDT first
    expect(ms('2021-11-07 02:00', newYork)).toBe(utc(2021, 11, 7, 7));
    expect(ms('3/14/2021 1:59 AM', { ...newYork, format: 'mdy' })).toBe(utc(2021, 3, 14, 6, 59));
  });

  it('reads back the instant of any local wall time, the earlier one where the wall time repeats', () => {
    // Lord Howe moves by 30 minutes, Kolkata and St John's have half-hour offsets.
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];
    const wallText = (instant: number, timeZone: string): string =>
      new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(instant);
    fc.assert(
      fc.property(fc.integer({ min: utc(1990, 1, 1) / 1000, max: utc(2040, 1, 1) / 1000 }), fc.constantFrom(...zones), (seconds, timeZone) => {
        const instant = seconds * 1000;
        const text = wallText(instant, timeZone);
        const read = ms(text, { timeZone, format: 'iso' });
        expect(wallText(read, timeZone)).toBe(text);
        expect(read).toBeLessThanOrEqual(instant);
        expect(instant - read).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 300 },
    );
  });
});

describe('empty values', () => {
  it('recognises the usual markers for "no value"', () => {
    for (const empty of ['', '  ', '?', '-', 'null', 'NULL', 'N/A', 'n/a', null, undefined]) expect(isEmptyValue(empty)).toBe(true);
    for (const value of ['0', 'none', 'x', '--', '2016']) expect(isEmptyValue(value)).toBe(false);
    expect(reason(' ? ')).toBe('empty');
    expect(reason('N/A', { format: 'dmy', timeZone: 'UTC' })).toBe('empty');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC, and refuses the rest', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Nowhere/Special')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('detectTimestampFormat', () => {
  it('picks dmy when a day is above 12, and mdy when a month position is', () => {
    expect(detectTimestampFormat(['29/2/2016 01:16', '5/3/2016 12:00', '?', ''])).toEqual({ ok: true, format: 'dmy', alternatives: [], needsTimeZone: true });
    expect(detectTimestampFormat(['2/29/2016 01:16', '3/5/2016 12:00'])).toEqual({ ok: true, format: 'mdy', alternatives: [], needsTimeZone: true });
  });

  it('prefers dmy when every day is 12 or less, naming mdy as the alternative', () => {
    expect(detectTimestampFormat(['5/3/2016 12:00', '1/2/2016 00:00'])).toMatchObject({ ok: true, format: 'dmy', alternatives: ['mdy'] });
  });

  it('recognises ISO, epoch seconds and milliseconds, Apache and RFC 2822 columns', () => {
    expect(detectTimestampFormat(['2015-05-17T10:05:03Z', '2015-05-17T10:05:03+02:00'])).toEqual({ ok: true, format: 'iso', alternatives: [], needsTimeZone: false });
    expect(detectTimestampFormat(['2015-05-17 10:05:03', '2015-05-17T10:05:03Z'])).toMatchObject({ format: 'iso', needsTimeZone: true });
    expect(detectTimestampFormat(['1431857103', '1431857200'])).toMatchObject({ ok: true, format: 'epoch_s', alternatives: [] });
    expect(detectTimestampFormat(['1431857103123', '1431857200000'])).toMatchObject({ ok: true, format: 'epoch_ms', alternatives: [] });
    expect(detectTimestampFormat(['17/May/2015:10:05:03 +0000'])).toMatchObject({ ok: true, format: 'apache', needsTimeZone: false });
    expect(detectTimestampFormat(['Tue, 19 May 2015 10:05:03 +0000'])).toMatchObject({ ok: true, format: 'rfc2822' });
  });

  it('says so when no single format fits every sample', () => {
    const mixed = detectTimestampFormat(['2015-05-17T10:05:03Z', '1431857103']);
    expect(mixed.ok).toBe(false);
    expect(detectTimestampFormat(['29/2/2016 01:16', '2/29/2016 01:16'])).toMatchObject({ ok: false });
    expect(detectTimestampFormat(['?', ''])).toEqual({ ok: false, reason: 'no non-empty samples' });
    expect(detectTimestampFormat(['soon'])).toEqual({ ok: false, reason: 'no known timestamp format fits these values' });
  });
});
