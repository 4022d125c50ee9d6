// What the status indicator and the Sync screen show: where the sync runner is, when it last
// finished, what waits to be pushed, and the last problem. Sent as the `sync.status` event on every
// change and read by the `sync.status` channel.
import type { SqliteDatabase } from '../store/database';
import { thisDevice } from './local-changes';
import { readSyncState } from './sync-state';

export const SYNC_STATES = ['off', 'idle', 'syncing', 'paused', 'offline', 'error', 'update_required', 'clock_ahead'] as const;
export type SyncRunState = (typeof SYNC_STATES)[number];

export interface SyncStatus {
  state: SyncRunState;
  lastSyncedAt: number | null;
  /** This device's change-log entries the server has not acknowledged (entries, not records: an import counts once). */
  pendingChanges: number;
  lastError: { code: string; message: string; details?: Record<string, unknown> } | null;
  /** A first sync's pull: the server sequence reached of the head. */
  progress: { done: number; total: number } | null;
  /** Server time minus this device's time at the last hello. */
  clockSkewMs: number | null;
  /** With `clock_ahead`: how far the refused stamp was ahead of the server. */
  aheadMs?: number;
}

export const OFF_STATUS: SyncStatus = { state: 'off', lastSyncedAt: null, pendingChanges: 0, lastError: null, progress: null, clockSkewMs: null };

/** Entries of this device after the pushed cursor (entries of other devices were pulled and never push). */
export function pendingChanges(db: SqliteDatabase): number {
  const { pushedSeq } = readSyncState(db);
  const device = thisDevice(db);
  const row = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM change_log WHERE seq > ? AND origin_device = ?').get(pushedSeq, String(device.number));
  return row?.n ?? 0;
}
