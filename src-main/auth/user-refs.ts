// Resolves user ids to the {id, username, displayName} references the workspace model shows,
// memoised for one read so a list of fifty actions asks for each person once.
import type { UserRef } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';

export type UserRefResolver = (id: string | null) => UserRef | null;

export class UserRefs {
  private readonly byId;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[string], { id: string; username: string; display_name: string }>(
      'SELECT id, username, display_name FROM users WHERE id = ?',
    );
  }

  /** A resolver for one read; deleted users still resolve, so history keeps its names. */
  resolver(): UserRefResolver {
    const memo = new Map<string, UserRef | null>();
    return (id) => {
      if (id === null) return null;
      if (!memo.has(id)) {
        const row = this.byId.get(id);
        memo.set(id, row ? { id: row.id, username: row.username, displayName: row.display_name } : null);
      }
      return memo.get(id) ?? null;
    };
  }
}
