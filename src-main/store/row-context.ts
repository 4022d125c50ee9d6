// What every repository needs to write a sync-ready row: the time, the next HLC, this device (its id
// and its number in the vault) and the change log. Built once per open database.
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from './database';
import { createChangeRecorder, type ChangeRecorder } from './change-log';
import { DeviceNumbers } from './devices';
import { parseHlc } from './hlc';
import { createHlcMemory, sharedHlcClock } from './shared-hlc';

export interface RowContext {
  now: () => number;
  hlc: () => string;
  changes: ChangeRecorder;
  /** This device's id (a UUID): who it is, as the audit log records it. */
  deviceId: string;
  /** This device as synced rows and change-log entries record it (`origin_device`): its number in this vault (devices.ts). */
  device: string;
  /** The clock's shared memory (shared-hlc.ts): a worker writing this vault ticks the same clock. */
  hlcMemory: SharedArrayBuffer;
}

const DEVICE_KEY = 'device_id';

export function createRowContext(db: SqliteDatabase, now: () => number): RowContext {
  const deviceId = readOrCreateDeviceId(db, now);
  const device = new DeviceNumbers(db).numberOf(deviceId);
  const hlcMemory = createHlcMemory();
  const clock = sharedHlcClock(hlcMemory, now);
  // Resume after the newest HLC on disk, so a wall clock that stepped back still orders new changes
  // last: this device's own (change_log) and every stamp a pull brought (sync_field_stamps: the
  // stamps a per-field merge compares; append-only records are never merged by stamp).
  // A vault below schema v30 (a migration test's, or one mid-upgrade) has no sync_field_stamps yet.
  const pulled = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_field_stamps'").get() !== undefined;
  const newest = db.prepare<[], { hlc: string | null }>(pulled
    ? 'SELECT max(hlc) AS hlc FROM (SELECT max(hlc) AS hlc FROM change_log UNION ALL SELECT max(hlc) FROM sync_field_stamps)'
    : 'SELECT max(hlc) AS hlc FROM change_log').get()?.hlc;
  if (newest) clock.observe(parseHlc(newest));
  return { now, hlc: () => clock.next(), changes: createChangeRecorder(db, device, now), deviceId, device, hlcMemory };
}

function readOrCreateDeviceId(db: SqliteDatabase, now: () => number): string {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(DEVICE_KEY);
  if (row) return JSON.parse(row.value) as string;
  // Device-local identity: written without a change-log entry, it never syncs.
  const deviceId = randomUUID();
  db.prepare('INSERT INTO settings (key, value, updated_at, updated_hlc, origin_device) VALUES (?, ?, ?, ?, ?)').run(
    DEVICE_KEY, JSON.stringify(deviceId), now(), '', deviceId,
  );
  return deviceId;
}
