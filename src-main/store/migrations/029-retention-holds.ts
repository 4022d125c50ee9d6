// Schema v29: retention (issue 14). An investigation can be put on legal hold (who, when, why), which
// keeps it and everything hanging off it from retention; an anonymised investigation says when.
//
// The append-only guards on an investigation's history (notes, status log, alert additions and
// removals, evidence bytes and custody) stay for every writer but one: retention, which lists the
// investigations it is removing in `retention_scope` for the length of its transaction and empties it
// before commit. The guards are re-created with that exception, so a stray DELETE still fails.
import type { Migration } from './migration';

const IN_SCOPE = (column: string) => `${column} IN (SELECT investigation_id FROM retention_scope)`;
const EVIDENCE_IN_SCOPE = (column: string) => `(SELECT investigation_id FROM evidence WHERE id = ${column}) IN (SELECT investigation_id FROM retention_scope)`;
/** A table's append-only guards re-created with retention's exception, one trigger per operation. */
function guard(table: string, operations: ReadonlyArray<'update' | 'delete'>): string {
  return operations.map((operation) => `DROP TRIGGER ${table}_no_${operation};
CREATE TRIGGER ${table}_no_${operation} BEFORE ${operation.toUpperCase()} ON ${table} WHEN NOT ${IN_SCOPE('old.investigation_id')} BEGIN
  SELECT RAISE(ABORT, '${table} ${table === 'notes' ? 'are' : 'is'} append-only');
END;`).join('\n');
}

export const retentionHolds: Migration = {
  version: 29,
  name: 'retention-holds',
  sql: `
ALTER TABLE investigations ADD COLUMN legal_hold_at INTEGER;
ALTER TABLE investigations ADD COLUMN legal_hold_by TEXT;
ALTER TABLE investigations ADD COLUMN legal_hold_reason TEXT;
ALTER TABLE investigations ADD COLUMN anonymised_at INTEGER;

-- Empty outside a retention run's transaction (retention/retention-apply.ts).
CREATE TABLE retention_scope (investigation_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

${guard('notes', ['update', 'delete'])}
${guard('investigation_status_log', ['update', 'delete'])}
${guard('investigation_alert_additions', ['delete'])}
${guard('investigation_alert_removals', ['update', 'delete'])}

DROP TRIGGER evidence_custody_no_delete;
CREATE TRIGGER evidence_custody_no_delete BEFORE DELETE ON evidence_custody WHEN NOT ${EVIDENCE_IN_SCOPE('old.evidence_id')}
  BEGIN SELECT RAISE(ABORT, 'the custody trail is append-only'); END;

DROP TRIGGER evidence_blobs_no_delete;
CREATE TRIGGER evidence_blobs_no_delete BEFORE DELETE ON evidence_blobs
  WHEN EXISTS (SELECT 1 FROM evidence WHERE id = old.evidence_id) AND NOT ${EVIDENCE_IN_SCOPE('old.evidence_id')}
  BEGIN SELECT RAISE(ABORT, 'evidence bytes are append-only'); END;
`,
};
