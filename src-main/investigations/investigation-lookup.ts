// The little that findings, tasks, evidence, actions and exports need to know about an
// investigation before they read or write it: that it exists, and whether it takes changes (the rule
// itself is src-shared/investigation-status.ts).
import { VigilError } from '../../src-shared/errors';
import { refuseChangesWhenClosed } from '../../src-shared/investigation-status';
import type { InvestigationStatus } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';

export interface InvestigationHeader {
  id: string;
  key: string;
  title: string;
  status: InvestigationStatus;
}

export class InvestigationLookup {
  private readonly byId;
  private readonly byKey;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[string], InvestigationHeader>(
      'SELECT id, key, title, status FROM investigations WHERE id = ? AND deleted_at IS NULL',
    );
    this.byKey = db.prepare<[string], InvestigationHeader>(
      'SELECT id, key, title, status FROM investigations WHERE key = ? AND deleted_at IS NULL',
    );
  }

  /** By the key people write (INV-2026-0001; keys are upper case, so inv-2026-0001 finds it too). */
  requireKey(key: string): InvestigationHeader {
    const row = this.byKey.get(key.trim().toUpperCase());
    if (!row) throw new VigilError('NOT_FOUND', `No investigation ${key.trim()}`);
    return row;
  }

  require(id: string): InvestigationHeader {
    const row = this.byId.get(id);
    if (!row) throw new VigilError('NOT_FOUND', 'No such investigation');
    return row;
  }

  /** For writes into a case: refused while it is closed. */
  requireOpen(id: string, what: string): InvestigationHeader {
    const row = this.require(id);
    refuseChangesWhenClosed(row, what);
    return row;
  }
}
