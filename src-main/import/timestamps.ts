// Timestamps from imported files to UTC milliseconds. A wall-clock time is never guessed into a
// zone: it needs an offset in the text or an explicit IANA zone, converted with Intl including DST.
//
// Zone arithmetic is Intl (the runtime's own time-zone data) plus src-shared/zoned-time.ts, not
// temporal-polyfill: tests/unit/import/time-zone-reference.test.ts checks both give the same
// instants, around daylight-saving changes too, and found the polyfill (0.3) dropping daylight
// saving ten years ahead (July 2036 in Paris one hour off), where this code matches Intl.

import { wallToUtc, zoneFor } from '../../src-shared/zoned-time';

export { isValidTimeZone } from '../../src-shared/zoned-time';

export const TIMESTAMP_FORMATS = ['auto', 'iso', 'epoch_s', 'epoch_ms', 'dmy', 'mdy', 'apache', 'rfc2822'] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];
export type ConcreteTimestampFormat = Exclude<TimestampFormat, 'auto'>;

export interface TimestampOptions {
  format?: TimestampFormat;
  /** IANA zone ('Europe/Paris', 'UTC') for times written without an offset. */
  timeZone?: string;
}

export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: string };

const EMPTY_MARKERS = new Set(['', '?', '-', 'null', 'n/a']);

/** True for the values exports use to mean "no value": '', '?', '-', 'null', 'N/A' (any case, trimmed). */
export function isEmptyValue(text: string | null | undefined): boolean {
  return text === null || text === undefined || EMPTY_MARKERS.has(text.trim().toLowerCase());
}

/**
 * What the text says, before any zone is applied: an instant (epoch), or wall-clock fields
 * encoded as if they were UTC plus the offset written in the text, if any.
 */
type Reading = { kind: 'instant'; ms: number } | { kind: 'wall'; wallMs: number; offsetMs: number | null } | { kind: 'error'; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const HOUR_MS = 3_600_000;
// Years 1000–9999: anything outside is a unit or format mistake (seconds read as milliseconds…).
const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(10000, 0, 1);

// RFC 2822 §4.3 obsolete zone names, still written by mail and some log shippers.
const NAMED_ZONES: Record<string, number> = { z: 0, ut: 0, utc: 0, gmt: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7 };

const ZONE = String.raw`(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*${ZONE}?$`, 'i');
const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
const DAY_MONTH = new RegExp(
  String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ t]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(am|pm)?)?\s*${ZONE}?$`,
  'i',
);
const APACHE = /^\[?(\d{1,2})\/([a-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\s+([+-]\d{4}))?\]?$/i;
const RFC2822 = /^(?:([a-z]{3}),?\s+)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{4}|[a-z]{1,3}))?(?:\s*\([^)]*\))?$/i;

/** Parses one timestamp. Empty markers give { ok: false, reason: 'empty' }; check isEmptyValue first to store null. */
export function parseTimestamp(text: string, options: TimestampOptions = {}): TimestampResult {
  const trimmed = text.trim();
  if (isEmptyValue(trimmed)) return { ok: false, reason: 'empty' };
  return resolve(read(trimmed, options.format ?? 'auto'), options.timeZone);
}

function read(text: string, format: TimestampFormat): Reading {
  switch (format) {
    case 'iso':
      return readIso(text);
    case 'epoch_s':
      return readEpoch(text, 's');
    case 'epoch_ms':
      return readEpoch(text, 'ms');
    case 'dmy':
      return readDayMonth(text, 'dmy');
    case 'mdy':
      return readDayMonth(text, 'mdy');
    case 'apache':
      return readApache(text);
    case 'rfc2822':
      return readRfc2822(text);
    case 'auto':
      return readAuto(text);
  }
}

function readAuto(text: string): Reading {
  if (ISO.test(text)) return readIso(text);
  if (EPOCH.test(text)) return readEpoch(text, 'auto');
  if (APACHE.test(text)) return readApache(text);
  if (RFC2822.test(text)) return readRfc2822(text);
  // Deciding per value would read 3/4 and 29/3 of one column in different orders.
  if (DAY_MONTH.test(text)) return { kind: 'error', reason: 'day/month order is ambiguous: use format dmy or mdy' };
  return { kind: 'error', reason: 'unrecognised timestamp' };
}

function readIso(text: string): Reading {
  const m = ISO.exec(text);
  if (!m) return { kind: 'error', reason: 'not an ISO 8601 timestamp' };
  return wallReading(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]), fraction(m[7]), m[8]);
}

function readEpoch(text: string, unit: 's' | 'ms' | 'auto'): Reading {
  if (!EPOCH.test(text)) return { kind: 'error', reason: 'not an epoch number' };
  const value = Number(text);
  // Seconds until 1e11 (year 5138); milliseconds from there until 1e14. Seconds since 1970 never
  // reach 1e11 in practice and milliseconds only fall below it before March 1973.
  const inSeconds = unit === 's' || (unit === 'auto' && Math.abs(value) < 1e11);
  if (unit === 'auto' && Math.abs(value) >= 1e14) return { kind: 'error', reason: 'number too large for epoch milliseconds' };
  return { kind: 'instant', ms: inSeconds ? Math.round(value * 1000) : Math.round(value) };
}

function readDayMonth(text: string, order: 'dmy' | 'mdy'): Reading {
  const m = DAY_MONTH.exec(text);
  if (!m) return { kind: 'error', reason: `not a ${order === 'dmy' ? 'D/M/YYYY' : 'M/D/YYYY'} timestamp` };
  const [day, month] = order === 'dmy' ? [num(m[1]), num(m[3])] : [num(m[3]), num(m[1])];
  let hour = num(m[5]);
  const meridiem = m[9]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { kind: 'error', reason: 'invalid hour for AM/PM' };
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return wallReading(num(m[4]), month, day, hour, num(m[6]), num(m[7]), fraction(m[8]), m[10]);
}

function readApache(text: string): Reading {
  const m = APACHE.exec(text);
  if (!m) return { kind: 'error', reason: 'not an Apache log timestamp (17/May/2015:10:05:03 +0000)' };
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  if (month === 0) return { kind: 'error', reason: `unknown month "${m[2]}"` };
  return wallReading(num(m[3]), month, num(m[1]), num(m[4]), num(m[5]), num(m[6]), 0, m[7]);
}

function readRfc2822(text: string): Reading {
  const m = RFC2822.exec(text);
  if (!m) return { kind: 'error', reason: 'not an RFC 2822 timestamp (Tue, 19 May 2015 10:05:03 +0000)' };
  const month = MONTHS.indexOf((m[3] ?? '').toLowerCase()) + 1;
  if (month === 0) return { kind: 'error', reason: `unknown month "${m[3]}"` };
  const reading = wallReading(num(m[4]), month, num(m[2]), num(m[5]), num(m[6]), num(m[7]), 0, m[8]);
  const weekday = m[1]?.toLowerCase();
  if (reading.kind === 'wall' && weekday !== undefined) {
    const expected = WEEKDAYS[new Date(reading.wallMs).getUTCDay()];
    // A wrong weekday means the date was mangled somewhere; better refused than trusted.
    if (weekday !== expected) return { kind: 'error', reason: `the day of week "${m[1]}" does not match the date` };
  }
  return reading;
}

function wallReading(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, zone: string | undefined): Reading {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { kind: 'error', reason: 'invalid date' };
  if (hour > 23 || minute > 59 || second > 59) return { kind: 'error', reason: 'invalid time of day' };
  let offsetMs: number | null = null;
  if (zone !== undefined) {
    offsetMs = zoneOffset(zone);
    if (offsetMs === null) return { kind: 'error', reason: `invalid zone "${zone}"` };
  }
  // setUTCFullYear, not Date.UTC, which would read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return { kind: 'wall', wallMs: date.getTime(), offsetMs };
}

function zoneOffset(zone: string): number | null {
  const named = NAMED_ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * HOUR_MS;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = num(m[2]);
  const minutes = num(m[3]);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * HOUR_MS + minutes * 60_000);
}

function resolve(reading: Reading, timeZone: string | undefined): TimestampResult {
  let ms: number;
  if (reading.kind === 'error') return { ok: false, reason: reading.reason };
  if (reading.kind === 'instant') {
    ms = reading.ms;
  } else if (reading.offsetMs !== null) {
    ms = reading.wallMs - reading.offsetMs;
  } else {
    if (timeZone === undefined || timeZone === '') return { ok: false, reason: 'no time zone' };
    const zone = zoneFor(timeZone);
    if (zone === null) return { ok: false, reason: `unknown time zone "${timeZone}"` };
    ms = zone === 'utc' ? reading.wallMs : wallToUtc(reading.wallMs, zone);
  }
  if (!(ms >= MIN_MS && ms < MAX_MS)) return { ok: false, reason: 'out of range (years 1000–9999)' };
  return { ok: true, ms };
}

export type TimestampDetection =
  | {
      ok: true;
      format: ConcreteTimestampFormat;
      /** Other formats every sample also fits (e.g. 'mdy' when no day is above 12): worth asking the user. */
      alternatives: ConcreteTimestampFormat[];
      /** Some samples carry no offset, so a time zone must be chosen. */
      needsTimeZone: boolean;
    }
  | { ok: false; reason: string };

// Order of preference when several fit; dmy before mdy because most of the world writes it so
// (and the ServiceNow exports we see do).
const DETECTABLE: ConcreteTimestampFormat[] = ['iso', 'rfc2822', 'apache', 'epoch_ms', 'epoch_s', 'dmy', 'mdy'];

/** Picks the one format that reads every non-empty sample. */
export function detectTimestampFormat(samples: string[]): TimestampDetection {
  const values = samples.map((sample) => sample.trim()).filter((sample) => !isEmptyValue(sample));
  if (values.length === 0) return { ok: false, reason: 'no non-empty samples' };
  const fitting: { format: ConcreteTimestampFormat; needsTimeZone: boolean }[] = [];
  let nearest: { format: ConcreteTimestampFormat; fits: number; misfit: string } | null = null;
  for (const format of DETECTABLE) {
    let fits = 0;
    let misfit: string | null = null;
    let needsTimeZone = false;
    for (const value of values) {
      const reading = read(value, format);
      if (reading.kind !== 'error' && fitsMagnitude(format, value)) {
        fits++;
        if (reading.kind === 'wall' && reading.offsetMs === null) needsTimeZone = true;
      } else {
        misfit ??= value;
      }
    }
    if (misfit === null) fitting.push({ format, needsTimeZone });
    else if (fits > 0 && (nearest === null || fits > nearest.fits)) nearest = { format, fits, misfit };
  }
  const [chosen, ...others] = fitting;
  if (chosen === undefined) {
    return {
      ok: false,
      reason: nearest === null ? 'no known timestamp format fits these values' : `no single format fits every value: "${nearest.misfit}" is not ${nearest.format}`,
    };
  }
  return { ok: true, format: chosen.format, alternatives: others.map((other) => other.format), needsTimeZone: chosen.needsTimeZone };
}

// Both epoch formats read any number; when detecting, only a plausible magnitude counts.
function fitsMagnitude(format: ConcreteTimestampFormat, value: string): boolean {
  if (format !== 'epoch_s' && format !== 'epoch_ms') return true;
  const magnitude = Math.abs(Number(value));
  return format === 'epoch_s' ? magnitude < 1e11 : magnitude >= 1e11 && magnitude < 1e14;
}

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text);
}

function fraction(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits.padEnd(3, '0').slice(0, 3));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
