// The source row an imported alert came from, kept with the alert (its detail shows it, under the
// caller's lens) in a compact form (schema v22). Kept as keyed JSON it was ~400 bytes an alert, a sixth
// of a vault: every row repeated its column names, and its id, rule, title and description, which
// the alert holds in its own columns. Now an import's column names are stored once, on its `imports`
// row (`source_columns`, a JSON array, grown as rows bring new names), and each alert's `raw` is a JSON
// array with one slot per column, in that order:
//   a string  the column's value as the source wrote it;
//   a number  the value is exactly the alert's own field of that code (FIELD_CODES), stored once there;
//   null      the row had no such column (rows of a JSON import need not share their keys);
// trailing nulls left out. Alerts not written by an import (and those of vaults before v22) keep raw
// as a keyed JSON object; readers take either (decodeSourceRow). The row itself, and what a masked
// caller may see of it, are unchanged.

/** A source row: column name → value as written. */
export type SourceRow = Readonly<Record<string, string>>;

/** The alert's own fields a slot may point at, by code: the code is the index. Append only. */
const FIELD_CODES = ['externalId', 'rule', 'title', 'description'] as const;
type StoredField = (typeof FIELD_CODES)[number];

/** The alert fields a slot can stand for, as the alert holds them. */
export type AlertOwnFields = Readonly<Record<StoredField, string | null>>;

/** One import's column names and the slots each row fills: rows are encoded against the names met so far. */
export class SourceRowEncoder {
  private readonly slots = new Map<string, number>();
  private readonly names: string[];
  private stored: number;

  /** `names`: the columns the import's row already records (none for a new import). */
  constructor(names: readonly string[]) {
    this.names = [...names];
    this.names.forEach((name, i) => this.slots.set(name, i));
    this.stored = this.names.length;
  }

  /** The row as its compact JSON array; a column not met before gets the next slot. */
  encode(row: SourceRow, alert: AlertOwnFields): string {
    const values: (string | number | null)[] = [];
    for (const [name, value] of Object.entries(row)) {
      let slot = this.slots.get(name);
      if (slot === undefined) {
        slot = this.names.length;
        this.names.push(name);
        this.slots.set(name, slot);
      }
      while (values.length <= slot) values.push(null);
      const code = FIELD_CODES.findIndex((field) => alert[field] === value);
      values[slot] = code >= 0 ? code : value;
    }
    return JSON.stringify(values);
  }

  /**
   * The column names to store when rows since the last call met new ones, else null. The caller
   * stores them in the transaction that writes those rows: a row never refers to a slot its
   * import's row does not name.
   */
  takeGrownNames(): string | null {
    if (this.names.length === this.stored) return null;
    this.stored = this.names.length;
    return JSON.stringify(this.names);
  }
}

/** The names an `imports.source_columns` value holds (none for null or anything unreadable). */
export function parseSourceColumns(stored: string | null): string[] {
  if (stored === null) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) && parsed.every((name) => typeof name === 'string') ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * The source row a stored `raw` holds, in either form: the compact array against its import's
 * column names, or a keyed object. Null for no row, or for one that cannot be read whole (a slot
 * without a name, an unknown code): a row shown with guessed names would mislead.
 */
export function decodeSourceRow(raw: string | null, columns: readonly string[], alert: AlertOwnFields): Record<string, string> | null {
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const row: Record<string, string> = {};
  if (!Array.isArray(parsed)) {
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      row[name] = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    }
    return row;
  }
  for (let slot = 0; slot < parsed.length; slot += 1) {
    const value: unknown = parsed[slot];
    if (value === null) continue;
    const name = columns[slot];
    if (name === undefined) return null;
    if (typeof value === 'string') row[name] = value;
    else if (typeof value === 'number' && FIELD_CODES[value] !== undefined) {
      const own = alert[FIELD_CODES[value] as StoredField];
      if (own === null) return null;
      row[name] = own;
    } else return null;
  }
  return row;
}
