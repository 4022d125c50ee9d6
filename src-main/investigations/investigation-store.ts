// Everything that reads or writes investigations and their parts, built once per open vault
// (src-main/repositories.ts). The user's changes to findings and tasks go through the methods here,
// which refuse them while the case is closed; the repositories below write whatever they are given
// (the demo builds closed cases' history with them).
import type { Finding, UserRef } from '../../src-shared/workspace-model';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';
import { AlertOccurrences } from './alert-occurrences';
import { AlertRemovals } from './alert-removals';
import { EntityGraphQuery } from './entity-graph';
import { FindingsRepository } from './findings-repository';
import { InvestigationLookup } from './investigation-lookup';
import { InvestigationQueries } from './investigation-queries';
import { InvestigationRepository, type InvestigationRecord } from './investigation-repository';
import { STATUS_MOVES, refuseChangesWhenClosed } from '../../src-shared/investigation-status';
import { NotesRepository } from './notes-repository';
import { createReadView, type ReadView } from './read-view';
import { TasksRepository, type NewTask, type TaskChanges, type TaskRow } from './tasks-repository';
import { InvestigationTimeline } from './timeline';
import { UserDirectory } from './user-directory';

export class InvestigationStore {
  readonly directory: UserDirectory;
  readonly tasks: TasksRepository;
  readonly notes: NotesRepository;
  readonly findings: FindingsRepository;
  readonly records: InvestigationRepository;
  readonly queries: InvestigationQueries;
  readonly timeline: InvestigationTimeline;
  readonly graph: EntityGraphQuery;
  readonly lookup: InvestigationLookup;
  readonly occurrences: AlertOccurrences;
  readonly alertRemovals: AlertRemovals;

  constructor(private readonly db: SqliteDatabase, row: RowContext) {
    this.lookup = new InvestigationLookup(db);
    this.directory = new UserDirectory(db);
    this.tasks = new TasksRepository(db, row);
    this.notes = new NotesRepository(db, row);
    this.findings = new FindingsRepository(db, row);
    this.records = new InvestigationRepository(db, row, this.directory, this.tasks);
    this.queries = new InvestigationQueries(db);
    this.timeline = new InvestigationTimeline(db);
    this.graph = new EntityGraphQuery(db);
    this.occurrences = new AlertOccurrences(db);
    this.alertRemovals = new AlertRemovals(db, row, this.lookup, this.records);
  }

  /**
   * "Start work": the caller takes the case (it becomes theirs) and it moves to in progress when the
   * status model allows that move (an open or pending case); a case already in progress only changes
   * hands. A closed case is refused: taking it would hide that it needs reopening, with a reason.
   * One transaction, so nobody sees it assigned but still waiting in the queue.
   */
  startWork(investigationId: string, userId: string): InvestigationRecord {
    return this.db.transaction(() => {
      const current = this.records.require(investigationId);
      refuseChangesWhenClosed(current, 'assignee');
      this.records.update(investigationId, { assigneeId: userId });
      if (current.status !== 'in_progress' && STATUS_MOVES[current.status].includes('in_progress')) {
        this.records.setStatus(investigationId, { to: 'in_progress' }, userId);
      }
      return this.records.require(investigationId);
    })();
  }

  addFinding(investigationId: string, title: string, body: string, authorId: string, view: ReadView): Finding {
    return this.db.transaction(() => {
      this.lookup.requireOpen(investigationId, 'findings');
      return this.findings.add(investigationId, title, body, authorId, view);
    })();
  }

  updateFinding(findingId: string, changes: { title?: string | undefined; body?: string | undefined }, view: ReadView): Finding {
    return this.db.transaction(() => {
      this.lookup.requireOpen(this.findings.investigationOf(findingId), 'findings');
      return this.findings.update(findingId, changes, view);
    })();
  }

  /** A task; its assignee must be someone who can work investigations. */
  addTask(task: NewTask): TaskRow {
    return this.db.transaction(() => {
      this.lookup.requireOpen(task.investigationId, 'tasks');
      if (task.assigneeId) this.directory.requireAssignable(task.assigneeId);
      return this.tasks.add(task);
    })();
  }

  updateTask(taskId: string, changes: TaskChanges): TaskRow {
    return this.db.transaction(() => {
      const current = this.tasks.require(taskId);
      this.lookup.requireOpen(current.investigation_id, 'tasks');
      if (changes.assigneeId && changes.assigneeId !== current.assignee_id) this.directory.requireAssignable(changes.assigneeId);
      return this.tasks.update(taskId, changes);
    })();
  }

  /** How one request sees investigation text and people. */
  view(lens: PiiLens, user: (id: string | null) => UserRef | null): ReadView {
    return createReadView(lens, user, (id) => this.queries.knownPii(id));
  }
}
