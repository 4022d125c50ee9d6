// Schema v20: the change feed records an import batch as one entry instead of one per row.
//
// An import of a million alerts wrote ~2.3 million change_log rows (one per alert and per new entity),
// 824 bytes an alert with their HLC index: a fifth of the vault, for rows a sync reads back only to
// learn "these rows are new". A batch's new rows are created together, at one HLC, with consecutive
// integer keys, so one entry naming the table and the key range says the same thing: `first_rid` and
// `last_rid` (inclusive) on an entry whose `fields` is ["*"] (every field, and for an alert its links
// and sightings) and whose `row_id` is the import's id ('' for rows no import wrote: demo data,
// volume-anomaly alerts). Entries written before v20 keep naming one row each, with both ranges NULL.
// docs/ARCHITECTURE.md, "What sync reads", is the contract.
import type { Migration } from './migration';

export const changeFeedBatches: Migration = {
  version: 20,
  name: 'change-feed-batches',
  sql: `
ALTER TABLE change_log ADD COLUMN first_rid INTEGER;
ALTER TABLE change_log ADD COLUMN last_rid INTEGER;
`,
};
