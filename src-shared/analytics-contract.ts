// Channels of analytics. Gathered into the one contract by contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import type { AnomalyMark, Overview, StatsReport, TopEntities } from './analytics-model';
import { DURATION_GROUPINGS, type DurationBreakdown } from './duration-breakdown-model';

export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD');
const anomalySeries = z.enum(['alerts', 'investigations']);

const rangeInput = z.object({
  /** First and last local day of the range, inclusive; the last 30 days to today when absent. */
  from: localDate.optional(),
  to: localDate.optional(),
  /** IANA zone the days are counted in. */
  timeZone: z.string().min(1).max(64),
}).strict();

export const analyticsChannels = {
  'analytics.stats': channel<StatsReport>()({
    input: rangeInput,
    access: needs('read_investigations'),
  }),
  /** The 20 entities linked to the most alerts of the range, values through the caller's PII lens. */
  'analytics.topEntities': channel<TopEntities>()({
    input: rangeInput,
    access: needs('read_investigations'),
  }),
  /**
   * Time to triage / acknowledge / resolve over the range broken down by severity, source, rule,
   * assignee or template, asked for on demand (the stats report carries only severity).
   */
  'analytics.durations': channel<DurationBreakdown>()({
    input: z.object({
      from: localDate.optional(),
      to: localDate.optional(),
      timeZone: z.string().min(1).max(64),
      by: z.enum(DURATION_GROUPINGS),
    }).strict(),
    access: needs('read_investigations'),
  }),
  /** Home's overview for the signed-in user: their queue, the backlog, today against the forecast, anomalies. */
  'analytics.overview': channel<Overview>()({
    input: z.object({ timeZone: z.string().min(1).max(64) }).strict(),
    access: needs('read_investigations'),
  }),
  /**
   * Marks a flagged day as expected (a campaign, a backfill): it shows as expected and is not raised
   * as an alert. A judgement on the team's data, so it needs the right to change investigations.
   */
  'analytics.markExpected': channel<AnomalyMark>()({
    input: z.object({ series: anomalySeries, date: localDate, note: z.string().trim().max(500) }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
  /** Takes a mark back (undo). */
  'analytics.unmarkExpected': channel<{ ok: true }>()({
    input: z.object({ series: anomalySeries, date: localDate }).strict(),
    access: needs('modify_investigations'),
    audited: true,
  }),
};
