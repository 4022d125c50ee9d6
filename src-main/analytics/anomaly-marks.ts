// Days marked as expected, per series: written on the main thread (a mark is a user's write, audited
// by the router), read by the analytics worker on its own connection (readAnomalyMarks). Unmarking
// keeps the row (soft delete), so the history of marks stays in the vault.
import { VigilError } from '../../src-shared/errors';
import type { AnomalyMark, AnomalySeries } from '../../src-shared/analytics-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';

interface MarkRow {
  id: string;
  series: AnomalySeries;
  date: string;
  note: string;
  marked_by: string | null;
  marked_by_name: string | null;
  marked_at: number;
}

const LIVE_MARKS = `SELECT m.id, m.series, m.date, m.note, m.marked_by, u.display_name AS marked_by_name, m.marked_at
  FROM anomaly_marks m LEFT JOIN users u ON u.id = m.marked_by WHERE m.deleted_at IS NULL`;

const toMark = (r: MarkRow): AnomalyMark => ({
  series: r.series, date: r.date, note: r.note, markedBy: { id: r.marked_by, name: r.marked_by_name }, markedAt: r.marked_at,
});

/** Live marks keyed `series:date`, for the report's flagged days. */
export function readAnomalyMarks(db: SqliteDatabase): Map<string, AnomalyMark> {
  const rows = db.prepare<[], MarkRow>(LIVE_MARKS).all();
  return new Map(rows.map((r) => [markKey(r.series, r.date), toMark(r)]));
}

export const markKey = (series: AnomalySeries, date: string) => `${series}:${date}`;

export class AnomalyMarksRepository {
  private readonly live;
  private readonly insert;
  private readonly softDelete;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.live = db.prepare<[string, string], MarkRow>(`${LIVE_MARKS} AND m.series = ? AND m.date = ?`);
    this.insert = db.prepare(
      `INSERT INTO anomaly_marks (id, series, date, note, marked_by, marked_at, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.softDelete = db.prepare(
      `UPDATE anomaly_marks SET deleted_at = ?, unmarked_by = ?, updated_at = ?, updated_hlc = ?, origin_device = ?
       WHERE id = ? AND deleted_at IS NULL`,
    );
  }

  /** Marks the day as expected; CONFLICT when it already is (the mark shown may be someone else's). */
  mark(series: AnomalySeries, date: string, note: string, userId: string): AnomalyMark {
    return this.db.transaction(() => {
      if (this.live.get(series, date)) throw new VigilError('CONFLICT', `${date} is already marked as expected`, { series, date });
      const now = this.row.now();
      const id = uuidv7(now);
      const hlc = this.row.hlc();
      this.insert.run(id, series, date, note, userId, now, now, now, hlc, this.row.device);
      this.row.changes.record('anomaly_marks', id, ['series', 'date', 'note', 'marked_by', 'marked_at'], hlc);
      const written = this.live.get(series, date);
      if (!written) throw new Error('anomaly mark not written');
      return toMark(written);
    })();
  }

  /** Takes the mark back (undo); NOT_FOUND when the day is not marked. */
  unmark(series: AnomalySeries, date: string, userId: string): void {
    this.db.transaction(() => {
      const current = this.live.get(series, date);
      if (!current) throw new VigilError('NOT_FOUND', `${date} is not marked as expected`, { series, date });
      const now = this.row.now();
      const hlc = this.row.hlc();
      this.softDelete.run(now, userId, now, hlc, this.row.device, current.id);
      this.row.changes.record('anomaly_marks', current.id, ['deleted_at', 'unmarked_by'], hlc);
    })();
  }

  /** Live marks keyed `series:date`. */
  all(): Map<string, AnomalyMark> {
    return readAnomalyMarks(this.db);
  }
}
