// A legal hold keeps an investigation, its alerts and its evidence out of every retention run while it
// lasts (retention-plan.ts never lists a held investigation). Set and cleared by an administrator
// with a reason; the router audits both, and the row keeps who, when and why for the screen.
import { VigilError } from '../../src-shared/errors';
import type { LegalHold } from '../../src-shared/retention-contract';
import type { SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';

const HOLD_FIELDS = ['legal_hold_at', 'legal_hold_by', 'legal_hold_reason'];

interface HoldRow { id: string; legal_hold_at: number | null; legal_hold_by: string | null; legal_hold_reason: string | null }

function holdOf(row: HoldRow): LegalHold {
  return { investigationId: row.id, held: row.legal_hold_at !== null, at: row.legal_hold_at, by: row.legal_hold_by, reason: row.legal_hold_reason };
}

export function readLegalHold(db: SqliteDatabase, investigationId: string): LegalHold {
  const row = db.prepare<[string], HoldRow>(
    'SELECT id, legal_hold_at, legal_hold_by, legal_hold_reason FROM investigations WHERE id = ? AND deleted_at IS NULL',
  ).get(investigationId);
  if (!row) throw new VigilError('NOT_FOUND', 'No such investigation', { investigationId });
  return holdOf(row);
}

/** Puts the hold on (held) or takes it off; `by` is the administrator's user id. Cleared, the hold keeps nothing, the reason included. */
export function setLegalHold(db: SqliteDatabase, row: RowContext, investigationId: string, held: boolean, reason: string, by: string): LegalHold {
  readLegalHold(db, investigationId);
  const hlc = row.hlc();
  db.prepare(
    `UPDATE investigations SET legal_hold_at = ?, legal_hold_by = ?, legal_hold_reason = ?, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`,
  ).run(held ? row.now() : null, held ? by : null, held ? reason : null, row.now(), hlc, row.device, investigationId);
  row.changes.record('investigations', investigationId, HOLD_FIELDS, hlc);
  return readLegalHold(db, investigationId);
}
