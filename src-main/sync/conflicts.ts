// Sync conflicts in the vault (docs/SYNC.md, "Conflicts"): the server raises them and they arrive by
// pull into `sync_conflicts`; a member resolves one here by choosing a side. The chosen value is
// written as an ordinary edit through the record's repository (a new stamp, a change-log entry: it is
// pushed and wins everywhere), and the conflict's resolution fields as this device's edit of the
// conflict record, in the same transaction.
//
// Resolvable today: text_edit conflicts on an investigation's title or summary (the repository edit
// exists). Other kinds and tables are listed but refused with VALIDATION until their edit is wired.
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import type { Repositories } from '../repositories';

export const conflictSide = z.object({
  value: z.json(),
  hlc: z.string(),
  device: z.string(),
  memberId: z.string().nullable().optional(),
  at: z.number().optional(),
});
export type ConflictSide = z.infer<typeof conflictSide>;

export interface SyncConflict {
  id: string;
  kind: string;
  recordTable: string;
  recordId: string;
  field: string | null;
  scope: string | null;
  /** `[held, incoming]` as the server saw them. */
  sides: ConflictSide[];
  raisedAt: number;
}

export type ConflictChoice = 'held' | 'incoming';

interface ConflictRow {
  id: string;
  kind: string;
  record_table: string;
  record_id: string;
  field: string | null;
  scope: string | null;
  sides: string;
  raised_at: number;
  resolved_at: number | null;
}

const RESOLVABLE: Readonly<Record<string, readonly string[]>> = { investigations: ['title', 'summary'] };

function toConflict(row: ConflictRow): SyncConflict {
  const sides = z.array(conflictSide).safeParse(JSON.parse(row.sides));
  return {
    id: row.id, kind: row.kind, recordTable: row.record_table, recordId: row.record_id, field: row.field, scope: row.scope,
    sides: sides.success ? sides.data : [], raisedAt: row.raised_at,
  };
}

/** Open conflicts (not resolved, not deleted), newest first. */
export function listOpenConflicts(repos: Repositories): SyncConflict[] {
  return repos.db.prepare<[], ConflictRow>(
    'SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL ORDER BY raised_at DESC, id',
  ).all().map(toConflict);
}

/** Writes the chosen side's value and the conflict's resolution; returns the conflict as it now is. */
export function resolveConflict(repos: Repositories, id: string, choice: ConflictChoice, userId: string): SyncConflict {
  const { db, row: context } = repos;
  return db.transaction(() => {
    const row = db.prepare<[string], ConflictRow>('SELECT * FROM sync_conflicts WHERE id = ? AND deleted_at IS NULL').get(id);
    if (!row) throw new VigilError('NOT_FOUND', 'No such sync conflict', { id });
    if (row.resolved_at !== null) throw new VigilError('CONFLICT', 'The sync conflict is already resolved', { id });
    const conflict = toConflict(row);
    const side = conflict.sides[choice === 'held' ? 0 : 1];
    if (!side) throw new VigilError('VALIDATION', 'The conflict has no such side', { id, choice });
    if (conflict.kind !== 'text_edit' || conflict.field === null || !RESOLVABLE[conflict.recordTable]?.includes(conflict.field)) {
      throw new VigilError('VALIDATION', 'This kind of conflict cannot be resolved in the app yet', { kind: conflict.kind, table: conflict.recordTable, field: conflict.field });
    }
    if (typeof side.value !== 'string') throw new VigilError('VALIDATION', 'The chosen value is not text', { id });
    repos.investigations.records.update(conflict.recordId, { [conflict.field]: side.value });
    const hlc = context.hlc();
    const now = context.now();
    db.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?')
      .run(now, userId, JSON.stringify({ choice, value: side.value }), id);
    context.changes.record('sync_conflicts', id, ['resolved_at', 'resolved_by', 'resolution'], hlc);
    return conflict;
  })();
}
