// Schema v24: HLCs are written without the device id (store/hlc.ts): 22 characters instead of 59 in
// every synced row's `updated_hlc` and every change-log entry, the device being the row's own
// `origin_device`. No table changes and no row is rewritten (older values still parse). The version
// marks the format: a build from before it would fail to read the new text at unlock (its HLC parser
// requires the device), and refuses a vault whose schema is newer than its own instead.
import type { Migration } from './migration';

export const deviceLessHlc: Migration = {
  version: 24,
  name: 'device-less-hlc',
  sql: `SELECT 1;`,
};
