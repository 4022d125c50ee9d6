// Which vault tables sync, and how each merges (docs/SYNC.md, "Records"). One table of rules, read by
// the server (merge, scope, permissions) and by the client (what it pushes and how it applies pulls).

export const SYNC_TABLES = [
  'investigations', 'alerts', 'entities', 'findings', 'tasks', 'notes', 'evidence', 'evidence_custody',
  'investigation_status_log', 'investigation_alert_additions', 'investigation_alert_removals',
  'investigation_access', 'sync_conflicts',
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/** Where a record's scope (the investigation it belongs to) comes from. */
export type ScopeRule =
  /** Shared by the whole organisation (the queue's entities). */
  | { kind: 'none' }
  /** The record is an investigation: its own id. */
  | { kind: 'self' }
  /** A field of the record names the investigation (none when the field is null: an alert not in a case). */
  | { kind: 'field'; field: string }
  /** The scope of another record the field names (custody → its evidence). */
  | { kind: 'parent'; table: SyncTable; field: string };

export interface SyncTableRule {
  /** `fields`: per-field last-writer-wins; `append`: written once, merged by union. */
  merge: 'fields' | 'append';
  scope: ScopeRule;
  /** Text fields whose concurrent edits from one base become a `text_edit` conflict. */
  textFields: readonly string[];
  /** A status whose concurrent change is a conflict of its own kind (`closed_elsewhere`, `verdict`). */
  statusConflict?: 'closed_elsewhere' | 'verdict';
  /** Written only by members with `admin_access` (restrictions), or only by the server (conflicts). */
  writtenBy?: 'admin' | 'server';
}

export const SYNC_TABLE_RULES = {
  investigations: { merge: 'fields', scope: { kind: 'self' }, textFields: ['title', 'summary'], statusConflict: 'closed_elsewhere' },
  alerts: { merge: 'fields', scope: { kind: 'field', field: 'investigation_id' }, textFields: [], statusConflict: 'verdict' },
  entities: { merge: 'fields', scope: { kind: 'none' }, textFields: [] },
  findings: { merge: 'fields', scope: { kind: 'field', field: 'investigation_id' }, textFields: ['title', 'body'] },
  tasks: { merge: 'fields', scope: { kind: 'field', field: 'investigation_id' }, textFields: ['title'] },
  notes: { merge: 'append', scope: { kind: 'field', field: 'investigation_id' }, textFields: [] },
  evidence: { merge: 'append', scope: { kind: 'field', field: 'investigation_id' }, textFields: [] },
  evidence_custody: { merge: 'append', scope: { kind: 'parent', table: 'evidence', field: 'evidence_id' }, textFields: [] },
  investigation_status_log: { merge: 'append', scope: { kind: 'field', field: 'investigation_id' }, textFields: [] },
  investigation_alert_additions: { merge: 'append', scope: { kind: 'field', field: 'investigation_id' }, textFields: [] },
  investigation_alert_removals: { merge: 'append', scope: { kind: 'field', field: 'investigation_id' }, textFields: [] },
  /** An investigation's restriction: `restricted` (boolean) and `members` (member ids); its id is the investigation's. */
  investigation_access: { merge: 'fields', scope: { kind: 'self' }, textFields: [], writtenBy: 'admin' },
  /** Conflicts the server raises (docs/SYNC.md, "Conflicts"); members resolve them with an ordinary edit. */
  sync_conflicts: { merge: 'fields', scope: { kind: 'field', field: 'scope' }, textFields: [], writtenBy: 'server' },
} as const satisfies Record<SyncTable, SyncTableRule>;


export function syncTableRule(table: SyncTable): SyncTableRule {
  return SYNC_TABLE_RULES[table];
}

/** The field a tombstone is kept in: its stamp says when the record was deleted. */
export const DELETED_FIELD = '_deleted';

/**
 * A restore of a deleted record travels as this field (value `true`): the record is deleted while its
 * tombstone is newer than its restore, and live again once a restore is newer (a `deleted_edited`
 * conflict resolved by keeping the edit). The server merges it like any field; a vault keeps its stamp
 * as the `_deleted` stamp, the stamp of whichever of the two it applied last.
 */
export const RESTORED_FIELD = '_restored';

/** The fields of a conflict record the server writes, and those a member writes to resolve it. */
export const CONFLICT_FIELDS = ['kind', 'record_table', 'record_id', 'field', 'scope', 'sides', 'raised_at', 'resolved_at', 'resolved_by', 'resolution'] as const;
