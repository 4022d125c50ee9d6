// Session history on disk, for the admin's sessions screen and the audit trail. Device-local: never synced.
import type { SqliteDatabase } from '../store/database';
import type { LiveSession, SessionEndReason } from './session-registry';

export class SessionsRepository {
  private readonly insertRow;
  private readonly endRow;
  private readonly touchRow;
  private readonly openRows;
  private readonly endOrphan;

  constructor(db: SqliteDatabase) {
    this.insertRow = db.prepare(
      'INSERT INTO sessions (id, user_id, client, created_at, last_active_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.endRow = db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ?, last_active_at = ? WHERE id = ? AND ended_at IS NULL');
    this.touchRow = db.prepare('UPDATE sessions SET last_active_at = ? WHERE id = ?');
    this.openRows = db.prepare<[], { id: string }>('SELECT id FROM sessions WHERE ended_at IS NULL');
    this.endOrphan = db.prepare("UPDATE sessions SET ended_at = ?, end_reason = 'not_resumed' WHERE id = ?");
  }

  insert(session: LiveSession): void {
    this.insertRow.run(session.id, session.userId, session.client, session.createdAt, session.lastActiveAt, session.expiresAt);
  }

  end(session: LiveSession, reason: SessionEndReason, at: number): void {
    this.endRow.run(at, reason, session.lastActiveAt, session.id);
  }

  touch(session: LiveSession): void {
    this.touchRow.run(session.lastActiveAt, session.id);
  }

  /** Sessions left open on disk by a crash or by ending while the vault was closed. */
  closeOrphans(liveIds: ReadonlySet<string>, at: number): void {
    for (const row of this.openRows.all()) if (!liveIds.has(row.id)) this.endOrphan.run(at, row.id);
  }
}
