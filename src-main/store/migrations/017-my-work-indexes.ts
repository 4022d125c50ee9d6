// Schema v17: indexes for the triage queue's "my work" reads at a million alerts (measured in
// docs/PERFORMANCE.md, "My work"; each index names the query it serves):
// - alerts_severity_order: alerts.list sorted by severity (AlertQueries.page, sort 'severity'):
//   severity is text, so its rank is an expression; without the index every matching alert was read
//   and sorted for each page.
// - alerts_status_order: alerts.list sorted by status, in the order work moves (a status's rank).
//   alerts_queue (status, occurred_at DESC) cannot serve it: one walk cannot give status and time the
//   same direction there, and a keyset cursor compares every column in one direction.
// - alerts_assignee: alerts.list and alerts.count filtered to one assignee ("assigned to me"): the
//   time index walk read the whole queue to find one analyst's few alerts.
// - alerts_sources, alerts_rules: alerts.facets (AlertFacets.values), the distinct sources or rules
//   of live alerts from a prefix, read as a skip scan (one seek per value).
import type { Migration } from './migration';

/** A status's place in the work (new, acknowledged, promoted, dismissed): the expression the status sort orders by. */
export const STATUS_RANK_SQL = "(CASE a.status WHEN 'new' THEN 0 WHEN 'acknowledged' THEN 1 WHEN 'promoted' THEN 2 ELSE 3 END)";

/** A severity's rank, low 0 … critical 3: the expression the severity sort orders by and its index holds. */
export const SEVERITY_RANK_SQL = "(CASE a.severity WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END)";

export const myWorkIndexes: Migration = {
  version: 17,
  name: 'my-work-indexes',
  sql: `
CREATE INDEX alerts_severity_order ON alerts(${SEVERITY_RANK_SQL.replace(/a\./g, '')} DESC, occurred_at DESC, id DESC);
CREATE INDEX alerts_status_order ON alerts(${STATUS_RANK_SQL.replace(/a\./g, '')} DESC, occurred_at DESC, id DESC);
CREATE INDEX alerts_assignee ON alerts(assignee_id, occurred_at DESC, id DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX alerts_sources ON alerts(source) WHERE deleted_at IS NULL;
CREATE INDEX alerts_rules ON alerts(rule) WHERE deleted_at IS NULL AND rule IS NOT NULL;
`,
};
