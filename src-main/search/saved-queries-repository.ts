// Each user's saved queries (synced rows with a change log) and recent-query history (device-local,
// like sessions: the last 50 distinct queries, most recent first).
import { VigilError } from '../../src-shared/errors';
import type { QueryHistoryItem, SavedQuery } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';

export const HISTORY_SIZE = 50;

export class SavedQueriesRepository {
  private readonly listSaved;
  private readonly savedByName;
  private readonly insertSaved;
  private readonly softDelete;
  private readonly upsertHistory;
  private readonly pruneHistory;
  private readonly listHistory;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.listSaved = db.prepare<[string], { id: string; name: string; query: string; created_at: number }>(
      'SELECT id, name, query, created_at FROM saved_queries WHERE user_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE',
    );
    this.savedByName = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM saved_queries WHERE user_id = ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL',
    );
    this.insertSaved = db.prepare(
      `INSERT INTO saved_queries (id, user_id, name, query, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.softDelete = db.prepare(
      `UPDATE saved_queries SET deleted_at = ?, updated_at = ?, updated_hlc = ?, origin_device = ?
       WHERE id = ? AND user_id = ? AND deleted_at IS NULL`,
    );
    this.upsertHistory = db.prepare(
      `INSERT INTO query_history (user_id, query, at, hits, hits_capped) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, query) DO UPDATE SET at = excluded.at, hits = excluded.hits, hits_capped = excluded.hits_capped`,
    );
    this.pruneHistory = db.prepare(
      `DELETE FROM query_history WHERE user_id = ? AND query NOT IN
         (SELECT query FROM query_history WHERE user_id = ? ORDER BY at DESC, query LIMIT ${HISTORY_SIZE})`,
    );
    this.listHistory = db.prepare<[string], QueryHistoryItem>(
      `SELECT query, at, hits, hits_capped AS capped FROM query_history WHERE user_id = ? ORDER BY at DESC, query LIMIT ${HISTORY_SIZE}`,
    );
  }

  saved(userId: string): SavedQuery[] {
    return this.listSaved.all(userId).map((r) => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at }));
  }

  save(userId: string, name: string, query: string): SavedQuery {
    const now = this.row.now();
    const id = uuidv7(now);
    this.db.transaction(() => {
      if (this.savedByName.get(userId, name)) throw new VigilError('CONFLICT', `You already have a saved query named "${name}"`);
      const hlc = this.row.hlc();
      this.insertSaved.run(id, userId, name, query, now, now, hlc, this.row.device);
      this.row.changes.record('saved_queries', id, ['user_id', 'name', 'query'], hlc);
    })();
    return { id, name, query, createdAt: now };
  }

  delete(userId: string, id: string): void {
    this.db.transaction(() => {
      const now = this.row.now();
      const hlc = this.row.hlc();
      // Only the owner's own query: someone else's id is simply not found.
      if (this.softDelete.run(now, now, hlc, this.row.device, id, userId).changes !== 1) throw new VigilError('NOT_FOUND', 'No such saved query');
      this.row.changes.record('saved_queries', id, ['deleted_at'], hlc);
    })();
  }

  remember(userId: string, query: string, hits: number, capped: boolean): void {
    this.db.transaction(() => {
      this.upsertHistory.run(userId, query, this.row.now(), hits, capped ? 1 : 0);
      this.pruneHistory.run(userId, userId);
    })();
  }

  history(userId: string): QueryHistoryItem[] {
    return this.listHistory.all(userId).map((item) => ({ ...item, capped: Boolean(item.capped) }));
  }
}
