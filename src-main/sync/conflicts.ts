// Sync conflicts in the vault (docs/SYNC.md, "Conflicts"): the server raises them and they arrive by
// pull into `sync_conflicts`; a member resolves one here by choosing a side. The chosen value is
// written as an ordinary local edit (conflict-edits.ts: a new stamp and a change-log entry, so it is
// pushed and wins everywhere by HLC), and the conflict's resolution fields as this device's edit of
// the conflict record (pushed too, so every device of the scope sees it resolved), in one transaction.
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { SYNC_CONFLICT_KINDS, syncConflictSide, type SyncConflict, type SyncConflictKind } from '../../src-shared/sync-contract';
import type { Repositories } from '../repositories';
import { writeChosenSide } from './conflict-edits';

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

const isKind = (kind: string): kind is SyncConflictKind => (SYNC_CONFLICT_KINDS as readonly string[]).includes(kind);

/** The row as a conflict; null for a kind this vault does not know (a newer server's). */
function toConflict(row: ConflictRow): SyncConflict | null {
  if (!isKind(row.kind)) return null;
  const sides = z.array(syncConflictSide).safeParse(JSON.parse(row.sides));
  return {
    id: row.id, kind: row.kind, recordTable: row.record_table, recordId: row.record_id, field: row.field, scope: row.scope,
    sides: sides.success ? sides.data : [], raisedAt: row.raised_at,
  };
}

/** Open conflicts (not resolved, not deleted), newest first. */
export function listOpenConflicts(repos: Repositories): SyncConflict[] {
  return repos.db.prepare<[], ConflictRow>(
    'SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL ORDER BY raised_at DESC, id',
  ).all().flatMap((row) => toConflict(row) ?? []);
}

/**
 * Writes the chosen side as a new local edit and records the resolution; returns the conflict.
 * NOT_FOUND when the conflict or its record is gone, CONFLICT when it is already resolved,
 * VALIDATION when the side does not exist or its value does not fit the field.
 */
export function resolveConflict(repos: Repositories, id: string, choice: ConflictChoice, userId: string): SyncConflict {
  const { db, row: context } = repos;
  return db.transaction(() => {
    const row = db.prepare<[string], ConflictRow>('SELECT * FROM sync_conflicts WHERE id = ? AND deleted_at IS NULL').get(id);
    if (!row) throw new VigilError('NOT_FOUND', 'No such sync conflict', { id });
    if (row.resolved_at !== null) throw new VigilError('CONFLICT', 'The sync conflict is already resolved', { id });
    const conflict = toConflict(row);
    if (!conflict) throw new VigilError('VALIDATION', 'This kind of conflict is not known to this version', { id, kind: row.kind });
    if (choice !== 'held' && choice !== 'incoming') throw new VigilError('VALIDATION', 'Choose the held or the incoming side', { id, choice });
    const side = conflict.sides[choice === 'held' ? 0 : 1];
    if (!side) throw new VigilError('VALIDATION', 'The conflict has no such side', { id, choice });
    const value = writeChosenSide(repos, conflict, choice, side.value, userId);
    const hlc = context.hlc();
    db.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?')
      .run(context.now(), userId, JSON.stringify({ choice, value }), id);
    context.changes.record('sync_conflicts', id, ['resolved_at', 'resolved_by', 'resolution'], hlc);
    return conflict;
  })();
}
