// Vault-wide settings as key → JSON value, change-logged so they sync.
import type { SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';
import type { SystemSettings } from '../../src-shared/model';

export const DEFAULT_SYSTEM_SETTINGS: SystemSettings = { idleLockSeconds: 15 * 60, sessionLifetimeHours: 12 };

/** Reads only: what a worker's read-only connection needs (the stats report reads the service levels). */
export class SettingsReader {
  private readonly select;

  constructor(db: SqliteDatabase) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  }

  get<T>(key: string): T | undefined {
    const row = this.select.get(key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
}

export class SettingsRepository extends SettingsReader {
  private readonly upsert;

  constructor(db: SqliteDatabase, private readonly context: RowContext) {
    super(db);
    this.upsert = db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_hlc, origin_device) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_hlc = excluded.updated_hlc, origin_device = excluded.origin_device`,
    );
  }

  set(key: string, value: unknown): void {
    const hlc = this.context.hlc();
    this.upsert.run(key, JSON.stringify(value), this.context.now(), hlc, this.context.device);
    this.context.changes.record('settings', key, ['value'], hlc);
  }

  systemSettings(): SystemSettings {
    return { ...DEFAULT_SYSTEM_SETTINGS, ...this.get<Partial<SystemSettings>>('system') };
  }
}
