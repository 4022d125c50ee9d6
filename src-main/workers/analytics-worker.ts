// Resident worker entry (workers/resident-launcher.ts) that computes stats reports, a range's top
// entities, duration breakdowns and Home's overview (built as out/main/analytics-worker.js) on a read
// connection of its own, kept open between jobs so its page cache stays warm. A report reads the
// rollups, sorts a range's triage times and fits two forecasts (tens of ms each over three years of
// days): more than the main thread may hold.
import { z } from 'zod';
import { openDatabase, type SqliteDatabase } from '../store/database';
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
import { serveResidentJobs } from './resident-jobs';
import { DURATION_GROUPINGS } from '../../src-shared/duration-breakdown-model';
import { DurationBreakdownQueries } from '../analytics/duration-breakdown-queries';
import { buildDurationBreakdown } from '../analytics/duration-breakdown';
import { TEMPLATES } from '../investigations/templates';

const openSchema = z.object({ databasePath: z.string().min(1), nativeBinding: z.string().optional() }).strict();

const rangeInput = z.object({ from: z.string().optional(), to: z.string().optional(), timeZone: z.string() }).strict();

const requestSchema = z.object({
  job: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('stats'), input: rangeInput }).strict(),
    z.object({ kind: z.literal('topEntities'), input: rangeInput }).strict(),
    z.object({ kind: z.literal('overview'), userId: z.string().min(1), timeZone: z.string() }).strict(),
    z.object({
      kind: z.literal('durations'),
      input: rangeInput.extend({ by: z.enum(DURATION_GROUPINGS) }).strict(),
    }).strict(),
  ]),
  now: z.number(),
}).strict();

interface Open {
  db: SqliteDatabase;
  queries: AnalyticsQueries;
  overview: OverviewQueries;
  durations: DurationBreakdownQueries;
}

serveResidentJobs<Open>({
  open(init, dataKey) {
    const { databasePath, nativeBinding } = openSchema.parse(init);
    const db = openDatabase(databasePath, { key: dataKey, nativeBinding, readonly: true });
    return { db, queries: new AnalyticsQueries(db), overview: new OverviewQueries(db), durations: new DurationBreakdownQueries(db) };
  },
  run({ db, queries, overview, durations }, raw) {
    const request = requestSchema.parse(raw);
    const work = request.job;
    // Checked here, not on the main thread: the first use of a time zone loads ICU's zone data (~24 ms measured).
    const stats = work.kind === 'overview' ? null : statsRequest(work.input, request.now);
    if (work.kind === 'overview' && !isValidTimeZone(work.timeZone)) throw new VigilError('VALIDATION', `Unknown time zone "${work.timeZone}"`, { timeZone: work.timeZone });
    // One read transaction per job: every number of a report comes from the same snapshot, and none
    // is held between jobs (a reader left open would keep checkpoints from emptying the WAL).
    return db.transaction(() => {
      if (stats && work.kind === 'topEntities') return buildTopEntities(queries, stats);
      const sources = { overview, marks: readAnomalyMarks(db) };
      // The levels an administrator saved last, read at each report.
      const policy = readSlaPolicy(new SettingsReader(db));
      const sla = { targets: policy.targetsMs, atRiskWindowMs: policy.atRiskWindowMs };
      if (stats && work.kind === 'durations') {
        const names = { users: overview.displayNames(), templates: new Map(TEMPLATES.map((t) => [t.id, t.name])) };
        return buildDurationBreakdown(durations, stats, work.input.by, names);
      }
      if (stats) return buildStatsReport(queries, { ...stats, sla }, sources);
      if (work.kind !== 'overview') throw new Error('unreachable');
      return buildOverview(queries, overview, sources.marks, { userId: work.userId, timeZone: work.timeZone, now: request.now, sla });
    }).deferred();
  },
  close({ db }) {
    db.close();
  },
});
