// Schema v13: a recent query remembers whether its hit count stopped at the search's cap, so Recent
// says "more than 10,000" as the results did, instead of a number that reads as exact.
import type { Migration } from './migration';

export const searchCountCaps: Migration = {
  version: 13,
  name: 'search-count-caps',
  sql: `
ALTER TABLE query_history ADD COLUMN hits_capped INTEGER NOT NULL DEFAULT 0 CHECK (hits_capped IN (0, 1));
`,
};
