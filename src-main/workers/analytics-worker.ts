// Worker entry that computes a stats report (built as out/main/analytics-worker.js) on a read
// connection of its own. A report reads every case's status log, sums alerts per quarter hour and
// fits two forecasts (tens of ms each over three years of days): together more than the main thread
// may hold, and more with every case a team adds.
import { z } from 'zod';
import { openDatabase } from '../store/database';
import { AnalyticsQueries } from '../analytics/analytics-queries';
import { buildStatsReport, statsRequest } from '../analytics/stats-report';
import { SettingsReader } from '../settings/settings-repository';
import { readSlaPolicy } from '../settings/sla-policy';
import { serveOneJob } from './worker-job';

const requestSchema = z.object({
  databasePath: z.string().min(1),
  nativeBinding: z.string().optional(),
  input: z.object({ from: z.string().optional(), to: z.string().optional(), timeZone: z.string() }).strict(),
  now: z.number(),
}).strict();

serveOneJob((raw, job) => {
  const request = requestSchema.parse(raw);
  // Checked here, not on the main thread: the first use of a time zone loads ICU's zone data (~24 ms measured).
  const stats = statsRequest(request.input, request.now);
  const db = openDatabase(request.databasePath, { key: job.dataKey, nativeBinding: request.nativeBinding, readonly: true });
  try {
    // Read on the worker's own connection, at each report: the levels an administrator saved last.
    const policy = readSlaPolicy(new SettingsReader(db));
    return buildStatsReport(new AnalyticsQueries(db), { ...stats, sla: { targets: policy.targetsMs, atRiskWindowMs: policy.atRiskWindowMs } });
  } finally {
    db.close();
  }
});
