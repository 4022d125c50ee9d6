// How far into one change-log entry the outbox has pushed, when the entry is too big for one push
// (schema v31, `sync_state.pushed_part_seq`/`pushed_part_offset`; docs/SYNC.md, "Push", "Parts").
// Written only by outbox.ts markPushed, in the transaction that records the part's stamps.
import type { SqliteDatabase } from '../store/database';

export interface PushedPart {
  /** The entry's change-log seq (after the outbox's `pushed_seq`). */
  seq: number;
  /** How many of its changes the server acknowledged: the next part's offset. */
  offset: number;
}

/** The entry under way, or null between entries (also when the cursor has since passed it). */
export function readPushedPart(db: SqliteDatabase): PushedPart | null {
  const row = db.prepare<[], { pushed_seq: number; pushed_part_seq: number | null; pushed_part_offset: number | null }>(
    'SELECT pushed_seq, pushed_part_seq, pushed_part_offset FROM sync_state WHERE id = 1',
  ).get();
  if (!row || row.pushed_part_seq === null || row.pushed_part_seq <= row.pushed_seq) return null;
  return { seq: row.pushed_part_seq, offset: row.pushed_part_offset ?? 0 };
}

/** Moves the part forward (never back: a late acknowledgement of an earlier part changes nothing). */
export function advancePushedPart(db: SqliteDatabase, part: PushedPart): void {
  db.prepare(
    `UPDATE sync_state SET pushed_part_seq = @seq,
       pushed_part_offset = CASE WHEN pushed_part_seq = @seq THEN max(coalesce(pushed_part_offset, 0), @offset) ELSE @offset END
     WHERE id = 1 AND pushed_seq < @seq AND (pushed_part_seq IS NULL OR pushed_part_seq <= @seq OR pushed_part_seq <= pushed_seq)`,
  ).run(part);
}

/** The entry is in whole (its last part, or the cursor moved past it): no part under way. */
export function clearPushedPart(db: SqliteDatabase): void {
  db.prepare('UPDATE sync_state SET pushed_part_seq = NULL, pushed_part_offset = NULL WHERE id = 1 AND pushed_part_seq <= pushed_seq').run();
}
