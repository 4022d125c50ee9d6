// The users table. Every write records its changed fields in the change log, in the same transaction.
import type { Role } from '../../src-shared/permissions';
import type { Preferences, Theme } from '../../src-shared/model';

type EvidenceImages = Preferences['evidenceImages'];
import type { SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';
import { StatementCache } from '../store/statement-cache';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  passwordChangedAt: number | null;
  disabledAt: number | null;
  totpSecret: string | null;
  totpEnabledAt: number | null;
  totpLastStep: number | null;
  theme: Theme;
  evidenceImages: EvidenceImages;
  createdAt: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  must_change_password: number;
  password_changed_at: number | null;
  disabled_at: number | null;
  totp_secret: string | null;
  totp_enabled_at: number | null;
  totp_last_step: number | null;
  theme: Theme;
  evidence_images: EvidenceImages;
  created_at: number;
}

/** Columns a caller may change, mapped to their SQL names (never spliced from input). */
const UPDATABLE = {
  displayName: 'display_name',
  role: 'role',
  mustChangePassword: 'must_change_password',
  passwordChangedAt: 'password_changed_at',
  disabledAt: 'disabled_at',
  totpSecret: 'totp_secret',
  totpEnabledAt: 'totp_enabled_at',
  totpLastStep: 'totp_last_step',
  theme: 'theme',
  evidenceImages: 'evidence_images',
} as const;
type UpdatableField = keyof typeof UPDATABLE;
export type UserChanges = Partial<Pick<UserRecord, UpdatableField>>;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
    passwordChangedAt: row.password_changed_at,
    disabledAt: row.disabled_at,
    totpSecret: row.totp_secret,
    totpEnabledAt: row.totp_enabled_at,
    totpLastStep: row.totp_last_step,
    theme: row.theme,
    evidenceImages: row.evidence_images,
    createdAt: row.created_at,
  };
}

function toColumnValue(value: unknown): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as string | number | null;
}

export class UsersRepository {
  private readonly byId;
  private readonly byUsername;
  private readonly all;
  private readonly insertRow;
  private readonly updates: StatementCache;

  constructor(db: SqliteDatabase, private readonly context: RowContext) {
    this.updates = new StatementCache(db);
    this.byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ? AND deleted_at IS NULL');
    this.byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ? AND deleted_at IS NULL');
    this.all = db.prepare<[], UserRow>('SELECT * FROM users WHERE deleted_at IS NULL ORDER BY username');
    this.insertRow = db.prepare(
      `INSERT INTO users (id, username, display_name, role, must_change_password, password_changed_at,
         created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @username, @displayName, @role, @mustChangePassword, @passwordChangedAt,
         @createdAt, @createdAt, @hlc, @device)`,
    );
  }

  get(id: string): UserRecord | undefined {
    const row = this.byId.get(id);
    return row ? toRecord(row) : undefined;
  }

  findByUsername(username: string): UserRecord | undefined {
    const row = this.byUsername.get(username);
    return row ? toRecord(row) : undefined;
  }

  list(): UserRecord[] {
    return this.all.all().map(toRecord);
  }


  insert(user: Pick<UserRecord, 'id' | 'username' | 'displayName' | 'role' | 'mustChangePassword'>): UserRecord {
    const now = this.context.now();
    const hlc = this.context.hlc();
    this.insertRow.run({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      mustChangePassword: user.mustChangePassword ? 1 : 0,
      passwordChangedAt: user.mustChangePassword ? null : now,
      createdAt: now,
      hlc,
      device: this.context.device,
    });
    this.context.changes.record('users', user.id, ['username', 'display_name', 'role', 'must_change_password'], hlc);
    const created = this.get(user.id);
    if (!created) throw new Error('inserted user not found');
    return created;
  }

  update(id: string, changes: UserChanges): UserRecord {
    const fields = (Object.keys(changes) as UpdatableField[]).filter((f) => changes[f] !== undefined || f in changes).sort();
    if (fields.length > 0) {
      const hlc = this.context.hlc();
      const columns = fields.map((f) => UPDATABLE[f]);
      this.statementFor(columns).run(...fields.map((f) => toColumnValue(changes[f])), this.context.now(), hlc, this.context.device, id);
      this.context.changes.record('users', id, columns, hlc);
    }
    const updated = this.get(id);
    if (!updated) throw new Error(`user ${id} not found after update`);
    return updated;
  }

  private statementFor(columns: readonly string[]) {
    const sets = columns.map((c) => `${c} = ?`).join(', ');
    return this.updates.get(`UPDATE users SET ${sets}, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`);
  }
}
