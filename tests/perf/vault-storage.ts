// Where a vault's bytes go: its file size per alert, and each b-tree's share (SQLite's dbstat
// virtual table, which reads every page) with the table it belongs to, so a schema change can be
// judged by the bytes it moves. Run after a WAL checkpoint, so the file holds every page.
import { statSync } from 'node:fs';
import type { SqliteDatabase } from '../../src-main/store/database';
import type { BenchTable } from './bench-table';

/** B-trees smaller than this share of the file are summed into one line. */
const SMALL_SHARE = 0.005;

export interface VaultStorage {
  fileBytes: number;
  alerts: number;
  table: BenchTable;
}

interface BtreeBytes {
  name: string;
  pages: number;
  bytes: number;
}

export function vaultStorage(db: SqliteDatabase, path: string, title: string): VaultStorage {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const fileBytes = statSync(path).size;
  const alerts = (db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
  const perAlert = (bytes: number) => (alerts === 0 ? '—' : (bytes / alerts).toFixed(1));
  const share = (bytes: number) => `${((100 * bytes) / fileBytes).toFixed(1)} %`;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const headers = ['b-tree', 'table', 'pages', 'MB', 'bytes/alert', 'share of file'];

  let btrees: BtreeBytes[];
  try {
    btrees = db.prepare('SELECT name, count(*) AS pages, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as BtreeBytes[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { fileBytes, alerts, table: { title: `${title}: no per-table breakdown (this SQLite build has no dbstat: ${reason})`, headers, rows: [['whole file', '—', '—', mb(fileBytes), perAlert(fileBytes), '100 %']] } };
  }

  const owner = owners(db);
  const shown = btrees.filter((b) => b.bytes >= SMALL_SHARE * fileBytes);
  const small = btrees.filter((b) => b.bytes < SMALL_SHARE * fileBytes);
  const sum = (list: BtreeBytes[], key: 'pages' | 'bytes') => list.reduce((total, b) => total + b[key], 0);
  const unaccounted = fileBytes - sum(btrees, 'bytes');
  const rows = [
    ...shown.map((b) => [b.name, owner(b.name), String(b.pages), mb(b.bytes), perAlert(b.bytes), share(b.bytes)]),
    [`${small.length} smaller b-trees`, '—', String(sum(small, 'pages')), mb(sum(small, 'bytes')), perAlert(sum(small, 'bytes')), share(sum(small, 'bytes'))],
    ['free and unused pages', '—', '—', mb(unaccounted), perAlert(unaccounted), share(unaccounted)],
    ['whole file', '—', '—', mb(fileBytes), perAlert(fileBytes), '100 %'],
  ];
  return { fileBytes, alerts, table: { title: `${title} (${alerts.toLocaleString('en-US')} alerts, dbstat)`, headers, rows } };
}

/** The table a b-tree belongs to: an index's table, or the full-text table behind a shadow table. */
function owners(db: SqliteDatabase): (btree: string) => string {
  const schema = db.prepare('SELECT name, tbl_name AS tableName, sql FROM sqlite_schema').all() as { name: string; tableName: string; sql: string | null }[];
  const tableOf = new Map(schema.map((s) => [s.name, s.tableName]));
  const virtualTables = schema.filter((s) => s.sql?.startsWith('CREATE VIRTUAL TABLE')).map((s) => s.name);
  return (btree) => virtualTables.find((v) => btree.startsWith(`${v}_`)) ?? tableOf.get(btree) ?? btree;
}
