// A conflict a merge raised becomes a record of `sync_conflicts` (docs/SYNC.md, "Conflicts"), in the
// scope of the record it is about, so every device of that scope shows it. Its id comes from what it
// is about and the two stamps, so the same two writes meeting again raise nothing new.
import { createHash } from 'node:crypto';
import type { SyncTable } from '../../src-shared/sync-tables';
import type { HeldField, MergeConflict } from './merge';
import { hlcWallMs, SERVER_DEVICE, serverHlc, type JsonValue } from './stamps';

/** The fields of a conflict a member writes to resolve it; the server writes all the others, once. */
export const CONFLICT_RESOLUTION_FIELDS = ['resolved_at', 'resolved_by', 'resolution'] as const;

export interface ConflictSubject {
  table: SyncTable;
  id: string;
  scope: string | null;
}

/** Who wrote a side: the member of the device that wrote it (null for a device the organisation no longer has). */
export type MemberOfDevice = (deviceId: string) => string | null;

export function conflictId(subject: ConflictSubject, conflict: MergeConflict): string {
  const stamps = conflict.sides.map((side) => `${side.hlc}/${side.device}`).sort();
  return createHash('sha256').update([subject.table, subject.id, conflict.field, ...stamps].join('\n')).digest('hex').slice(0, 32);
}

/**
 * The conflict record's fields, each stamped by the server at `now`. The resolution fields are left
 * unwritten: a member's resolution must win whatever its device's clock says against the server's.
 */
export function conflictRecordFields(subject: ConflictSubject, conflict: MergeConflict, memberOf: MemberOfDevice, now: number): Record<string, HeldField> {
  const sides: JsonValue = conflict.sides.map((side) => ({
    value: side.value,
    hlc: side.hlc,
    device: side.device,
    memberId: memberOf(side.device),
    at: hlcWallMs(side.hlc),
  }));
  const values: Record<string, JsonValue> = {
    kind: conflict.kind,
    record_table: subject.table,
    record_id: subject.id,
    field: conflict.field,
    scope: subject.scope,
    sides,
    raised_at: now,
  };
  const stamp = { hlc: serverHlc(now), device: SERVER_DEVICE };
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, ...stamp }]));
}
