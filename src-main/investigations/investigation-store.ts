// Everything that reads or writes investigations and their parts, built once per open vault
// (src-main/repositories.ts).
import type { UserRef } from '../../src-shared/workspace-model';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';
import type { RowContext } from '../store/row-context';
import { EntityGraphQuery } from './entity-graph';
import { FindingsRepository } from './findings-repository';
import { InvestigationQueries } from './investigation-queries';
import { InvestigationRepository } from './investigation-repository';
import { NotesRepository } from './notes-repository';
import { createReadView, type ReadView } from './read-view';
import { TasksRepository } from './tasks-repository';
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

  constructor(db: SqliteDatabase, row: RowContext) {
    this.directory = new UserDirectory(db);
    this.tasks = new TasksRepository(db, row);
    this.notes = new NotesRepository(db, row);
    this.findings = new FindingsRepository(db, row);
    this.records = new InvestigationRepository(db, row, this.directory, this.tasks);
    this.queries = new InvestigationQueries(db);
    this.timeline = new InvestigationTimeline(db);
    this.graph = new EntityGraphQuery(db);
  }

  /** How one request sees investigation text and people. */
  view(lens: PiiLens, user: (id: string | null) => UserRef | null): ReadView {
    return createReadView(lens, user, (id) => this.queries.knownPii(id));
  }
}
