// Custody events that say where a file went or came from (schema v6 `evidence_custody.detail`):
// "sealed into case package …", "imported from case package … exported by …". Append-only, logged.
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';

export function appendCustodyWithDetail(
  db: SqliteDatabase, row: RowContext, entry: { evidenceId: string; userId: string | null; event: 'imported' | 'exported'; detail: string },
): void {
  const now = row.now();
  const id = uuidv7(now);
  const hlc = row.hlc();
  db.prepare(
    `INSERT INTO evidence_custody (id, evidence_id, at, user_id, event, detail, created_at, updated_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, entry.evidenceId, now, entry.userId, entry.event, entry.detail, now, now, hlc, row.device);
  row.changes.record('evidence_custody', id, ['evidence_id', 'at', 'user_id', 'event', 'detail'], hlc);
}
