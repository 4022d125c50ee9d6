// Findings: what the investigation established, in markdown (sanitised by the renderer). Editable.
import { VigilError } from '../../src-shared/errors';
import type { Finding } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { ReadView } from './read-view';

interface FindingRow { id: string; investigation_id: string; title: string; body: string; author_id: string | null; created_at: number; updated_at: number }

export class FindingsRepository {
  private readonly insertRow;
  private readonly updateRow;
  private readonly byInvestigation;
  private readonly byId;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.insertRow = db.prepare(
      `INSERT INTO findings (id, investigation_id, title, body, author_id, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateRow = db.prepare('UPDATE findings SET title = ?, body = ?, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?');
    this.byInvestigation = db.prepare<[string], FindingRow>('SELECT * FROM findings WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid');
    this.byId = db.prepare<[string], FindingRow>('SELECT * FROM findings WHERE id = ? AND deleted_at IS NULL');
  }

  add(investigationId: string, title: string, body: string, authorId: string | null, view: ReadView): Finding {
    const id = uuidv7(this.row.now());
    this.db.transaction(() => {
      const hlc = this.row.hlc();
      const now = this.row.now();
      this.insertRow.run(id, investigationId, title, body, authorId, now, now, hlc, this.row.device);
      this.row.changes.record('findings', id, ['investigation_id', 'title', 'body', 'author_id'], hlc);
    })();
    return toFinding(this.require(id), view);
  }

  /** The investigation a finding belongs to (NOT_FOUND if none). */
  investigationOf(findingId: string): string {
    return this.require(findingId).investigation_id;
  }

  update(findingId: string, changes: { title?: string | undefined; body?: string | undefined }, view: ReadView): Finding {
    this.db.transaction(() => {
      const current = this.require(findingId);
      const title = changes.title ?? current.title;
      const body = changes.body ?? current.body;
      const fields = [...(title !== current.title ? ['title'] : []), ...(body !== current.body ? ['body'] : [])];
      if (fields.length === 0) return;
      const hlc = this.row.hlc();
      this.updateRow.run(title, body, this.row.now(), hlc, this.row.device, findingId);
      this.row.changes.record('findings', findingId, fields, hlc);
    })();
    return toFinding(this.require(findingId), view);
  }

  list(investigationId: string, view: ReadView): Finding[] {
    return this.byInvestigation.all(investigationId).map((r) => toFinding(r, view));
  }

  private require(id: string): FindingRow {
    const found = this.byId.get(id);
    if (!found) throw new VigilError('NOT_FOUND', 'No such finding');
    return found;
  }
}

function toFinding(row: FindingRow, view: ReadView): Finding {
  return {
    id: row.id, investigationId: row.investigation_id, title: view.text(row.investigation_id, row.title), body: view.text(row.investigation_id, row.body),
    author: view.user(row.author_id), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
