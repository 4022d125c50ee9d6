// The people work can be given to: the directory assignee pickers list, and the check that an
// assignee exists and is enabled. (Names for history come from auth/user-refs.ts, which also
// resolves deleted users.)
import { VigilError } from '../../src-shared/errors';
import type { DirectoryUser } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';

interface UserRow { id: string; username: string; display_name: string; role: string; disabled_at: number | null }

export class UserDirectory {
  private readonly byId;
  private readonly byUsername;
  private readonly all;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[string], UserRow>('SELECT id, username, display_name, role, disabled_at FROM users WHERE id = ? AND deleted_at IS NULL');
    this.byUsername = db.prepare<[string], UserRow>('SELECT id, username, display_name, role, disabled_at FROM users WHERE username = ? COLLATE NOCASE AND deleted_at IS NULL');
    this.all = db.prepare<[], UserRow>('SELECT id, username, display_name, role, disabled_at FROM users WHERE deleted_at IS NULL ORDER BY display_name COLLATE NOCASE, username');
  }

  list(): DirectoryUser[] {
    return this.all.all().map((row) => ({ id: row.id, username: row.username, displayName: row.display_name, role: row.role, disabled: row.disabled_at !== null }));
  }

  /** The enabled user with this username (any case), for matching assignees named in imported files. */
  enabledIdByUsername(username: string): string | null {
    const row = this.byUsername.get(username.trim());
    return row && row.disabled_at === null ? row.id : null;
  }

  /** Throws VALIDATION unless `id` names an enabled user: work is never given to a disabled account. */
  requireAssignable(id: string): void {
    const row = this.byId.get(id);
    if (!row) throw new VigilError('VALIDATION', 'No such user to assign', { assigneeId: id });
    if (row.disabled_at !== null) throw new VigilError('VALIDATION', 'That user is disabled and cannot be assigned work', { assigneeId: id });
  }
}
