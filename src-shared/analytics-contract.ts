// Channels of analytics. Gathered into the one contract by contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import type { StatsReport } from './analytics-model';

export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD');

export const analyticsChannels = {
  'analytics.stats': channel<StatsReport>()({
    input: z.object({
      /** First and last local day of the range, inclusive; the last 30 days to today when absent. */
      from: localDate.optional(),
      to: localDate.optional(),
      /** IANA zone the days are counted in. */
      timeZone: z.string().min(1).max(64),
    }).strict(),
    access: needs('read_investigations'),
  }),
};
