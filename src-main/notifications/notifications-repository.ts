// Each person's notifications: written by the notifier (notifier.ts) after the call that caused
// them, read and marked by their owner only (every statement is bound to a user id).
import type { NotificationItem, NotificationKind, NotificationLink } from '../../src-shared/notification-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { CaseNearDue } from './sla-watch';

/** A notification about to be written, for one person. */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  text: string;
  link: NotificationLink;
  /** Set when the rule may fire again for the same fact (the SLA watch): the second is not written. */
  dedupeKey?: string;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  text: string;
  link_page: NotificationLink['page'];
  link_param: string | null;
  created_at: number;
  read_at: number | null;
}

const toItem = (row: NotificationRow): NotificationItem => ({
  id: row.id, kind: row.kind, text: row.text, link: { page: row.link_page, param: row.link_param }, createdAt: row.created_at, readAt: row.read_at,
});

export class NotificationsRepository {
  private readonly insertOne;
  private readonly listOf;
  private readonly unreadOf;
  private readonly markOne;
  private readonly markAll;
  private readonly nearDue;

  constructor(private readonly db: SqliteDatabase) {
    this.insertOne = db.prepare(
      `INSERT INTO notifications (id, user_id, kind, text, link_page, link_param, dedupe_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.listOf = db.prepare<[string, number], NotificationRow>(
      `SELECT id, kind, text, link_page, link_param, created_at, read_at FROM notifications
       WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    this.unreadOf = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL');
    this.markOne = db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL');
    this.markAll = db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL');
    // The SLA watch's one read of investigations: open, assigned, due before `until`.
    this.nearDue = db.prepare<[number], CaseNearDue>(
      `SELECT id, key, assignee_id AS assigneeId, sla_due_at AS slaDueAt FROM investigations
       WHERE deleted_at IS NULL AND closed_at IS NULL AND assignee_id IS NOT NULL AND sla_due_at IS NOT NULL AND sla_due_at <= ?`,
    );
  }

  /** Writes the drafts in one transaction; returns the people who got a new one. */
  add(drafts: readonly NotificationDraft[], now: number): Set<string> {
    const told = new Set<string>();
    this.db.transaction(() => {
      for (const draft of drafts) {
        const result = this.insertOne.run(uuidv7(now), draft.userId, draft.kind, draft.text, draft.link.page, draft.link.param, draft.dedupeKey ?? null, now);
        if (result.changes > 0) told.add(draft.userId);
      }
    })();
    return told;
  }

  list(userId: string, limit: number): NotificationItem[] {
    return this.listOf.all(userId, limit).map(toItem);
  }

  unread(userId: string): number {
    return this.unreadOf.get(userId)?.n ?? 0;
  }

  /** Open assigned cases due before `until`, for the SLA watch (sla-watch.ts). */
  casesDueBefore(until: number): CaseNearDue[] {
    return this.nearDue.all(until);
  }

  /** Marks the owner's notifications read (another person's ids are ignored); returns how many changed. */
  markRead(userId: string, ids: readonly string[] | 'all', now: number): number {
    return this.db.transaction(() => {
      if (ids === 'all') return this.markAll.run(now, userId).changes;
      let changed = 0;
      for (const id of ids) changed += this.markOne.run(now, id, userId).changes;
      return changed;
    })();
  }
}
