// The alerts' unique fingerprint index, set aside through a first sync (docs/PERFORMANCE.md, "A first
// sync of 1M with real fingerprints"). It is keyed by a hash, so every page of a first sync touched
// a leaf of it per alert, and each commit wrote those leaves whole through the cipher: 228.8 s for a
// first sync of 1M against 105.4 s with the index built once at the end.
//
// While one connection defers it (the sync worker, for a round that starts an empty vault's first
// sync), that connection finds the round's fingerprints in a temporary table of its own, and every
// writer of alerts on another connection builds the index back before it writes
// (`restoreFingerprintIndexUnlessDeferring`: AlertWriter, InvestigationRestorer, a pull page), so none
// ever works without it: the deferral ends there, early. The deferring connection builds it at the
// round's end; a vault that closed while it was set aside gets it back when it next opens (migrate.ts).
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
 * Sets the index aside for this connection, inside its transaction (both roll back with it): the
 * round's fingerprints go into a temporary table instead, which only this connection sees.
 */
export function deferFingerprintIndex(db: SqliteDatabase): void {
  db.exec(`DROP INDEX alerts_fingerprint;
    CREATE TEMP TABLE IF NOT EXISTS round_fingerprints (fingerprint TEXT PRIMARY KEY, rid INTEGER NOT NULL) WITHOUT ROWID`);
  deferringOn.add(db);
}

/**
 * Whether this connection defers the index now: it set it aside and nobody built it back since (a
 * write on another connection does, and a rolled-back page takes the setting aside back with it).
 */
export function isDeferringFingerprints(db: SqliteDatabase): boolean {
  if (!deferringOn.has(db)) return false;
  if (!fingerprintIndexPresent(db)) return true;
  deferringOn.delete(db);
  db.exec('DROP TABLE IF EXISTS temp.round_fingerprints');
  return false;
}

/** The deferral's end on this connection: the index built once, sorted, and the temporary table gone. */
export function endFingerprintDeferral(db: SqliteDatabase): void {
  if (!deferringOn.has(db)) return;
  restoreFingerprintIndex(db);
  db.exec('DROP TABLE IF EXISTS temp.round_fingerprints');
  deferringOn.delete(db);
}
