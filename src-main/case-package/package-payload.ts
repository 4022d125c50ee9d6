// The payload of a case package: a fresh SQLCipher database with the vault's schema holding only one
// investigation's rows (read by the same selection a single-investigation restore uses) and the
// accounts those rows name (id, username, display name: never a secret, a TOTP seed or a role).
//
// Written verbatim, sync metadata included: the importing vault rewrites that as its own write.
// Evidence bytes are checked against their recorded SHA-256 on the way out and again on the way in.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { VigilError } from '../../src-shared/errors';
import { openDatabase, type SqliteDatabase } from '../store/database';
import { migrate, schemaVersion } from '../store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../store/migrations';
import type { Migration } from '../store/migrations/migration';
import { readInvestigation, RESTORED_TABLES, type InvestigationRows } from '../investigations/investigation-restore';
import { assertVigilSchema, hardenPackageConnection } from './payload-schema';
import { INSERT_LINK_BY_IDS_SQL, storedLinkOrigin, type LinkByIds } from '../alerts/alert-links';

/** An account of the exporting vault named by the investigation's rows. */
export interface PackageAccount {
  id: string;
  username: string;
  display_name: string;
}

export interface EvidenceDigest {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface PayloadContents {
  rows: InvestigationRows;
  accounts: PackageAccount[];
  rowCounts: Record<string, number>;
  evidence: EvidenceDigest[];
}

/** Every account id the rows refer to (columns found from the schema's foreign keys to users). */
function accountIds(db: SqliteDatabase, rows: InvestigationRows): string[] {
  const ids = new Set<string>();
  for (const table of RESTORED_TABLES) {
    const columns = db.prepare<[string], { from: string; table: string }>('SELECT "from", "table" FROM pragma_foreign_key_list(?)')
      .all(table).filter((fk) => fk.table === 'users').map((fk) => fk.from);
    for (const row of rows.byTable[table]) for (const column of columns) if (typeof row[column] === 'string') ids.add(row[column] as string);
  }
  return [...ids].sort();
}

/** Recomputes each evidence item's SHA-256 from its chunks; refuses any that does not match its row. */
export function digestEvidence(rows: InvestigationRows): EvidenceDigest[] {
  const chunks = new Map<string, Buffer[]>();
  for (const blob of rows.byTable.evidence_blobs) {
    const list = chunks.get(String(blob.evidence_id)) ?? [];
    list.push(blob.bytes as Buffer);
    chunks.set(String(blob.evidence_id), list);
  }
  return rows.byTable.evidence.map((row) => {
    const hash = createHash('sha256');
    let size = 0;
    for (const chunk of chunks.get(String(row.id)) ?? []) {
      hash.update(chunk);
      size += chunk.length;
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== row.sha256 || size !== row.size) {
      throw new VigilError('VAULT_CORRUPT', `Evidence "${String(row.file_name)}" does not match its recorded SHA-256`, { problem: 'evidence_hash', evidenceId: row.id });
    }
    return { id: String(row.id), fileName: String(row.file_name), size, sha256 };
  });
}

function rowCountsOf(rows: InvestigationRows): Record<string, number> {
  return Object.fromEntries(RESTORED_TABLES.map((t) => [t, rows.byTable[t].length]));
}

/** Reads one investigation out of the open vault; NOT_FOUND when there is none with that key. */
export function collectInvestigation(vault: SqliteDatabase, key: string): PayloadContents {
  let rows: InvestigationRows;
  try {
    rows = readInvestigation(vault, key);
  } catch (error) {
    if (error instanceof VigilError && error.code === 'NOT_FOUND') throw new VigilError('NOT_FOUND', `No investigation ${key}`);
    throw error;
  }
  const evidence = digestEvidence(rows);
  const ids = accountIds(vault, rows);
  const byId = vault.prepare<[string], PackageAccount>('SELECT id, username, display_name FROM users WHERE id = ?');
  const accounts = ids.map((id) => byId.get(id)).filter((a): a is PackageAccount => a !== undefined);
  return { rows, accounts, rowCounts: rowCountsOf(rows), evidence };
}

/** Rows written per slice before the event loop gets a turn (measured: ~330 ms in one go for 1,000 alerts). */
const SLICE_BUDGET_MS = 10;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Creates the payload database at `path` (must not exist) under `key` and writes the contents into it,
 * in short transactions with event-loop turns between them (it is our own temp file: nobody reads it
 * half-written). `migrations` is this Vigil's list; tests pass a shorter one to make a package as an
 * older Vigil would.
 */
export async function writePayload(
  path: string, key: Buffer, contents: PayloadContents, options: { nativeBinding?: string | undefined; migrations?: readonly Migration[] } = {},
): Promise<void> {
  const db = openDatabase(path, { key, nativeBinding: options.nativeBinding });
  try {
    // One self-contained file: no -wal beside it to forget.
    db.pragma('journal_mode = DELETE');
    migrate(db, options.migrations ?? MIGRATIONS);
    // Rows go in verbatim; the importing vault checks references against its own rows.
    db.pragma('foreign_keys = OFF');
    const insertAccount = db.prepare(
      `INSERT INTO users (id, username, display_name, role, disabled_at, created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @username, @display_name, 'viewer', 0, 0, 0, '', 'case-package')`,
    );
    db.transaction(() => { for (const account of contents.accounts) insertAccount.run(account); })();
    for (const table of RESTORED_TABLES) {
      const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name);
      // Links come named by ids (alerts/alert-links.ts); since v19 the payload stores them by row keys.
      const write = table === 'alert_entities' && columns.includes('alert_rid') ? linkWriter(db) : rowWriter(db, table, columns);
      const rows = contents.rows.byTable[table];
      let next = 0;
      while (next < rows.length) {
        const started = performance.now();
        db.transaction(() => {
          while (next < rows.length && performance.now() - started < SLICE_BUDGET_MS) {
            write(rows[next++] ?? {});
          }
        })();
        if (next < rows.length) await nextTurn();
      }
    }
  } finally {
    db.close();
  }
}

function rowWriter(db: SqliteDatabase, table: string, columns: string[]): (row: Record<string, unknown>) => void {
  // Identifiers come from SQLite's own schema, never from input.
  const insert = db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  return (row) => { insert.run(Object.fromEntries(columns.map((c) => [c, row[c] ?? null]))); };
}

function linkWriter(db: SqliteDatabase): (row: Record<string, unknown>) => void {
  const insert = db.prepare(INSERT_LINK_BY_IDS_SQL);
  return (row) => {
    const link = row as unknown as LinkByIds;
    insert.run({ alertId: link.alert_id, entityId: link.entity_id, origin: storedLinkOrigin(link.origin) });
  };
}

/**
 * Opens an authenticated payload, brings an older schema forward (it is our own temp copy), and reads
 * the investigation back with its accounts; every evidence item is checked against its row and the
 * manifest's list. A payload from a newer Vigil is refused: its rows may mean what this one cannot know.
 */
export function readPayload(path: string, key: Buffer, investigationKey: string, manifestEvidence: EvidenceDigest[], nativeBinding?: string): PayloadContents {
  const db = openDatabase(path, { key, nativeBinding });
  try {
    hardenPackageConnection(db);
    assertVigilSchema(db);
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new VigilError('VAULT_FROM_FUTURE', 'This case package was made by a newer version of Vigil; update Vigil to import it', {
        packageSchema: version, supportedSchema: SCHEMA_VERSION,
      });
    }
    if (version < SCHEMA_VERSION) migrate(db, MIGRATIONS);
    const rows = readInvestigation(db, investigationKey);
    const evidence = digestEvidence(rows);
    const listed = new Map(manifestEvidence.map((e) => [e.id, e]));
    if (listed.size !== evidence.length || evidence.some((e) => listed.get(e.id)?.sha256 !== e.sha256 || listed.get(e.id)?.size !== e.size)) {
      throw new VigilError('VAULT_CORRUPT', 'The evidence in the case package does not match its manifest', { problem: 'evidence_hash' });
    }
    const accounts = db.prepare<[], PackageAccount>('SELECT id, username, display_name FROM users ORDER BY id').all();
    return { rows, accounts, rowCounts: rowCountsOf(rows), evidence };
  } catch (error) {
    if (error instanceof VigilError) throw error;
    // A payload whose tables are not what they should be: the sealer's doing, not ours.
    throw new VigilError('VAULT_CORRUPT', 'The case package database is not one Vigil can read; nothing was imported', {
      problem: 'tampered', reason: error instanceof Error ? error.message : String(error),
    });
  } finally {
    db.close();
  }
}
