// Where an import writes: a database connection of its own, so no other request's writes join (and
// roll back with) the import's transactions. The mapping profile is resolved first (it may read the
// file), then the work runs with the connection; the writer (import-driver.ts) is the only stage
// that uses it. The data key copy it is given is zeroed as soon as
// the connection is open — or at once, if the mapping cannot be resolved.
import type { ByteSource, FileFormat } from './file-reader';
import type { ImportMode } from './import-driver';
import { createChangeRecorder } from '../store/change-log';
import { openDatabase, type SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';

/** What to import and how: the same for alerts and investigations. */
export interface ImportRequest {
  source: ByteSource;
  format?: FileFormat | undefined;
  /** Where the rows come from ("reports", "servicenow"): with each row's own id, the idempotency key. */
  sourceName: string;
  mode: ImportMode;
  mapping?: unknown;
  timeZone: string;
  userId: string;
  signal?: AbortSignal | undefined;
}

export interface ImportTarget {
  databasePath: string;
  /** A copy of the data key; zeroed when the import is done. */
  dataKey: Buffer;
  /** The open vault's row context: its HLC clock and device id are shared, its change recorder is not. */
  row: RowContext;
  /**
   * Checkpoints the WAL off the main thread. When given, the import's connection does not checkpoint
   * (that would run inside its COMMIT, on the main thread) and this runs once the import is over.
   */
  checkpoint?: (() => Promise<void>) | undefined;
}

export async function importOnOwnConnection<Profile, Result>(
  target: ImportTarget,
  resolveProfile: () => Promise<Profile> | Profile,
  work: (db: SqliteDatabase, row: RowContext, profile: Profile) => Promise<Result>,
): Promise<Result> {
  let profile: Profile;
  try {
    profile = await resolveProfile();
  } catch (error) {
    target.dataKey.fill(0);
    throw error;
  }
  const db = openDatabase(target.databasePath, { key: target.dataKey });
  target.dataKey.fill(0);
  if (target.checkpoint) db.pragma('wal_autocheckpoint = 0');
  try {
    const row: RowContext = { ...target.row, changes: createChangeRecorder(db, target.row.device, target.row.now) };
    return await work(db, row, profile);
  } finally {
    db.close();
    await target.checkpoint?.();
  }
}
