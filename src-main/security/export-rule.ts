// Mass export: the rows one person exported within an hour against their own habit. Every export
// channel's audit row carries `rows` (export-handlers.ts); the hour is flagged above
// max(floor, k × the person's 95th percentile hour over the baseline days), so someone who exports
// every day is judged against themselves and a first export is judged against the floor.
import { DAY, HOUR, nameOf, subjectOf, type AuditFact, type AuditLookBack, type Firing, type RuleContext, type SecurityRuleCheck } from './audit-fact';

export const EXPORT_ACTIONS = ['exports.alerts', 'exports.investigations', 'exports.search', 'exports.investigation'] as const;

const rowsOf = (row: AuditFact): number => {
  const rows = row.details().rows;
  return typeof rows === 'number' && Number.isFinite(rows) && rows > 0 ? rows : 0;
};

/** The nearest-rank 95th percentile of the values (0 for none). */
export function percentile95(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
}

function exportsOf(look: AuditLookBack, actorId: string, from: number, to: number, upToSeq: number): AuditFact[] {
  return EXPORT_ACTIONS.flatMap((action) => look.rows({ action, outcome: 'success', actorId, from, to, upToSeq }))
    .sort((a, b) => a.seq - b.seq);
}

export const massExport: SecurityRuleCheck = {
  rule: 'mass_export',
  actions: EXPORT_ACTIONS,
  check(row: AuditFact, look: AuditLookBack, { thresholds }: RuleContext): Firing | null {
    if (row.outcome !== 'success' || row.actorId === null || rowsOf(row) === 0) return null;
    const { floorRows, baselineMultiple, baselineDays } = thresholds.massExport;
    const hourStart = row.at - HOUR;
    const inHour = exportsOf(look, row.actorId, hourStart, row.at, row.seq);
    const exported = inHour.reduce((sum, r) => sum + rowsOf(r), 0);
    if (exported <= floorRows) return null;
    // The person's own hours before this one, each the sum of its exports (hours without any left out).
    const hours = new Map<number, number>();
    for (const r of exportsOf(look, row.actorId, hourStart - baselineDays * DAY, hourStart - 1, row.seq)) {
      const bucket = Math.floor(r.at / HOUR);
      hours.set(bucket, (hours.get(bucket) ?? 0) + rowsOf(r));
    }
    const p95 = percentile95([...hours.values()]);
    const limit = Math.max(floorRows, baselineMultiple * p95);
    if (exported <= limit) return null;
    return {
      rule: 'mass_export', severity: 'high', subject: subjectOf(row), windowStart: inHour[0]?.at ?? row.at, windowEnd: row.at,
      triggerSeq: row.seq, evidence: inHour.map((r) => r.seq),
      summary: `${nameOf(row)} exported ${exported} rows within an hour (limit ${Math.round(limit)}: `
        + `max(${floorRows}, ${baselineMultiple} × their 95th percentile hour of ${p95})`,
      foldWithinMs: 0,
    };
  },
};
