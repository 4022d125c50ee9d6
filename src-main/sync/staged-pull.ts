// A big first sync into a vault that holds no synced records yet is written into a staging file
// beside the vault, then moved in with one transaction (docs/SYNC.md, "A first sync, staged").
//
// Why: applied to the vault, every page commits (so the app's writes go between two of them), and each
// commit writes through the cipher every index page its rows touched, which the next checkpoint copies
// again; an alert has sixteen indexes. The staging file is the sync worker's own: one transaction, no
// WAL, no checkpoints, and the app's writes never wait for a page.
//
// The staging file is the vault's schema whole (its tables, indexes and triggers, from the vault's own
// definitions, so both sides have the same shape whatever migrations made the vault), seeded with the
// rows the merge reads beside the records (this device's id, the device numbers, the key counters, the
// sync state). The vault held none of the pulled records when the pull began, so merging the pages
// there (apply-pull.ts, the same code) makes what the vault would have become. Each page has a
// savepoint: a page that fails leaves the pages before it, which are moved in all the same.
//
// The move is one transaction in the write turn. The vault's tables are checked empty again (the app
// may have imported or written meanwhile; then nothing is moved and the pull runs again page by page).
// SQLite copies each table and index in order (its transfer optimisation: the same indexes on both
// sides, no triggers on the target — they are dropped for the move and made again — and foreign keys
// off) instead of inserting row by row; the full-text shadow tables are copied the same way. The pull
// cursor moves with the rows. A crash takes the move back whole; a staging file it leaves is removed
// when the sync worker next opens (removeStagedPulls).
import { closeSync, openSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PullItem } from '../../src-shared/sync-protocol';
import { SYNC_TABLES } from '../../src-shared/sync-tables';
import { attachEncrypted, openDatabase, removeDatabaseFiles, type SqliteDatabase } from '../store/database';
import { applyPullInTransaction, type ApplyPullOptions, type PullOutcome } from './apply-pull';
import { readSyncState } from './sync-state';

/** A first sync stages when the server holds at least this many changes: below it, the file's setup costs more than it saves. */
export const STAGED_PULL_MIN_RECORDS = 5_000;

/** The tables a pull writes, moved into the vault whole: the synced records and what the merge keeps beside them. */
const MOVED_TABLES = [
  ...SYNC_TABLES, 'alert_entities', 'alert_sightings', 'investigation_lifecycle', 'investigation_open_stretches',
  'sync_field_stamps', 'sync_aliases', 'sync_pending_links',
] as const;
/** Full-text indexes over moved tables (kept by their triggers in the staging file as in the vault), moved as their shadow tables. */
const FTS_TABLES = ['alerts_fts', 'entities_fts', 'findings_fts', 'investigations_fts', 'notes_fts'] as const;
const FTS_SHADOWS = ['data', 'idx', 'docsize'] as const;
/** Counts the alerts' triggers keep (store/analytics-rollups.ts), added to the vault's. */
const ROLLUP_TABLES = ['alert_quarter_counts', 'alert_day_outcomes', 'alert_quarter_breakdown'] as const;
/** The vault's rows the merge reads, copied into the staging file first. */
const SEEDED_TABLES = ['settings', 'devices', 'sync_state', 'investigation_key_counters'] as const;

const STAGING_SUFFIX = '.staged-pull';
/** 64 MiB, as a staged import's: the fingerprint index is read and written in random order. */
const STAGING_CACHE_KIB = 64 * 1024;

const nothingIn = (schema: string, tables: readonly string[]) => tables.map((table) => `NOT EXISTS (SELECT 1 FROM ${schema}.${table})`).join(' AND ');

/** True when the vault holds none of the records and rows a pull writes, and has pulled nothing: a first sync may be staged. */
export function holdsNoSyncedRecords(db: SqliteDatabase): boolean {
  if (readSyncState(db).pullCursor !== 0) return false;
  return (db.prepare(`SELECT ${nothingIn('main', MOVED_TABLES)} AS empty`).get() as { empty: number }).empty === 1;
}

/** The staging file's path beside the vault's database file. */
export function stagedPullPath(databasePath: string): string {
  return `${databasePath}${STAGING_SUFFIX}`;
}

/** Removes a staging file a crash left beside the vault (when the sync worker opens, before any round). */
export function removeStagedPulls(databasePath: string): void {
  const name = basename(stagedPullPath(databasePath));
  for (const file of readdirSync(dirname(databasePath))) {
    if (file === name || file.startsWith(`${name}-`)) removeDatabaseFiles(join(dirname(databasePath), name));
  }
}

interface SchemaObject {
  type: 'table' | 'index' | 'trigger';
  name: string;
  tbl_name: string;
  sql: string;
}

/** What settling a staged pull did: moved it into the vault, or threw it away because the vault is no longer empty. */
export type StagedPullSettled = 'moved' | 'discarded';

export class StagedPull {
  private readonly staging: SqliteDatabase;
  private pages = 0;

  /** Makes the staging file (replacing any at `path`) with the vault's schema and the rows the merge reads. */
  constructor(private readonly vault: SqliteDatabase, private readonly path: string, private readonly key: Buffer) {
    removeDatabaseFiles(path);
    // Readable by this user only, like the vault (encrypted all the same).
    closeSync(openSync(path, 'wx', 0o600));
    // The worker's alone, thrown away on any failure: no WAL, no syncs (database.ts, `scratch`).
    this.staging = openDatabase(path, { key, scratch: true });
    try {
      this.staging.pragma('foreign_keys = OFF');
      this.staging.pragma(`cache_size = -${STAGING_CACHE_KIB}`);
      this.createSchema();
      this.staging.exec('BEGIN');
      this.seed();
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** Merges a page into the staging file, in a savepoint of its own. */
  apply(items: readonly PullItem[], next: number, options: ApplyPullOptions): PullOutcome {
    const outcome = applyPullInTransaction(this.staging, items, next, options);
    this.pages += 1;
    return outcome;
  }

  /**
   * Moves everything into the vault in one transaction (taking the write turn) with the pull cursor;
   * discards it instead when the vault received records meanwhile. The staging file is gone after.
   */
  moveIntoVault(): StagedPullSettled {
    if (this.pages === 0) {
      this.discard();
      return 'discarded';
    }
    this.staging.exec('COMMIT');
    this.staging.close();
    attachEncrypted(this.vault, this.path, 'staging', this.key);
    const foreignKeys = this.vault.pragma('foreign_keys', { simple: true }) as number;
    this.vault.pragma('foreign_keys = OFF');
    // Shadow tables of the full-text indexes are written only with SQLite's defensive mode off.
    this.vault.unsafeMode(true);
    try {
      const moved = this.vault.transaction(() => {
        if (!holdsNoSyncedRecords(this.vault) || !this.devicesAgree()) return false;
        this.moveRows();
        return true;
      }).immediate();
      return moved ? 'moved' : 'discarded';
    } finally {
      this.vault.unsafeMode(false);
      this.vault.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
      this.vault.exec('DETACH DATABASE staging');
      removeDatabaseFiles(this.path);
    }
  }

  /** Closes and removes the staging file; nothing of it reached the vault. */
  discard(): void {
    if (this.staging.open) this.staging.close();
    removeDatabaseFiles(this.path);
  }

  /**
   * Every device number the pages gave out is free in the vault or names the same device there: the
   * rows' `origin_device` numbers keep their meaning once moved.
   */
  private devicesAgree(): boolean {
    return this.vault.prepare('SELECT 1 FROM staging.devices s JOIN main.devices m ON m.rid = s.rid WHERE m.id <> s.id LIMIT 1').get() === undefined;
  }

  private moveRows(): void {
    const triggers = this.vault.prepare(
      `SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(MOVED_TABLES)) as { name: string; sql: string }[];
    // The transfer copies b-trees only into a table without triggers: what they keep is moved below instead.
    for (const trigger of triggers) this.vault.exec(`DROP TRIGGER main."${trigger.name}"`);
    for (const table of MOVED_TABLES) this.vault.exec(`INSERT INTO main.${table} SELECT * FROM staging.${table}`);
    for (const fts of FTS_TABLES) {
      for (const shadow of FTS_SHADOWS) {
        this.vault.exec(`DELETE FROM main.${fts}_${shadow}`);
        this.vault.exec(`INSERT INTO main.${fts}_${shadow} SELECT * FROM staging.${fts}_${shadow}`);
      }
    }
    for (const rollup of ROLLUP_TABLES) {
      this.vault.exec(`INSERT INTO main.${rollup} SELECT * FROM staging.${rollup} WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n`);
    }
    this.vault.exec('INSERT INTO main.devices SELECT * FROM staging.devices WHERE id NOT IN (SELECT id FROM main.devices)');
    this.vault.exec(
      `INSERT INTO main.investigation_key_counters SELECT * FROM staging.investigation_key_counters WHERE true
       ON CONFLICT (year) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
    );
    this.vault.exec('UPDATE main.sync_state SET pull_cursor = (SELECT pull_cursor FROM staging.sync_state WHERE id = 1) WHERE id = 1');
    for (const trigger of triggers) this.vault.exec(trigger.sql);
  }

  /**
   * The vault's tables (full-text ones without their shadow tables, which they make), indexes and
   * triggers — but for the alerts' insert triggers that a pull always turns off (it derives what it
   * inserts: store/alert-derivations.ts). Present, even off, they make each alert's INSERT keep a
   * statement journal of every page it touches: 12 of 23 s of a staged 100k.
   */
  private createSchema(): void {
    const objects = this.vault.prepare(
      `SELECT type, name, tbl_name, sql FROM main.sqlite_master
       WHERE sql IS NOT NULL AND type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         AND NOT (type = 'table' AND EXISTS (SELECT 1 FROM json_each(?) WHERE name LIKE value || '\\_%' ESCAPE '\\'))
         AND NOT (type = 'trigger' AND sql LIKE '%WHEN derived_by_trigger()%')
       ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name`,
    ).all(JSON.stringify(FTS_TABLES)) as SchemaObject[];
    for (const object of objects) this.staging.exec(object.sql);
  }

  /** The rows of the seeded tables, copied column by column (small tables: a device's settings and counters). */
  private seed(): void {
    for (const table of SEEDED_TABLES) {
      const rows = this.vault.prepare(`SELECT * FROM main.${table}`).all() as Record<string, unknown>[];
      const columns = Object.keys(rows[0] ?? {});
      if (columns.length === 0) continue;
      const insert = this.staging.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      for (const row of rows) insert.run(row);
    }
  }
}
