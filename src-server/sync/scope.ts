// A record's scope, the investigation it belongs to, computed by the server from the merged record
// (docs/SYNC.md, "Scope"), never taken from the client.
import { syncTableRule, type SyncTable } from '../../src-shared/sync-tables';
import type { HeldRecord } from './merge';

/** The record a `parent` scope rule points to, when the table has one. */
export function scopeParent(table: SyncTable, record: HeldRecord): { table: SyncTable; id: string } | null {
  const rule = syncTableRule(table).scope;
  if (rule.kind !== 'parent') return null;
  const value = record.fields[rule.field]?.value;
  return typeof value === 'string' ? { table: rule.table, id: value } : null;
}

/**
 * The scope of `record`. `parentScope` answers for a `parent` rule (custody takes its evidence's
 * scope); a parent the server does not hold gives no scope, like an alert in no case.
 */
export function scopeOf(table: SyncTable, id: string, record: HeldRecord, parentScope: (table: SyncTable, id: string) => string | null): string | null {
  const rule = syncTableRule(table).scope;
  switch (rule.kind) {
    case 'none':
      return null;
    case 'self':
      return id;
    case 'field': {
      const value = record.fields[rule.field]?.value;
      return typeof value === 'string' && value !== '' ? value : null;
    }
    case 'parent': {
      const parent = scopeParent(table, record);
      return parent === null ? null : parentScope(parent.table, parent.id);
    }
  }
}
