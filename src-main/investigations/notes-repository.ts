// Notes on an investigation: append-only (the table's triggers refuse UPDATE and DELETE).
import type { Note } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { ReadView } from './read-view';

interface NoteRow { id: string; investigation_id: string; body: string; author_id: string | null; created_at: number }

export class NotesRepository {
  private readonly insertRow;
  private readonly byInvestigation;
  private readonly byId;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.insertRow = db.prepare(
      `INSERT INTO notes (id, investigation_id, body, author_id, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byInvestigation = db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid');
    this.byId = db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE id = ?');
  }

  add(investigationId: string, body: string, authorId: string | null, view: ReadView): Note {
    const id = uuidv7(this.row.now());
    this.db.transaction(() => {
      const hlc = this.row.hlc();
      const now = this.row.now();
      this.insertRow.run(id, investigationId, body, authorId, now, now, hlc, this.row.device);
      this.row.changes.record('notes', id, ['investigation_id', 'body', 'author_id'], hlc);
    })();
    const created = this.byId.get(id);
    if (!created) throw new Error('inserted note not found');
    return toNote(created, view);
  }

  list(investigationId: string, view: ReadView): Note[] {
    return this.byInvestigation.all(investigationId).map((r) => toNote(r, view));
  }
}

function toNote(row: NoteRow, view: ReadView): Note {
  return { id: row.id, investigationId: row.investigation_id, body: view.text(row.investigation_id, row.body), author: view.user(row.author_id), createdAt: row.created_at };
}
