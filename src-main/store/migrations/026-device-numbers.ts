// Schema v26: synced rows name their device by a number of the vault's own instead of its 36-character
// id (store/devices.ts says why and how it leaves the vault). Rows written before keep the id, which
// every reader still takes; no row is rewritten.
import type { Migration } from './migration';

export const deviceNumbers: Migration = {
  version: 26,
  name: 'device-numbers',
  sql: `
CREATE TABLE devices (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE
) STRICT;
`,
};
