// The little that evidence, actions and exports need to know about an investigation before they
// write to it: that it exists and whether it is closed. The investigations table is owned by
// src-main/investigations (schema v3); this only reads it.
import { VigilError } from '../../src-shared/errors';
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

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[string], InvestigationHeader>(
      'SELECT id, key, title, status FROM investigations WHERE id = ? AND deleted_at IS NULL',
    );
  }

  require(id: string): InvestigationHeader {
    const row = this.byId.get(id);
    if (!row) throw new VigilError('NOT_FOUND', 'No such investigation');
    return row;
  }

  /** For writes that add to a case: a closed investigation is a finished record; reopen it first. */
  requireOpen(id: string, what: string): InvestigationHeader {
    const row = this.require(id);
    if (row.status === 'closed') {
      throw new VigilError('CONFLICT', `${row.key} is closed; reopen it before adding ${what}`, { investigationId: id });
    }
    return row;
  }
}
