// The sync client's own state in the vault (schema v30, `sync_state`): one device-local row that
// never syncs. The outbox's and the pull's cursors move only inside the transaction that wrote what
// they cover (outbox.ts markPushed, apply-pull.ts applyPull).
import type { SqliteDatabase } from '../store/database';

export interface SyncState {
  serverUrl: string | null;
  /** This vault's device id at the server (the vault's own device id, enrol sends it). */
  deviceId: string | null;
  /** The device credential the server gave at enrolment; inside the SQLCipher vault like every other secret. */
  credential: string | null;
  /** The last change_log seq the server acknowledged. */
  pushedSeq: number;
  /** The last server seq whose page the vault committed. */
  pullCursor: number;
  lastSyncAt: number | null;
  lastError: string | null;
}

interface StateRow {
  server_url: string | null;
  device_id: string | null;
  credential: string | null;
  pushed_seq: number;
  pull_cursor: number;
  last_sync_at: number | null;
  last_error: string | null;
}

export function readSyncState(db: SqliteDatabase): SyncState {
  const row = db.prepare<[], StateRow>('SELECT * FROM sync_state WHERE id = 1').get();
  if (!row) throw new Error('sync_state has no row: the vault is older than schema v30');
  return {
    serverUrl: row.server_url, deviceId: row.device_id, credential: row.credential, pushedSeq: row.pushed_seq,
    pullCursor: row.pull_cursor, lastSyncAt: row.last_sync_at, lastError: row.last_error,
  };
}

/** The enrolment (server, device id, credential) and the outcome of the last sync; the cursors have their own writers. */
export function writeSyncSettings(
  db: SqliteDatabase,
  settings: Partial<Pick<SyncState, 'serverUrl' | 'deviceId' | 'credential' | 'lastSyncAt' | 'lastError'>>,
): void {
  const columns = { serverUrl: 'server_url', deviceId: 'device_id', credential: 'credential', lastSyncAt: 'last_sync_at', lastError: 'last_error' } as const;
  const names = (Object.keys(settings) as (keyof typeof columns)[]).filter((key) => key in columns);
  if (names.length === 0) return;
  db.prepare(`UPDATE sync_state SET ${names.map((name) => `${columns[name]} = @${name}`).join(', ')} WHERE id = 1`).run(
    Object.fromEntries(names.map((name) => [name, settings[name] ?? null])),
  );
}

/** Moves the outbox cursor forward (never back: a late acknowledgement of an older batch changes nothing). */
export function advancePushedSeq(db: SqliteDatabase, upto: number): void {
  db.prepare('UPDATE sync_state SET pushed_seq = max(pushed_seq, ?) WHERE id = 1').run(upto);
}

/** Sets the pull cursor; the caller's transaction holds the page it covers. */
export function setPullCursor(db: SqliteDatabase, next: number): void {
  db.prepare('UPDATE sync_state SET pull_cursor = ? WHERE id = 1').run(next);
}
