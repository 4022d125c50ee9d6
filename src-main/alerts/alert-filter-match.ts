// Whether one alert matches a triage filter, and if not which part of the filter it fails: the
// detail panel's "No longer matches the filter (now acknowledged)". Judged by the very conditions
// the queue's list and count use (alertFilterSql), run on that one row, so the panel and the list
// can never disagree about an alert. Each part of the filter becomes one column of a single read;
// the parts together are the whole filter (FACET_OF names a part for every key), so "every part
// holds" is exactly the list's WHERE.
import { ALERT_FILTER_FACETS, type AlertFilterFacet, type AlertFilterMatch } from '../../src-shared/workspace-model';
import type { StatementCache } from '../store/statement-cache';
import { alertFilterSql, type AlertFilter } from './alert-filter-sql';

/** The part of the filter each key belongs to; typed over every key, so a new filter key must be given one. */
const FACET_OF: Record<keyof AlertFilter, AlertFilterFacet> = {
  status: 'status', severity: 'severity', assignee: 'assignee', investigationId: 'investigation',
  source: 'source', sourcePrefix: 'source', rule: 'rule', rulePrefix: 'rule', entityId: 'entity', from: 'time', to: 'time', text: 'text',
};

/** The filter cut into its parts, in naming order, leaving out parts the filter does not set. */
function filterParts(filter: AlertFilter): { facet: AlertFilterFacet; part: AlertFilter }[] {
  const parts = new Map<AlertFilterFacet, Record<string, unknown>>();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const facet = FACET_OF[key as keyof AlertFilter];
    parts.set(facet, { ...parts.get(facet), [key]: value });
  }
  return ALERT_FILTER_FACETS.flatMap((facet) => {
    const part = parts.get(facet);
    return part ? [{ facet, part: part as AlertFilter }] : [];
  });
}

/** The match of a live alert against `filter` (its 'me' already resolved); null when there is no such alert. */
export function matchAlertFilter(statements: StatementCache, alertId: string, filter: AlertFilter): AlertFilterMatch | null {
  const parts = filterParts(filter).map(({ facet, part }) => ({ facet, sql: alertFilterSql(part) }));
  const columns = ['1 AS found', ...parts.map(({ sql }, i) => `(${sql.where}) AS part${i}`)];
  // The SQL text depends only on which parts are present, so statements are cached by shape.
  const row = statements.get(`SELECT ${columns.join(', ')} FROM alerts a WHERE a.id = ? AND a.deleted_at IS NULL`)
    .get(...parts.flatMap(({ sql }) => sql.params), alertId) as Record<string, number> | undefined;
  if (!row) return null;
  const failing = parts.find((_, i) => row[`part${i}`] !== 1);
  return failing ? { matches: false, failing: failing.facet } : { matches: true };
}
