// When the alerts of a case happened (their occurred_at), for the timeline beside the case's own
// activity. Bounded: up to LISTED_ONE_BY_ONE alerts are listed one by one; beyond that they are
// counted per hour, or per day in the reader's zone, and past MAX_GROUPS days only the latest days
// are listed with one item for everything before them. An investigation of 10k alerts gives at
// most MAX_GROUPS + 1 items, and each grouped item says how many alerts it stands for.
import type { TimelineItem } from '../../src-shared/workspace-model';
import { localDate } from '../../src-shared/zoned-time';
import type { SqliteDatabase } from '../store/database';
import type { ReadView } from './read-view';

export const LISTED_ONE_BY_ONE = 200;
export const MAX_GROUPS = 200;
const HOUR_MS = 3_600_000;

export interface OccurrenceHour {
  /** Start of the UTC hour, ms. */
  hour: number;
  count: number;
  /** The first alert's time in the hour: where the item sits on the timeline. */
  first: number;
}

interface AlertOccurrenceRow { id: string; occurred_at: number; title: string; severity: string }

export class AlertOccurrences {
  private readonly count;
  private readonly each;
  private readonly hours;

  constructor(db: SqliteDatabase) {
    this.count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM alerts WHERE investigation_id = ? AND deleted_at IS NULL');
    this.each = db.prepare<[string], AlertOccurrenceRow>(
      'SELECT id, occurred_at, title, severity FROM alerts WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY occurred_at, id',
    );
    // The hour is a code constant in the SQL: a bound number would divide as a real.
    this.hours = db.prepare<[string], OccurrenceHour>(
      `SELECT (occurred_at / ${HOUR_MS}) * ${HOUR_MS} AS hour, count(*) AS count, min(occurred_at) AS first
       FROM alerts WHERE investigation_id = ? AND deleted_at IS NULL GROUP BY 1 ORDER BY 1`,
    );
  }

  items(investigationId: string, view: ReadView, timeZone: string): TimelineItem[] {
    const total = this.count.get(investigationId)?.n ?? 0;
    if (total <= LISTED_ONE_BY_ONE) {
      return this.each.all(investigationId).map((alert) => ({
        at: alert.occurred_at,
        kind: 'occurrence',
        refId: alert.id,
        title: `Alert occurred (${alert.severity}): ${view.text(investigationId, alert.title)}`,
        by: null,
        occurrences: { count: 1, span: 'alert' },
      }));
    }
    return groupOccurrences(this.hours.all(investigationId), timeZone);
  }
}

/** Hours as they are when there are few enough of them, else local days, else the latest days and one item for the rest. */
export function groupOccurrences(hours: readonly OccurrenceHour[], timeZone: string, maxGroups = MAX_GROUPS): TimelineItem[] {
  if (hours.length <= maxGroups) {
    return hours.map((h) => occurrenceGroup(h.first, h.count, 'hour', `hour:${h.hour}`, `${plural(h.count)} occurred in this hour`));
  }
  const days: { date: string; count: number; first: number }[] = [];
  for (const h of hours) {
    const date = localDate(h.hour, timeZone);
    const last = days[days.length - 1];
    if (last && last.date === date) last.count += h.count;
    else days.push({ date, count: h.count, first: h.first });
  }
  const listed = days.slice(-maxGroups);
  const earlier = days.slice(0, days.length - listed.length);
  const items = listed.map((d) => occurrenceGroup(d.first, d.count, 'day', `day:${d.date}`, `${plural(d.count)} occurred on this day`));
  if (earlier.length > 0) {
    const count = earlier.reduce((sum, d) => sum + d.count, 0);
    const first = earlier[0]?.first ?? 0;
    const before = listed[0]?.date ?? '';
    items.unshift(occurrenceGroup(first, count, 'earlier', `before:${before}`, `${plural(count)} occurred before ${before} (${earlier.length} days, not listed day by day)`));
  }
  return items;
}

/**
 * The case's activity and its alerts' occurrences in one list, oldest first. At the same instant
 * the activity comes first, in the order it was given (its own order: status first).
 */
export function mergeTimeline(activity: readonly TimelineItem[], occurrences: readonly TimelineItem[]): TimelineItem[] {
  return [...activity, ...occurrences]
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || a.index - b.index)
    .map(({ item }) => item);
}

function occurrenceGroup(at: number, count: number, span: 'hour' | 'day' | 'earlier', refId: string, title: string): TimelineItem {
  return { at, kind: 'occurrence', refId, title, by: null, occurrences: { count, span } };
}

function plural(count: number): string {
  return `${count.toLocaleString('en-US')} alert${count === 1 ? '' : 's'}`;
}
