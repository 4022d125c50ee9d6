// What the vault held, when a pull page began, of the records the page names — read in a few bulk
// queries (one per table) instead of three or four lookups a record: each record's alias, whether
// its row is there, and whether its natural key (an alert's fingerprint, an entity's kind and value)
// names a row. A first sync's records are all absent, and this is what lets it skip the lookups.
//
// Only absences are trusted: a row written by the page since (an insert, a natural key an update set,
// an alias made) is taken out of them, and the caller asks the database again. Evictions only remove
// rows, so an absence stays true through them.
import type { StatementCache } from '../store/statement-cache';
import type { PulledRecord } from '../../src-shared/sync-protocol';
import type { SyncTable } from '../../src-shared/sync-tables';
import { recordKey } from './local-changes';

const IN_JSON = 'SELECT value FROM json_each(?)';

/**
 * The natural key a record of `table` may share with a row imported here (an alert's fingerprint, an
 * entity's kind and value), as text; null outside alerts and entities, and when a part is not a
 * string (the caller then asks the database, which compares as the column does).
 */
export function naturalKeyOf(table: SyncTable, fields: PulledRecord['fields']): string | null {
  const parts = table === 'alerts' ? [fields.fingerprint?.value] : table === 'entities' ? [fields.kind?.value, fields.value?.value] : null;
  if (parts === null || !parts.every((part) => typeof part === 'string')) return null;
  return JSON.stringify(parts);
}

export class PageLookups {
  /** Remote id → the vault's id for it (itself when there is no alias), for alerts and entities. */
  private readonly aliases = new Map<string, string>();
  private readonly absentRows = new Set<string>();
  private readonly absentNaturalKeys = new Set<string>();

  /** `roundFingerprints`: the fingerprint index is set aside, the round's fingerprints are in a temporary table (store/fingerprint-index.ts). */
  constructor(private readonly statements: StatementCache, records: readonly PulledRecord[], private readonly roundFingerprints = false) {
    const byTable = new Map<SyncTable, PulledRecord[]>();
    for (const record of records) {
      const list = byTable.get(record.table) ?? [];
      list.push(record);
      byTable.set(record.table, list);
    }
    for (const [table, list] of byTable) this.readTable(table, list);
  }

  private readTable(table: SyncTable, records: readonly PulledRecord[]): void {
    const remoteIds = [...new Set(records.map((r) => r.id))];
    if (table === 'alerts' || table === 'entities') {
      for (const id of remoteIds) this.aliases.set(recordKey(table, id), id);
      const rows = this.statements.get(`SELECT remote_id, local_id FROM sync_aliases WHERE table_name = ? AND remote_id IN (${IN_JSON})`)
        .all(table, JSON.stringify(remoteIds)) as Array<{ remote_id: string; local_id: string }>;
      for (const row of rows) this.aliases.set(recordKey(table, row.remote_id), row.local_id);
    }
    const localIds = [...new Set(remoteIds.map((id) => this.aliases.get(recordKey(table, id)) ?? id))];
    const held = this.statements.get(`SELECT id FROM ${table} WHERE id IN (${IN_JSON})`).all(JSON.stringify(localIds)) as Array<{ id: string }>;
    const heldIds = new Set(held.map((row) => row.id));
    for (const id of localIds) if (!heldIds.has(id)) this.absentRows.add(recordKey(table, id));

    const keys = [...new Set(records.map((r) => naturalKeyOf(table, r.fields)).filter((key): key is string => key !== null))];
    if (keys.length === 0) return;
    // The keys are JSON arrays of strings: the query takes them as they are, and the held ones come back as the same text.
    const keysJson = `[${keys.join(',')}]`;
    const heldKeys = new Set(table === 'alerts'
      ? (this.statements.get(`SELECT fingerprint FROM ${this.roundFingerprints ? 'temp.round_fingerprints' : 'alerts'} WHERE fingerprint IN (SELECT value->>0 FROM json_each(?))`).all(keysJson) as Array<{ fingerprint: string }>).map((row) => JSON.stringify([row.fingerprint]))
      : (this.statements.get(`SELECT kind, value FROM entities WHERE (kind, value) IN (SELECT value->>0, value->>1 FROM json_each(?))`).all(keysJson) as Array<{ kind: string; value: string }>).map((row) => JSON.stringify([row.kind, row.value])));
    for (const key of keys) if (!heldKeys.has(key)) this.absentNaturalKeys.add(`${table}\u0000${key}`);
  }

  /** The vault's id for a remote alert or entity id (an alias when the same one was imported here). */
  aliasOf(table: 'alerts' | 'entities', id: string): string {
    const key = recordKey(table, id);
    let local = this.aliases.get(key);
    if (local === undefined) {
      const alias = this.statements.get('SELECT local_id FROM sync_aliases WHERE table_name = ? AND remote_id = ?').get(table, id) as { local_id: string } | undefined;
      local = alias?.local_id ?? id;
      this.aliases.set(key, local);
    }
    return local;
  }

  /** Makes `remoteId` name the vault's row `localId` from now on. */
  addAlias(table: 'alerts' | 'entities', remoteId: string, localId: string): void {
    this.statements.get('INSERT OR IGNORE INTO sync_aliases (table_name, remote_id, local_id) VALUES (?, ?, ?)').run(table, remoteId, localId);
    this.aliases.delete(recordKey(table, remoteId));
  }

  /** True only when the row was absent when the page began and the page has not written it. */
  isAbsent(table: SyncTable, id: string): boolean {
    return this.absentRows.has(recordKey(table, id));
  }

  /** True only when no row held the natural key when the page began and the page has written none with it. */
  isNaturalKeyAbsent(table: SyncTable, key: string): boolean {
    return this.absentNaturalKeys.has(`${table}\u0000${key}`);
  }

  /** A row the page wrote: its id and natural key are no longer known absent. */
  noteWritten(table: SyncTable, id: string, naturalKey: string | null): void {
    this.absentRows.delete(recordKey(table, id));
    if (naturalKey !== null) this.absentNaturalKeys.delete(`${table}\u0000${naturalKey}`);
  }

  /** An update that changed a natural key column: any key of the table may now be held. */
  forgetNaturalKeys(table: SyncTable): void {
    const prefix = `${table}\u0000`;
    for (const key of this.absentNaturalKeys) if (key.startsWith(prefix)) this.absentNaturalKeys.delete(key);
  }
}
