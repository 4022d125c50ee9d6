// Which of a synced table's columns are record fields, and how a field's value sits in a column.
//
// Not fields: the row's keys (`id`, the vault-local `rid`), its version (`updated_at`, `updated_hlc`,
// `origin_device`: the receiver derives them from the stamps it keeps), `deleted_at` (the tombstone,
// `_deleted`), and an entity's counters (derived from the links on each side). An alert's links and
// sightings are the fields `entities` and `sightings`, not columns.
import type { SqliteDatabase } from '../store/database';
import type { SyncTable } from '../../src-shared/sync-tables';

const NOT_FIELDS = new Set(['id', 'rid', 'updated_at', 'updated_hlc', 'origin_device', 'deleted_at']);
const DERIVED: Partial<Record<SyncTable, ReadonlySet<string>>> = {
  entities: new Set(['alert_count', 'first_seen_at', 'last_seen_at']),
};
/** An alert's fields that are not columns. */
export const ALERT_PARTS = ['entities', 'sightings'] as const;

export interface TableShape {
  table: SyncTable;
  /** Every column of the vault table. */
  columns: ReadonlySet<string>;
  /** The columns that travel as fields. */
  fields: readonly string[];
  /** Whether the table keeps a row version (`updated_hlc`, `origin_device`, `updated_at`). */
  versioned: boolean;
}

/** Each synced table's shape, read from the vault's schema once per connection use. */
export class SyncedShapes {
  private readonly shapes = new Map<SyncTable, TableShape>();

  constructor(private readonly db: SqliteDatabase) {}

  of(table: SyncTable): TableShape {
    let shape = this.shapes.get(table);
    if (!shape) {
      const columns = new Set(this.db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table));
      const derived = DERIVED[table];
      shape = {
        table,
        columns,
        fields: [...columns].filter((column) => !NOT_FIELDS.has(column) && !derived?.has(column)),
        versioned: columns.has('updated_hlc'),
      };
      this.shapes.set(table, shape);
    }
    return shape;
  }

  /** Whether `field` of `table` is something a record carries. */
  isField(table: SyncTable, field: string): boolean {
    if (table === 'alerts' && (ALERT_PARTS as readonly string[]).includes(field)) return true;
    return this.of(table).fields.includes(field);
  }
}

/** A column's value as JSON: columns hold text, numbers and null (JSON in text columns stays text). */
export type ColumnValue = string | number | null;

/** A field's JSON value as the column stores it: objects and arrays as JSON text, booleans as 0/1. */
export function columnValue(value: unknown): ColumnValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON.stringify(value);
}
