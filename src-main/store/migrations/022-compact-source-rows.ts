// Schema v22: an import keeps its source columns' names once, and its alerts' source rows as compact
// arrays against them (store/source-row.ts says the form). Rows written before keep their keyed
// JSON, which every reader still takes: rewriting them would not shrink the file (SQLite reuses
// the freed space only for new rows), and a vault that wants its bytes back runs VACUUM.
import type { Migration } from './migration';

export const compactSourceRows: Migration = {
  version: 22,
  name: 'compact-source-rows',
  sql: `
ALTER TABLE imports ADD COLUMN source_columns TEXT;
`,
};
