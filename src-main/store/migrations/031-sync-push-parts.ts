// Schema v31: how far into one change-log entry the outbox has pushed, when the entry is too big for
// one push (an import's batch entry of up to 5,000 alerts goes in parts: docs/SYNC.md, "Push",
// "Parts"). `pushed_part_seq` is that entry and `pushed_part_offset` how many of its changes the
// server acknowledged; both move with the part's stamps in one transaction (sync/outbox.ts
// markPushed), so a restart resumes at the next part. Null between entries.
import type { Migration } from './migration';

export const syncPushParts: Migration = {
  version: 31,
  name: 'sync-push-parts',
  sql: `
ALTER TABLE sync_state ADD COLUMN pushed_part_seq INTEGER CHECK (pushed_part_seq > 0);
ALTER TABLE sync_state ADD COLUMN pushed_part_offset INTEGER CHECK (pushed_part_offset >= 0);
`,
};
