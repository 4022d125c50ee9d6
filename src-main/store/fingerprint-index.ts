// The alerts' unique fingerprint index, set aside through a first sync (docs/PERFORMANCE.md, "A first
// sync of 1M with real fingerprints"). It is keyed by a hash, so every page of a first sync touched
// a leaf of it per alert, and each commit wrote those leaves whole through the cipher: 228.8 s for a
// first sync of 1M against 105.4 s with the index built once at the end.
//
// While one connection defers it (the sync worker, for a round that starts an empty vault's first
// sync), that connection finds the round's fingerprints in a temporary table of its own, and every
// writer of alerts on another connection builds the index back before it writes
// (`restoreFingerprintIndexUnlessDeferring`: AlertWriter, InvestigationRestorer; a pull page:
// `fingerprintsForPullPage`), so none ever works without it: the deferral ends there, early. The
// deferring connection builds it at the round's end; a vault that closed while it was set aside gets
// it back when it next opens (migrate.ts).
import type { SqliteDatabase } from './database';

/** The index as the schema defines it (migration 019): built again with the same text. */
const CREATE_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS alerts_fingerprint ON alerts(fingerprint)';

/** The first schema version whose vaults may have it set aside (and must build it before migrating). */
export const FINGERPRINT_DEFERRAL_SINCE = 32;

const deferringOn = new WeakSet<SqliteDatabase>();

export function fingerprintIndexPresent(db: SqliteDatabase): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'alerts_fingerprint'").get() !== undefined;
}

/** Builds the index when it is not there (a no-op when it is). */
export function restoreFingerprintIndex(db: SqliteDatabase): void {
  db.exec(CREATE_INDEX);
}

/**
 * Before a write of alerts: unless this connection is the one deferring, the index comes back first.
 * The flag is this thread's only: other connections see the index missing in the schema itself.
 */
export function restoreFingerprintIndexUnlessDeferring(db: SqliteDatabase): void {
  if (deferringOn.has(db)) return;
  if (!fingerprintIndexPresent(db)) restoreFingerprintIndex(db);
}

/**
 * Where a pull page on this connection finds the vault's fingerprints; true: in the round's temporary
 * table, the index set aside. One read of the schema decides:
 * - this connection set the index aside and nobody built it back: still set aside;
 * - another connection built it back (a write of alerts there), or a rolled-back page took the
 *   setting aside back with it: the deferral is over here too;
 * - another connection set it aside and went away (a sync worker released mid-round): built back first;
 * - then, when `mayStart` says so (a round's first page into a vault with no alerts), set aside for
 *   this connection, inside the page's transaction (both roll back with it).
 */
export function fingerprintsForPullPage(db: SqliteDatabase, mayStart: () => boolean): boolean {
  const present = fingerprintIndexPresent(db);
  if (deferringOn.has(db)) {
    if (!present) return true;
    deferringOn.delete(db);
    db.exec('DROP TABLE IF EXISTS temp.round_fingerprints');
  } else if (!present) {
    restoreFingerprintIndex(db);
  }
  if (!mayStart()) return false;
  db.exec(`DROP INDEX alerts_fingerprint;
    CREATE TEMP TABLE IF NOT EXISTS round_fingerprints (fingerprint TEXT PRIMARY KEY, rid INTEGER NOT NULL) WITHOUT ROWID`);
  deferringOn.add(db);
  return true;
}

/** The deferral's end on this connection: the index built once, sorted, and the temporary table gone. */
export function endFingerprintDeferral(db: SqliteDatabase): void {
  if (!deferringOn.has(db)) return;
  restoreFingerprintIndex(db);
  db.exec('DROP TABLE IF EXISTS temp.round_fingerprints');
  deferringOn.delete(db);
}
