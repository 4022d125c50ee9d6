// The edit a conflict's resolution writes (docs/SYNC.md, "Conflicts"): the chosen side's value as
// this device's own edit of the record, stamped now, so it is pushed and wins by HLC on every replica
// (even when the chosen side is the one the vault already shows: the other side may still win
// elsewhere until this edit arrives). One function per kind, each checking that the value fits the
// field before it writes: a conflict record comes from a pull, and is input like any other.
import { VigilError } from '../../src-shared/errors';
import { ALERT_STATUSES } from '../../src-shared/model';
import type { SyncConflict } from '../../src-shared/sync-contract';
import { DELETED_FIELD, SYNC_TABLE_RULES, SYNC_TABLES, type SyncTable } from '../../src-shared/sync-tables';
import { INVESTIGATION_STATUSES } from '../../src-shared/workspace-model';
import type { Repositories } from '../repositories';
import { CaseLifecycleTable } from '../store/case-lifecycle-table';
import { SyncedShapes, columnValue, type ColumnValue } from './synced-shape';

type JsonValue = SyncConflict['sides'][number]['value'];
type Row = Record<string, ColumnValue> & { id: string };

const isTable = (table: string): table is SyncTable => (SYNC_TABLES as readonly string[]).includes(table);

/** Writes the chosen side of `conflict`; returns the value written, for the resolution record. */
export function writeChosenSide(repos: Repositories, conflict: SyncConflict, choice: 'held' | 'incoming', value: JsonValue, userId: string): JsonValue {
  const table = conflict.recordTable;
  if (!isTable(table) || SYNC_TABLE_RULES[table].merge !== 'fields') {
    throw new VigilError('VALIDATION', 'The conflict names a table whose records are not edited', { id: conflict.id, table });
  }
  const row = repos.db.prepare<[string], Row>(`SELECT * FROM ${table} WHERE id = ?`).get(conflict.recordId);
  if (!row) throw new VigilError('NOT_FOUND', 'The record of the conflict is gone from this vault', { id: conflict.id, table, recordId: conflict.recordId });
  const invalid = (message: string) => new VigilError('VALIDATION', message, { id: conflict.id, kind: conflict.kind, field: conflict.field });
  switch (conflict.kind) {
    case 'text_edit': {
      const field = conflict.field;
      if (field === null || !(SYNC_TABLE_RULES[table].textFields as readonly string[]).includes(field)) throw invalid('The conflict names no text field of its record');
      if (typeof value !== 'string') throw invalid('The chosen value is not text');
      editRow(repos, table, row, { [field]: value });
      return value;
    }
    case 'verdict': {
      if (table !== 'alerts' || conflict.field !== 'status') throw invalid('A verdict conflict is about an alert\'s status');
      if (typeof value !== 'string' || !(ALERT_STATUSES as readonly string[]).includes(value) || value === 'promoted') throw invalid('The chosen value is not a verdict');
      // A verdict other than a dismissal carries no dismiss reason (as triage writes it).
      editRow(repos, table, row, value === 'dismissed' ? { status: value } : { status: value, dismiss_reason: null });
      return value;
    }
    case 'closed_elsewhere': {
      if (table !== 'investigations' || conflict.field !== 'status') throw invalid('A closed-elsewhere conflict is about an investigation\'s status');
      if (typeof value !== 'string' || !(INVESTIGATION_STATUSES as readonly string[]).includes(value)) throw invalid('The chosen value is not a status');
      setInvestigationStatus(repos, row, value, userId);
      return value;
    }
    case 'deleted_edited':
      if (conflict.field !== DELETED_FIELD) throw invalid('A deleted-edited conflict is about the record\'s tombstone');
      return choice === 'held' ? keepDeleted(repos, table, row) : restoreWithEdit(repos, table, row, value, invalid);
  }
}

/** Sets columns of a synced row as this device's edit, with its version and a change-log entry naming them. */
function editRow(repos: Repositories, table: SyncTable, row: Row, values: Record<string, ColumnValue>): void {
  const { db, row: context } = repos;
  const columns = Object.keys(values).sort();
  const shape = new SyncedShapes(db).of(table);
  const unknown = columns.find((column) => !shape.columns.has(column));
  if (unknown !== undefined) throw new VigilError('VALIDATION', 'The conflict names a field the record does not have', { table, field: unknown });
  const hlc = context.hlc();
  const version = shape.versioned ? ', updated_at = ?, updated_hlc = ?, origin_device = ?' : '';
  // Column names come from the table's own schema (checked above), never from the conflict as text.
  db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')}${version} WHERE id = ?`)
    .run(...columns.map((c) => values[c] ?? null), ...(shape.versioned ? [context.now(), hlc, context.device] : []), row.id);
  context.changes.record(table, row.id, columns, hlc);
  if (table === 'investigations') new CaseLifecycleTable(db).refresh(row.id);
}

/** A case's status as the chosen side had it, logged like any move (closed_at follows the status, as the schema demands). */
function setInvestigationStatus(repos: Repositories, row: Row, status: string, userId: string): void {
  const closed = status === 'closed';
  const from = String(row.status);
  editRow(repos, 'investigations', row, {
    status,
    closed_at: closed ? (row.closed_at ?? repos.row.now()) : null,
    resolution: closed ? (row.resolution ?? null) : null,
  });
  if (from !== status) {
    repos.investigations.records.appendStatusLog(row.id, {
      at: repos.row.now(), userId, from: from as never, to: status as never, resolution: null, reason: 'Sync conflict resolved',
    });
    new CaseLifecycleTable(repos.db).refresh(row.id);
  }
}

/** Keeps the record deleted: a new tombstone of this device, newer than the edit. */
function keepDeleted(repos: Repositories, table: SyncTable, row: Row): null {
  editRow(repos, table, row, { deleted_at: row.deleted_at ?? repos.row.now() });
  return null;
}

/** Brings the record back with the edit's fields: the tombstone cleared (a restore) and the fields written again. */
function restoreWithEdit(repos: Repositories, table: SyncTable, row: Row, value: JsonValue, invalid: (message: string) => VigilError): JsonValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('The edit side holds no fields');
  const shapes = new SyncedShapes(repos.db);
  const values: Record<string, ColumnValue> = { deleted_at: null };
  for (const [field, fieldValue] of Object.entries(value)) {
    // An alert's links and sightings are not columns: they stay as the merge left them.
    if (!shapes.of(table).fields.includes(field)) continue;
    values[field] = columnValue(fieldValue);
  }
  editRow(repos, table, row, values);
  return value;
}
