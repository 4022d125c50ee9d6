// Schema v21: the alert indexes that order pages end in the row key, not the 36-character id.
//
// The triage queue pages by (occurred_at, id) and its indexes spelled that tie-break out as a column:
// `(status, occurred_at DESC, id DESC)` holds every alert's id a second time, 36 bytes in each of five
// indexes (~180 bytes an alert, 7 % of a vault at v20). An index on a rowid table already ends in the
// row key (alerts.rid, schema v19), so ordering by (occurred_at, rid) costs nothing extra, and a page
// cursor still names its last alert by id: the query looks up that alert's rid (AlertQueries).
// The columns are ascending: SQLite walks an index backwards as cheaply as forwards, and the implicit
// row key is always ascending, so an index whose columns all ascend serves both the newest-first and
// the oldest-first walk of (…, occurred_at, rid) as one range. Each index names the query it serves:
// - alerts_time: alerts.list by occurred time with no narrowing filter, and the word-search walk
//   (AlertQueries.walksTimeIndex); exports of the queue (alert-export.ts).
// - alerts_queue: alerts.list filtered by status (the default "new" queue), by occurred time.
// - alerts_severity_order / alerts_status_order: alerts.list sorted by severity / status (schema v17).
// - alerts_assignee: alerts.list and alerts.count for one assignee ("assigned to me").
import type { Migration } from './migration';

/** A status's place in the work, as v17 indexed it (a shipped migration restates, never imports, the live schema). */
const STATUS_RANK = "(CASE status WHEN 'new' THEN 0 WHEN 'acknowledged' THEN 1 WHEN 'promoted' THEN 2 ELSE 3 END)";
const SEVERITY_RANK = "(CASE severity WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END)";

export const ridOrderedAlertIndexes: Migration = {
  version: 21,
  name: 'rid-ordered-alert-indexes',
  sql: `
DROP INDEX alerts_time;
DROP INDEX alerts_queue;
DROP INDEX alerts_severity_order;
DROP INDEX alerts_status_order;
DROP INDEX alerts_assignee;
CREATE INDEX alerts_time ON alerts(occurred_at);
CREATE INDEX alerts_queue ON alerts(status, occurred_at);
CREATE INDEX alerts_severity_order ON alerts(${SEVERITY_RANK}, occurred_at);
CREATE INDEX alerts_status_order ON alerts(${STATUS_RANK}, occurred_at);
CREATE INDEX alerts_assignee ON alerts(assignee_id, occurred_at) WHERE assignee_id IS NOT NULL;
`,
};
