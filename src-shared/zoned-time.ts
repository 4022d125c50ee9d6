// Wall-clock time in an IANA zone, from the runtime's own time-zone data (Intl): the instant a zone's
// clocks showed a given time, daylight-saving changes included, and the reverse. Shared by import
// (times written without an offset), analytics (day boundaries in the user's zone) and the renderer
// (a chart's day opened as a filtered list counts the same instants as the chart).

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Memos, not shared state: a formatter costs tens of microseconds to build and formatToParts a
// few, which across a 100k-row import would dominate the parse. Offsets are memoised per whole
// UTC hour, which is all wallToUtc asks for on its usual path; the map is capped.
export interface Zone {
  format: Intl.DateTimeFormat;
  hourly: Map<number, number>;
}
const zones = new Map<string, Zone | 'utc' | null>();
const MAX_MEMO_HOURS = 100_000;

export function zoneFor(timeZone: string): Zone | 'utc' | null {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    if (zones.size >= 1000) zones.clear(); // zone names come from files: do not let them grow this
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      zone = format.resolvedOptions().timeZone === 'UTC' ? 'utc' : { format, hourly: new Map() };
    } catch {
      zone = null;
    }
    zones.set(timeZone, zone);
  }
  return zone;
}

/** True when Intl knows the IANA zone name (or it is 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  return timeZone !== '' && zoneFor(timeZone) !== null;
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetAt(utcMs: number, zone: Zone): number {
  const fields: Record<string, number> = {};
  for (const part of zone.format.formatToParts(utcMs)) fields[part.type] = Number(part.value);
  const date = new Date(0);
  date.setUTCFullYear(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1);
  date.setUTCHours(fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, 0);
  return date.getTime() - Math.floor(utcMs / 1000) * 1000;
}

function offsetAtHour(hour: number, zone: Zone): number {
  let offset = zone.hourly.get(hour);
  if (offset === undefined) {
    if (zone.hourly.size >= MAX_MEMO_HOURS) zone.hourly.clear();
    offset = offsetAt(hour * HOUR_MS, zone);
    zone.hourly.set(hour, offset);
  }
  return offset;
}

/**
 * The instant at which the zone's clocks showed `wallMs`. Around a DST change the answer follows
 * Temporal's 'compatible' rule (as java.time and most libraries do): a time that occurs twice
 * (clocks going back) is the earlier instant; a time skipped (clocks going forward) is moved
 * forward by the gap, so 02:30 on a spring-forward night in Paris becomes 03:30 CEST.
 */
export function wallToUtc(wallMs: number, zone: Zone): number {
  // Offsets a day (and up to an hour) either side; no zone changes its offset twice in that span.
  const before = offsetAtHour(Math.floor((wallMs - DAY_MS) / HOUR_MS), zone);
  const after = offsetAtHour(Math.ceil((wallMs + DAY_MS) / HOUR_MS), zone);
  if (before === after) return wallMs - before;
  const valid = [before, after].filter((offset) => offsetAt(wallMs - offset, zone) === offset).map((offset) => wallMs - offset);
  if (valid.length === 0) return wallMs - before; // in the gap
  return Math.min(...valid);
}

/** One calendar day in a zone: its date, its first instant and the next day's (23 or 25 hours apart across a DST change). */
export interface LocalDay {
  date: string;
  start: number;
  end: number;
}

function zoneOrThrow(timeZone: string): Zone | 'utc' {
  const zone = zoneFor(timeZone);
  if (zone === null) throw new RangeError(`Unknown time zone "${timeZone}"`);
  return zone;
}

/** The zone's calendar date at an instant, as UTC midnight of that date (for date arithmetic). */
function localMidnightKey(ms: number, zone: Zone | 'utc'): number {
  const offset = zone === 'utc' ? 0 : offsetAt(ms, zone);
  return Math.floor((ms + offset) / DAY_MS) * DAY_MS;
}

function startOf(midnightKey: number, zone: Zone | 'utc'): number {
  return zone === 'utc' ? midnightKey : wallToUtc(midnightKey, zone);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a 'YYYY-MM-DD' calendar date, or null when it is not a real date. */
function dateKey(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const key = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(key).toISOString().slice(0, 10) === date ? key : null;
}

/**
 * The instants [start, end) of the calendar days `from` to `to` (inclusive, 'YYYY-MM-DD') in a zone:
 * from the first day's first instant to the instant after the last day. A day is 23 or 25 hours
 * across a daylight-saving change; a midnight the clocks skip starts the day when they resume.
 * Null for a date that does not exist, a reversed range or an unknown zone.
 */
export function localDayRange(from: string, to: string, timeZone: string): { start: number; end: number } | null {
  const first = dateKey(from);
  const last = dateKey(to);
  const zone = zoneFor(timeZone);
  if (first === null || last === null || last < first || zone === null) return null;
  return { start: startOf(first, zone), end: startOf(last + DAY_MS, zone) };
}

/** The zone's calendar date at an instant, 'YYYY-MM-DD'. */
export function localDate(ms: number, timeZone: string): string {
  return new Date(localMidnightKey(ms, zoneOrThrow(timeZone))).toISOString().slice(0, 10);
}

/**
 * Every calendar day from the one holding `fromMs` to the one holding `toMs`, inclusive. A week
 * whose first and last midnights have the same offset has it at every midnight between (no zone
 * changes its offset twice in a week), so only weeks holding a change are resolved day by day:
 * three years of days took ~60 ms of Intl calls one day at a time, a few ms this way.
 */
export function localDays(fromMs: number, toMs: number, timeZone: string): LocalDay[] {
  const zone = zoneOrThrow(timeZone);
  const firstKey = localMidnightKey(fromMs, zone);
  const lastKey = localMidnightKey(toMs, zone);
  const starts: number[] = [];
  for (let weekKey = firstKey; weekKey <= lastKey + DAY_MS; weekKey += 7 * DAY_MS) {
    const endKey = Math.min(weekKey + 6 * DAY_MS, lastKey + DAY_MS);
    const first = startOf(weekKey, zone);
    const offset = weekKey - first;
    const steady = endKey - startOf(endKey, zone) === offset;
    for (let key = weekKey; key <= endKey; key += DAY_MS) starts.push(steady ? key - offset : startOf(key, zone));
  }
  const days: LocalDay[] = [];
  for (let i = 0, key = firstKey; key <= lastKey; i += 1, key += DAY_MS) {
    days.push({ date: new Date(key).toISOString().slice(0, 10), start: starts[i] ?? 0, end: starts[i + 1] ?? 0 });
  }
  return days;
}
