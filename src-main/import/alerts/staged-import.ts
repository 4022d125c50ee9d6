// A first import (into a vault that holds no alerts or entities yet) is written into a staging file
// beside the vault instead of into the vault, then moved in with one transaction.
//
// Why: written into the vault, every batch must commit (so the app's writes can go between two of
// them), and each commit writes every index page its batch touched through the cipher; the
// random-key indexes (fingerprints, entity values, the time-ordered pages of alerts in random time
// order) have each batch touch pages all over them. The staging file is the worker's own: one
// transaction, no WAL, and only the two indexes the writer reads while it writes (sightings and
// fingerprints, for dedup); the others and the full-text indexes are built once, sorted, at the end.
// The app's writes never wait for it, and the app sees none of the import until it is whole.
//
// The move is one transaction in the write turn: the vault's tables are still empty, so SQLite copies
// each table's and index's b-tree as it is (its transfer optimisation, which needs the same indexes
// on both sides, no triggers on the target and foreign keys off) instead of inserting row by row; the
// full-text shadow tables are copied the same way, the analytics rollups added, the change feed's
// entries appended in order. While it runs the app's writes wait for the turn (measured in
// docs/PERFORMANCE.md); a crash takes it back whole. A staging file left by a crash is removed at the
// next unlock (removeStagedImports).
//
// The staging file is encrypted with the vault's key and made from the vault's own table and index
// definitions, so both sides have the same shape whatever migrations made the vault. It carries none
// of the vault's triggers: every trigger on these tables keeps derived data (the full text, the
// analytics rollups), and the staging file derives both once at the end from its finished rows — the
// rollup triggers fired per alert cost more than the set-based fill (docs/PERFORMANCE.md).
import { closeSync, openSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { VigilError } from '../../../src-shared/errors';
import { AlertWriter } from '../../alerts/alert-writer';
import { createChangeRecorder } from '../../store/change-log';
import { FILL_ALERT_ROLLUPS_SQL } from '../../store/migrations/009-analytics-rollups';
import { FILL_ALERT_BREAKDOWN_SQL } from '../../store/migrations/011-alert-volume-breakdown';
import { attachEncrypted, openDatabase, removeDatabaseFiles, type SqliteDatabase } from '../../store/database';
import type { RowContext } from '../../store/row-context';

/** The tables an alert import fills, moved into the vault whole. */
const MOVED_TABLES = ['alerts', 'entities', 'alert_entities', 'alert_sightings'] as const;
/** Counts the vault's triggers keep (store/analytics-rollups.ts): filled from the staged rows at the end, added to the vault's. */
const ROLLUP_TABLES = ['alert_quarter_counts', 'alert_day_outcomes', 'alert_quarter_breakdown'] as const;
/** Full-text indexes over the moved tables, built once at the end and moved as their shadow tables. */
const FTS_TABLES = ['alerts_fts', 'entities_fts'] as const;
const FTS_SHADOWS = ['data', 'idx', 'docsize'] as const;
/** Also written by the import: the change feed and the import's own row (its source columns). */
const STAGED_TABLES: readonly string[] = [...MOVED_TABLES, ...ROLLUP_TABLES, 'change_log', 'imports'];
/** What the writer reads while it writes (rows imported before, folds): kept from the start. */
const INDEXES_READ_WHILE_WRITING = new Set(['alerts_fingerprint', 'alerts_sighting']);

const STAGING_SUFFIX = '.staged-import-';
/**
 * 64 MiB. The writer looks up entities and fingerprints in the staging file's random-key indexes; at
 * 1M alerts a 96 MiB cache ran the staging phase 27 % faster than 32 MiB (docs/PERFORMANCE.md). The
 * staging connection is closed before the move, whose vault connection fills a cache of the same size.
 */
const STAGING_CACHE_KIB = 64 * 1024;

/** True when the vault holds no alerts, entities or sightings: a first import may be staged. */
export function holdsNoAlertData(db: SqliteDatabase): boolean {
  const row = db.prepare(
    `SELECT NOT EXISTS (SELECT 1 FROM main.alerts) AND NOT EXISTS (SELECT 1 FROM main.entities)
       AND NOT EXISTS (SELECT 1 FROM main.alert_sightings) AS empty`,
  ).get() as { empty: number };
  return row.empty === 1;
}

/** A new staging file's path beside the vault's database file; `unique` tells concurrent imports' files apart. */
export function stagingPathFor(databasePath: string, unique: string): string {
  return `${databasePath}${STAGING_SUFFIX}${unique}`;
}

/** Removes staging files a crash left beside the vault (at unlock, when no import runs). */
export function removeStagedImports(databasePath: string): void {
  const prefix = `${basename(databasePath)}${STAGING_SUFFIX}`;
  const dir = dirname(databasePath);
  const left = new Set(readdirSync(dir).filter((name) => name.startsWith(prefix)).map((name) => name.replace(/-(wal|shm|journal)$/, '')));
  for (const name of left) removeDatabaseFiles(join(dir, name));
}

interface SchemaObject {
  type: 'table' | 'index';
  name: string;
  sql: string;
}

export class StagedImport {
  readonly writer: AlertWriter;
  private readonly staging: SqliteDatabase;
  private readonly deferred: SchemaObject[];

  /** Makes the staging file (replacing any at `path`) with the vault's definitions and a copy of the import's row. */
  constructor(
    private readonly vault: SqliteDatabase,
    private readonly path: string,
    key: Buffer,
    context: RowContext,
    private readonly importId: string,
  ) {
    removeDatabaseFiles(path);
    // Readable by this user only, like the vault (encrypted all the same).
    closeSync(openSync(path, 'wx', 0o600));
    // The file is the worker's alone and is thrown away on any failure: no WAL, no syncs (database.ts, `scratch`).
    this.staging = openDatabase(path, { key, scratch: true });
    try {
      this.staging.pragma('foreign_keys = OFF');
      this.staging.pragma(`cache_size = -${STAGING_CACHE_KIB}`);
      this.deferred = this.createSchema();
      copyRow(vault, this.staging, 'imports', importId);
      this.staging.exec('BEGIN');
    } catch (error) {
      this.discard();
      throw error;
    }
    const stagingContext = { ...context, changes: createChangeRecorder(this.staging, context.device, context.now) };
    this.writer = new AlertWriter(this.staging, stagingContext, importId, { journal: false, fillsEntitiesAlone: true });
  }

  /**
   * Builds what was deferred, then moves everything into the vault in one transaction (taking the
   * write turn), with `alsoInVault` (the import's final counts) in that same transaction. Refused
   * with CONFLICT, nothing moved, when the vault received alerts or entities meanwhile.
   */
  moveIntoVault(key: Buffer, alsoInVault: () => void): void {
    this.writer.flush();
    this.staging.exec(`${FILL_ALERT_ROLLUPS_SQL} ${FILL_ALERT_BREAKDOWN_SQL}`);
    for (const object of this.deferred) this.staging.exec(object.sql);
    // 'rebuild' reads the content table in rowid order: the fast order (out of order it was 4.5× slower, measured).
    for (const fts of FTS_TABLES) this.staging.exec(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
    this.staging.exec('COMMIT');
    this.staging.close();

    attachEncrypted(this.vault, this.path, 'staging', key);
    // Shadow tables of the full-text indexes are written only with SQLite's defensive mode off.
    this.vault.unsafeMode(true);
    try {
      this.vault.transaction(() => {
        if (!holdsNoAlertData(this.vault)) {
          throw new VigilError('CONFLICT', 'Alerts or entities reached the vault while this import was being prepared; import the file again', {});
        }
        this.moveRows();
        alsoInVault();
      }).immediate();
    } finally {
      this.vault.unsafeMode(false);
      this.vault.exec('DETACH DATABASE staging');
    }
    removeDatabaseFiles(this.path);
  }

  /** Closes and removes the staging file; nothing of it reached the vault. */
  discard(): void {
    if (this.staging.open) this.staging.close();
    removeDatabaseFiles(this.path);
  }

  private moveRows(): void {
    const triggers = this.vault.prepare(
      `SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(MOVED_TABLES)) as { name: string; sql: string }[];
    // The transfer copies b-trees only into a table without triggers; the rows' full text and rollups are moved below instead.
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
    const feedColumns = (this.vault.prepare("SELECT name FROM pragma_table_info('change_log', 'main') WHERE name <> 'seq'").pluck().all() as string[]).join(', ');
    this.vault.exec(`INSERT INTO main.change_log (${feedColumns}) SELECT ${feedColumns} FROM staging.change_log ORDER BY seq`);
    this.vault.prepare('UPDATE main.imports SET source_columns = (SELECT source_columns FROM staging.imports WHERE id = ?) WHERE id = ?').run(this.importId, this.importId);
    for (const trigger of triggers) this.vault.exec(trigger.sql);
  }

  /**
   * The staged tables as the vault defines them, without triggers: tables and full-text tables first,
   * then the indexes the writer reads. Returns the rest of the indexes, built at the end.
   */
  private createSchema(): SchemaObject[] {
    const objects = this.vault.prepare(
      `SELECT type, name, sql FROM main.sqlite_master
       WHERE sql IS NOT NULL AND type IN ('table', 'index')
         AND (tbl_name IN (SELECT value FROM json_each(?)) OR name IN (SELECT value FROM json_each(?)))
       ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, name`,
    ).all(JSON.stringify(STAGED_TABLES), JSON.stringify(FTS_TABLES)) as SchemaObject[];
    const deferred: SchemaObject[] = [];
    for (const object of objects) {
      if (object.type === 'index' && !INDEXES_READ_WHILE_WRITING.has(object.name)) deferred.push(object);
      else this.staging.exec(object.sql);
    }
    return deferred;
  }
}

/** One row of `table` copied between two connections, column by column. */
function copyRow(from: SqliteDatabase, to: SqliteDatabase, table: string, id: string): void {
  const row = from.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`No ${table} row ${id} to stage`);
  const columns = Object.keys(row);
  to.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}
