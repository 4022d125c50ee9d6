// The per-field clock (schema v30, `sync_field_stamps`): the stamp of each field's value the vault
// holds from a pull or has pushed. A stamp is (HLC, device); stamps compare by HLC, then by device
// id, so any two differ and every replica picks the same winner (docs/SYNC.md, "Records").
import type { SqliteDatabase } from '../store/database';
import { DeviceNumbers } from '../store/devices';
import { DELETED_FIELD } from '../../src-shared/sync-tables';

export interface Stamp {
  hlc: string;
  /** The device's id (never the vault's number for it). */
  device: string;
}

/** The record's creation stamp: it wrote every column, so it stands for each field without a stamp of its own. */
export const WHOLE_RECORD = '*';

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.device === b.device) return 0;
  return a.device < b.device ? -1 : 1;
}

export function newerStamp(a: Stamp | null, b: Stamp | null): Stamp | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareStamps(a, b) >= 0 ? a : b;
}

/** A record's stamps by field. */
export type RecordStamps = Map<string, Stamp>;

/** The stamp of a field's value: its own, else the record's creation (never for the tombstone: creating a record deletes nothing). */
export function stampOf(stamps: RecordStamps | undefined, field: string): Stamp | null {
  if (!stamps) return null;
  return stamps.get(field) ?? (field === DELETED_FIELD ? null : stamps.get(WHOLE_RECORD) ?? null);
}

const unstampedKey = (table: string, id: string): string => `${table}\u0000${id}`;

/** Reads and writes sync_field_stamps, its statements prepared once. */
export class FieldStamps {
  private readonly byRecord;
  private readonly upsert;
  private readonly removeOne;
  private readonly removeAll;
  private readonly heldAmong;
  /** Records read in bulk to hold no stamps and not stamped since: `of` needs no query for them. */
  private readonly knownUnstamped = new Set<string>();
  readonly devices: DeviceNumbers;

  constructor(db: SqliteDatabase) {
    this.devices = new DeviceNumbers(db);
    this.byRecord = db.prepare<[string, string], { field: string; hlc: string; device: string }>(
      'SELECT field, hlc, device FROM sync_field_stamps WHERE table_name = ? AND row_id = ?',
    );
    this.upsert = db.prepare<[string, string, string, string, string]>(
      `INSERT INTO sync_field_stamps (table_name, row_id, field, hlc, device) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device`,
    );
    this.removeOne = db.prepare<[string, string, string]>('DELETE FROM sync_field_stamps WHERE table_name = ? AND row_id = ? AND field = ?');
    this.removeAll = db.prepare<[string, string]>('DELETE FROM sync_field_stamps WHERE table_name = ? AND row_id = ?');
    this.heldAmong = db.prepare<[string, string], string>('SELECT DISTINCT row_id FROM sync_field_stamps WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))').pluck();
  }

  /** Reads in one query which of `ids` hold stamps, so `of` skips the query for those that hold none (a first sync's records). */
  preload(table: string, ids: readonly string[]): void {
    const held = new Set(this.heldAmong.all(table, JSON.stringify(ids)));
    for (const id of ids) if (!held.has(id)) this.knownUnstamped.add(unstampedKey(table, id));
  }

  of(table: string, id: string): RecordStamps {
    const stamps: RecordStamps = new Map();
    if (this.knownUnstamped.has(unstampedKey(table, id))) return stamps;
    for (const row of this.byRecord.all(table, id)) stamps.set(row.field, { hlc: row.hlc, device: this.devices.idOf(row.device) });
    return stamps;
  }

  /**
   * Records `stamp` for each field whose stored stamp is older (a field stamped newer, by a pull
   * committed since, keeps its own). `whole`: the record's creation, kept as one `*` row.
   */
  record(table: string, id: string, fields: readonly string[], stamp: Stamp, whole: boolean): void {
    const current = this.of(table, id);
    this.knownUnstamped.delete(unstampedKey(table, id));
    const device = this.devices.numberOf(stamp.device);
    if (whole) {
      const creation = current.get(WHOLE_RECORD);
      if (!creation || compareStamps(stamp, creation) > 0) this.upsert.run(table, id, WHOLE_RECORD, stamp.hlc, device);
      // A field's own row at or below the creation says nothing the `*` row does not.
      for (const [field, own] of current) {
        if (field !== WHOLE_RECORD && compareStamps(own, stamp) <= 0) this.removeOne.run(table, id, field);
      }
      return;
    }
    for (const field of fields) {
      const own = stampOf(current, field);
      if (!own || compareStamps(stamp, own) > 0) this.upsert.run(table, id, field, stamp.hlc, device);
    }
  }

  /** A record gone from the vault (evicted) keeps no clock: if it comes back, it comes back whole. */
  forget(table: string, id: string): void {
    this.removeAll.run(table, id);
  }
}
