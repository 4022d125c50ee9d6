// Tasks of an investigation: a checklist (templates pre-fill it), each with an optional assignee
// and due time. Completing a task stamps completed_at; reopening it clears it.
import { VigilError } from '../../src-shared/errors';
import type { Task } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { ReadView } from './read-view';

export interface TaskRow {
  id: string; investigation_id: string; title: string; done: 0 | 1; assignee_id: string | null; due_at: number | null;
  completed_at: number | null; created_at: number;
}

export interface NewTask { investigationId: string; title: string; assigneeId: string | null; dueAt: number | null }
export interface TaskChanges { done?: boolean | undefined; title?: string | undefined; assigneeId?: string | null | undefined }

export class TasksRepository {
  private readonly insertRow;
  private readonly updateRow;
  private readonly byInvestigation;
  private readonly byId;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.insertRow = db.prepare(
      `INSERT INTO tasks (id, investigation_id, title, done, assignee_id, due_at, completed_at, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, 0, ?, ?, NULL, ?, ?, ?, ?)`,
    );
    this.updateRow = db.prepare(
      'UPDATE tasks SET title = ?, done = ?, assignee_id = ?, completed_at = ?, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?',
    );
    this.byInvestigation = db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid');
    this.byId = db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE id = ? AND deleted_at IS NULL');
  }

  add(task: NewTask): TaskRow {
    const id = uuidv7(this.row.now());
    this.db.transaction(() => {
      const hlc = this.row.hlc();
      const now = this.row.now();
      this.insertRow.run(id, task.investigationId, task.title, task.assigneeId, task.dueAt, now, now, hlc, this.row.device);
      this.row.changes.record('tasks', id, ['investigation_id', 'title', 'done', 'assignee_id', 'due_at'], hlc);
    })();
    return this.require(id);
  }

  update(taskId: string, changes: TaskChanges): TaskRow {
    this.db.transaction(() => {
      const current = this.require(taskId);
      const done = changes.done === undefined ? current.done === 1 : changes.done;
      const title = changes.title ?? current.title;
      const assigneeId = changes.assigneeId === undefined ? current.assignee_id : changes.assigneeId;
      const completedAt = done ? (current.completed_at ?? this.row.now()) : null;
      const fields = [
        ...(title !== current.title ? ['title'] : []),
        ...(done !== (current.done === 1) ? ['done', 'completed_at'] : []),
        ...(assigneeId !== current.assignee_id ? ['assignee_id'] : []),
      ];
      if (fields.length === 0) return;
      const hlc = this.row.hlc();
      this.updateRow.run(title, done ? 1 : 0, assigneeId, completedAt, this.row.now(), hlc, this.row.device, taskId);
      this.row.changes.record('tasks', taskId, fields, hlc);
    })();
    return this.require(taskId);
  }

  require(taskId: string): TaskRow {
    const found = this.byId.get(taskId);
    if (!found) throw new VigilError('NOT_FOUND', 'No such task');
    return found;
  }

  list(investigationId: string): TaskRow[] {
    return this.byInvestigation.all(investigationId);
  }
}

export function toTask(row: TaskRow, view: ReadView): Task {
  return {
    id: row.id, investigationId: row.investigation_id, title: view.text(row.investigation_id, row.title), done: row.done === 1,
    assignee: view.user(row.assignee_id), dueAt: row.due_at, createdAt: row.created_at, completedAt: row.completed_at,
  };
}
