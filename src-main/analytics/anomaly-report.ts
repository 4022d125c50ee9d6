// The anomalies of a range read from the vault: alerts and investigations opened per local day, each
// day of the range against the same weekday of the 4 weeks before it (read from before the range as
// needed), and alerts per hour over the range's last 7 days against the same hour of the week.
import type { AnomalyMark, AnomalyReport } from '../../src-shared/analytics-model';
import { localDays, offsetAt, zoneFor, type LocalDay } from '../platform/zoned-time';
import type { AnalyticsQueries } from './analytics-queries';
import { ANOMALY_METHOD, BASELINE_DAYS, BASELINE_HOURS, scoreDays, scoreHours } from './anomaly-scoring';
import { bucketIndex } from './day-index';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOURS_SCORED = 7 * 24;

export interface AnomalyInput {
  /** The range's local days, sorted and contiguous. */
  days: readonly LocalDay[];
  timeZone: string;
  now: number;
  /** Alerts that occurred in each span (days, or hours). */
  alertsPerSpan: AnalyticsQueries['alertsPerDay'];
  /** Investigations opened in each day. */
  investigationsPerDay: AnalyticsQueries['casesOpenedPerDay'];
  firstAlertAt: number | null;
  firstInvestigationAt: number | null;
  marks: ReadonlyMap<string, AnomalyMark>;
}

/** Where the data began among `buckets`: 0 when before them, null when there is none (or only after them). */
function dataStart(buckets: readonly { start: number; end: number }[], firstAt: number | null): number | null {
  if (firstAt === null) return null;
  if (buckets.length === 0 || firstAt < (buckets[0]?.start ?? 0)) return 0;
  const index = bucketIndex(buckets, firstAt);
  return index < 0 ? null : index;
}

/** The range's days with the BASELINE_DAYS local days before them. */
export function daysWithBaseline(days: readonly LocalDay[], timeZone: string): { all: LocalDay[]; rangeStart: number } {
  const first = days[0];
  if (!first) return { all: [], rangeStart: 0 };
  const before = localDays(first.start - BASELINE_DAYS * DAY, first.start - 1, timeZone).filter((d) => d.date < first.date).slice(-BASELINE_DAYS);
  return { all: [...before, ...days], rangeStart: before.length };
}

export function buildAnomalyReport(input: AnomalyInput): AnomalyReport {
  const { all, rangeStart } = daysWithBaseline(input.days, input.timeZone);
  const last = all[all.length - 1];
  const first = all[0];
  if (!first || !last) throw new RangeError('The range holds no days');
  const alertCounts = input.alertsPerSpan(all);
  const caseCounts = input.investigationsPerDay(all);
  return {
    method: ANOMALY_METHOD,
    days: {
      alerts: scoreDays({ series: 'alerts', days: all, counts: alertCounts, rangeStart, dataStart: dataStart(all, input.firstAlertAt) }, input.now, input.marks),
      investigations: scoreDays({ series: 'investigations', days: all, counts: caseCounts, rangeStart, dataStart: dataStart(all, input.firstInvestigationAt) }, input.now, input.marks),
    },
    hours: hourAnomalies(input, last.end),
  };
}

/** Complete hours of the last 7 days up to the range's end (or now, if sooner). */
function hourAnomalies(input: AnomalyInput, rangeEnd: number): AnomalyReport['hours'] {
  const end = Math.floor(Math.min(rangeEnd, input.now) / HOUR) * HOUR;
  const from = end - (HOURS_SCORED + BASELINE_HOURS) * HOUR;
  const hours = Array.from({ length: HOURS_SCORED + BASELINE_HOURS }, (_, i) => ({ start: from + i * HOUR, end: from + (i + 1) * HOUR }));
  const counts = input.alertsPerSpan(hours);
  const zone = zoneFor(input.timeZone);
  const labelOf = (at: number) => {
    const offset = zone === null || zone === 'utc' ? 0 : offsetAt(at, zone);
    return new Date(at + offset).toISOString().slice(0, 16).replace('T', ' ');
  };
  return scoreHours({ from, counts, scoreFrom: BASELINE_HOURS, dataStart: dataStart(hours, input.firstAlertAt) }, labelOf);
}
