// Schema v8: the times analytics measure that no log held yet. An alert's first verdict
// (acknowledged, dismissed or linked to an investigation), kept through later reopens, for time to
// triage; alerts triaged before this version have none and are counted as missing, never guessed
// from updated_at. An imported case's own resolution time (a ServiceNow resolved_at differs from its
// closed_at): the resolution standing while the case is as imported; a move made here clears it, and
// the status log decides from then on.
import type { Migration } from './migration';

export const lifecycleTimes: Migration = {
  version: 8,
  name: 'lifecycle-times',
  sql: `
ALTER TABLE alerts ADD COLUMN triaged_at INTEGER;
ALTER TABLE investigations ADD COLUMN source_resolved_at INTEGER;
`,
};
