// A device as synced rows name it (schema v26). Every synced row and change-log entry records the
// device that last changed it (`origin_device`); written as the device's 36-character id that was 36
// bytes in every alert and entity, ~80 bytes an alert. Now a vault numbers the devices it knows
// (`devices`: this one first, then each a sync brings) and rows hold the number, as text ("1").
// The number is the vault's own, like a rid: what leaves the vault (the change feed) names the device
// by its id again, and a receiver numbers it its own way. Rows written before v26, and the audit
// log (whose entries are hashed as written), hold the id itself: idOf passes an id through.
import type { SqliteDatabase } from './database';

/** A stored device number: digits only, never a device id (a UUID). */
const DEVICE_NUMBER = /^\d{1,9}$/;

export class DeviceNumbers {
  private readonly insert;
  private readonly byId;
  private readonly byNumber;
  private readonly ids = new Map<string, string>();
  /**
   * Numbers met by this instance. An instance lives inside one transaction (a pull page, a write), so a
   * number given here is never one a rollback took back; a pull page asks once per record (~0.3 s a 100k first sync).
   */
  private readonly numbers = new Map<string, string>();

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare<[string]>('INSERT OR IGNORE INTO devices (id) VALUES (?)');
    this.byId = db.prepare<[string], { rid: number }>('SELECT rid FROM devices WHERE id = ?');
    this.byNumber = db.prepare<[number], { id: string }>('SELECT id FROM devices WHERE rid = ?');
  }

  /** The number rows store for a device id, given one the first time it is met (in the caller's transaction). */
  numberOf(deviceId: string): string {
    const known = this.numbers.get(deviceId);
    if (known !== undefined) return known;
    let row = this.byId.get(deviceId);
    if (!row) {
      this.insert.run(deviceId);
      row = this.byId.get(deviceId) as { rid: number };
    }
    const number = String(row.rid);
    this.numbers.set(deviceId, number);
    return number;
  }

  /** The device id a stored `origin_device` names: a number looked up, an id (rows before v26, the audit log) as it is. */
  idOf(stored: string): string {
    if (!DEVICE_NUMBER.test(stored)) return stored;
    let id = this.ids.get(stored);
    if (id === undefined) {
      id = this.byNumber.get(Number(stored))?.id;
      if (id === undefined) throw new Error(`No device number ${stored} in this vault`);
      this.ids.set(stored, id);
    }
    return id;
  }
}
