// Merging one pushed change into the record the server holds (docs/SYNC.md, "Records" and
// "Conflicts"). Pure: the push transaction reads the record, calls this, and writes the result.
// Every replica that merges the same writes by the same rule holds the same record, whatever order
// the writes arrive in; a conflict only tells the analyst that two people edited from one base.
import type { PushedChange } from '../../src-shared/sync-protocol';
import { DELETED_FIELD, RESTORED_FIELD, type SyncTableRule } from '../../src-shared/sync-tables';
import { compareStamps, jsonEqual, type JsonValue, type Stamp } from './stamps';

export interface HeldField extends Stamp {
  value: JsonValue;
}

/** A record as the server holds it: each field with the stamp that wrote it, and its tombstone. */
export interface HeldRecord {
  fields: Record<string, HeldField>;
  deleted: Stamp | null;
}

export type ConflictKind = 'text_edit' | 'closed_elsewhere' | 'verdict' | 'deleted_edited';

/** One side of a conflict: a value and the stamp that wrote it. */
export interface ConflictSide extends Stamp {
  value: JsonValue;
}

/**
 * A conflict a merge raised. `sides[0]` is what the server held, `sides[1]` the incoming write; for
 * `deleted_edited` they are the tombstone (value null) and the edit (value: the edited fields by name),
 * in that order whichever arrived first.
 */
export interface MergeConflict {
  kind: ConflictKind;
  field: string;
  sides: [ConflictSide, ConflictSide];
}

export interface MergeResult {
  record: HeldRecord;
  conflicts: MergeConflict[];
  /** False when the change altered nothing (an older or identical write): the record keeps its sequence. */
  changed: boolean;
}

/** The part of a pushed change a merge reads (its seq is the push's business). */
export type IncomingChange = Pick<PushedChange, 'fields' | 'deleted'>;

/**
 * Merges `change`, written by `device` (the authenticated device: a client never names the stamp's
 * device), into `held` (null: the server has no such record yet).
 */
export function mergeChange(rule: SyncTableRule, held: HeldRecord | null, change: IncomingChange, device: string): MergeResult {
  const fields: Record<string, HeldField> = { ...(held?.fields ?? {}) };
  const conflicts: MergeConflict[] = [];
  let changed = false;
  // Append-only records are written once: a later copy with the same id is the same record.
  const acceptsFields = rule.merge === 'fields' || held === null || Object.keys(held.fields).length === 0;
  const winningEdits: Record<string, HeldField> = {};

  if (acceptsFields) {
    for (const [name, pushed] of Object.entries(change.fields)) {
      const incoming: HeldField = { value: pushed.value, hlc: pushed.hlc, device };
      const current = fields[name];
      if (current !== undefined) {
        const conflict = concurrentEditConflict(rule, name, current, incoming, pushed.base);
        if (conflict) conflicts.push(conflict);
      }
      if (current === undefined || compareStamps(incoming, current) > 0) {
        fields[name] = incoming;
        winningEdits[name] = incoming;
        changed = true;
      }
    }
  }

  const heldTombstone = held?.deleted ?? null;
  const incomingTombstone = change.deleted ? { hlc: change.deleted.hlc, device } : null;
  let deleted = heldTombstone;
  if (incomingTombstone && (deleted === null || compareStamps(incomingTombstone, deleted) > 0)) {
    deleted = incomingTombstone;
    changed = true;
  }

  if (deleted !== null && !restoredAfter(fields, deleted)) {
    // An edit stamped after the delete keeps the record deleted and goes to the analyst. Either the
    // edit arrives after the tombstone, or the tombstone arrives after the edit (it is new, and
    // fields held already outstamp it); a tombstone replacing an older one finds nothing new, since
    // fields newer than it were newer than the older one too, and were raised then.
    const tombstoneIsNew = heldTombstone === null && incomingTombstone !== null;
    const candidates = tombstoneIsNew ? fields : winningEdits;
    const edits = Object.entries(candidates).filter(([name, field]) => name !== RESTORED_FIELD && compareStamps(field, deleted) > 0);
    if (edits.length > 0) conflicts.push(deletedEditedConflict(deleted, edits));
  }

  return { record: { fields, deleted }, conflicts, changed };
}

/** Whether a restore newer than the tombstone brought the record back: its edits are no longer held apart. */
function restoredAfter(fields: Record<string, HeldField>, tombstone: Stamp): boolean {
  const restore = fields[RESTORED_FIELD];
  return restore !== undefined && compareStamps(restore, tombstone) > 0;
}

/** Whether the record is deleted now: a tombstone, and no restore newer than it. */
export function isDeleted(record: HeldRecord): boolean {
  return record.deleted !== null && !restoredAfter(record.fields, record.deleted);
}

/**
 * A conflict when the field is one whose concurrent edits matter (text, a case's status, an alert's
 * verdict), another device wrote the value held, that value is newer than the one the incoming edit
 * was made over, and the two values differ. Raised whichever of the two wins by stamp.
 */
function concurrentEditConflict(rule: SyncTableRule, name: string, held: HeldField, incoming: HeldField, base: string | null): MergeConflict | null {
  if (held.device === incoming.device) return null;
  if (base !== null && held.hlc <= base) return null;
  if (jsonEqual(held.value, incoming.value)) return null;
  const sides: [ConflictSide, ConflictSide] = [held, incoming];
  if (rule.textFields.includes(name)) return { kind: 'text_edit', field: name, sides };
  if (name !== 'status' || rule.statusConflict === undefined) return null;
  if (rule.statusConflict === 'verdict') return { kind: 'verdict', field: name, sides };
  // A case closed elsewhere: only a close held on the server makes the incoming status change a conflict.
  return held.value === 'closed' ? { kind: 'closed_elsewhere', field: name, sides } : null;
}

function deletedEditedConflict(tombstone: Stamp, edits: Array<[string, HeldField]>): MergeConflict {
  let newest = edits[0]![1];
  const values: Record<string, JsonValue> = {};
  for (const [name, field] of edits) {
    values[name] = field.value;
    if (compareStamps(field, newest) > 0) newest = field;
  }
  return {
    kind: 'deleted_edited',
    field: DELETED_FIELD,
    sides: [{ value: null, hlc: tombstone.hlc, device: tombstone.device }, { value: values, hlc: newest.hlc, device: newest.device }],
  };
}
