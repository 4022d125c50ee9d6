// What the status indicator and the Sync screen show: where the sync runner is, when it last
// finished, what waits to be pushed, and the last problem. Sent as the `sync.status` event on every
// change and read by the `sync.status` channel.
import type { SqliteDatabase } from '../store/database';
import { thisDevice } from './local-changes';
import { readSyncState } from './sync-state';
import type { SyncStatus } from '../../src-shared/sync-contract';
import { SYNC_TABLES } from '../../src-shared/sync-tables';

export { SYNC_STATES, type SyncRunState, type SyncStatus } from '../../src-shared/sync-contract';

export const OFF_STATUS: SyncStatus = { state: 'off', lastSyncedAt: null, pendingChanges: 0, lastError: null, progress: null, clockSkewMs: null };

/**
 * Entries of this device after the pushed cursor, in tables that sync (entries of other devices were
 * pulled and never push; users, settings and the audit log stay in the vault).
 */
export function pendingChanges(db: SqliteDatabase): number {
  const { pushedSeq } = readSyncState(db);
  const device = thisDevice(db);
  const row = db.prepare<[number, string, string], { n: number }>(
    'SELECT count(*) AS n FROM change_log WHERE seq > ? AND origin_device = ? AND table_name IN (SELECT value FROM json_each(?))',
  ).get(pushedSeq, device.number, JSON.stringify(SYNC_TABLES));
  return row?.n ?? 0;
}
