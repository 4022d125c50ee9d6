// A filtered list as an address: #triage/from=2026-11-03&to=2026-11-03&tz=Europe/Berlin&rule=…, so a
// chart (or anyone) can open "the alerts of this day" and the address says which. Pairs are
// application/x-www-form-urlencoded (URLSearchParams), with / and : left readable.
import { localDayRange } from '../../src-shared/zoned-time';

/** Inclusive local dates in a zone, as the analytics screen counts them. */
export interface LocalDays {
  from: string;
  to: string;
  timeZone: string;
}

/** The pairs as a route param; empty values are left out, and no pairs at all is no param. */
export function routeQuery(values: ReadonlyArray<readonly [string, string | null | undefined]>): string | null {
  const query = new URLSearchParams();
  for (const [key, value] of values) if (value) query.append(key, value);
  const text = query.toString().replace(/%2F/gi, '/').replace(/%3A/gi, ':');
  return text === '' ? null : text;
}

/** The pairs of a route param, or null when it is not key=value pairs (an id, `entity:<id>`). */
export function readRouteQuery(param: string | null): URLSearchParams | null {
  if (param === null || !/^[\w-]+=/.test(param)) return null;
  return new URLSearchParams(param);
}

/** from, to (defaults to from) and tz, when they name real days in a known zone. */
export function readLocalDays(query: URLSearchParams): LocalDays | null {
  const from = query.get('from');
  const to = query.get('to') ?? from;
  const timeZone = query.get('tz');
  if (!from || !to || !timeZone || localDayRange(from, to, timeZone) === null) return null;
  return { from, to, timeZone };
}

export function localDaysQuery(days: LocalDays | null): Array<[string, string | null]> {
  return days ? [['from', days.from], ['to', days.to], ['tz', days.timeZone]] : [];
}

/**
 * How the filter reads on screen: "2026-11-03" or "2026-11-01 – 2026-11-30", with the zone only when
 * it is not the one the user's clock is in ("2026-11-03, Europe/Berlin"), to keep the filter bar short.
 */
export function localDaysLabel(days: LocalDays, userZone: string): string {
  const dates = days.from === days.to ? days.from : `${days.from} – ${days.to}`;
  return days.timeZone === userZone ? dates : `${dates}, ${days.timeZone}`;
}

/** The zone the user's clock is in, as the analytics screen counts days. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
