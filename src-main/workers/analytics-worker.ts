// Worker entry that computes a stats report, a range's top entities or Home's overview (built as
// out/main/analytics-worker.js)
// on a read connection of its own. A report reads every case's status log, sums alerts per quarter
// hour and fits two forecasts (tens of ms each over three years of days): together more than the
// main thread may hold, and more with every case a team adds.
import { z } from 'zod';
import { openDatabase } from '../store/database';
import { AnalyticsQueries } from '../analytics/analytics-queries';
import { OverviewQueries } from '../analytics/overview-queries';
import { readAnomalyMarks } from '../analytics/anomaly-marks';
import { buildOverview } from '../analytics/overview';
import { buildStatsReport, statsRequest } from '../analytics/stats-report';
import { buildTopEntities } from '../analytics/top-entities';
import { VigilError } from '../../src-shared/errors';
import { isValidTimeZone } from '../platform/zoned-time';
import { SettingsReader } from '../settings/settings-repository';
import { readSlaPolicy } from '../settings/sla-policy';
import { serveOneJob } from './worker-job';

const rangeInput = z.object({ from: z.string().optional(), to: z.string().optional(), timeZone: z.string() }).strict();

const requestSchema = z.object({
  databasePath: z.string().min(1),
  nativeBinding: z.string().optional(),
  job: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('stats'), input: rangeInput }).strict(),
    z.object({ kind: z.literal('topEntities'), input: rangeInput }).strict(),
    z.object({ kind: z.literal('overview'), userId: z.string().min(1), timeZone: z.string() }).strict(),
  ]),
  now: z.number(),
}).strict();

serveOneJob((raw, job) => {
  const request = requestSchema.parse(raw);
  const work = request.job;
  // Checked here, not on the main thread: the first use of a time zone loads ICU's zone data (~24 ms measured).
  const stats = work.kind === 'stats' || work.kind === 'topEntities' ? statsRequest(work.input, request.now) : null;
  if (work.kind === 'overview' && !isValidTimeZone(work.timeZone)) throw new VigilError('VALIDATION', `Unknown time zone "${work.timeZone}"`, { timeZone: work.timeZone });
  const db = openDatabase(request.databasePath, { key: job.dataKey, nativeBinding: request.nativeBinding, readonly: true });
  try {
    const queries = new AnalyticsQueries(db);
    if (stats && work.kind === 'topEntities') return buildTopEntities(queries, stats);
    const sources = { overview: new OverviewQueries(db), marks: readAnomalyMarks(db) };
    // Read on the worker's own connection, at each report: the levels an administrator saved last.
    const policy = readSlaPolicy(new SettingsReader(db));
    const sla = { targets: policy.targetsMs, atRiskWindowMs: policy.atRiskWindowMs };
    if (stats) return buildStatsReport(queries, { ...stats, sla }, sources);
    if (work.kind !== 'overview') throw new Error('unreachable');
    return buildOverview(queries, sources.overview, sources.marks, { userId: work.userId, timeZone: work.timeZone, now: request.now, sla });
  } finally {
    db.close();
  }
});
