// Investigation channels: investigations, notes, findings, tasks, templates, the user directory,
// and investigation import. Text leaves through the caller's PII lens (src-main/investigations/read-view.ts).
import { randomUUID } from 'node:crypto';
import type { Handlers, HandlerContext } from '../router';
import type { InvestigationImportSummary } from '../../../src-shared/workspace-model';
import type { LiveSession } from '../../auth/session-registry';
import { importFromPath, importFromUpload, importTargetOf } from './import-sources';
import { importInvestigationFile, type InvestigationFileImportRequest } from '../../import/investigations/investigation-import-service';
import { lensFor, requireSession, type Services } from './services';
import { TEMPLATES } from '../../investigations/templates';
import { mergeTimeline } from '../../investigations/alert-occurrences';
import { isValidTimeZone } from '../../../src-shared/zoned-time';
import { VigilError } from '../../../src-shared/errors';
import { toTask } from '../../investigations/tasks-repository';
import type { InvestigationRecord } from '../../investigations/investigation-repository';
import type { ReadView } from '../../investigations/read-view';
import { withCaller } from '../../investigations/assignee-choice';

type Channels = 'users.directory' | 'investigations.templates' | 'investigations.list' | 'investigations.get' | 'investigations.create' | 'investigations.update' | 'investigations.setStatus' | 'investigations.entities' | 'investigations.timeline' | 'notes.list' | 'notes.add' | 'findings.list' | 'findings.add' | 'findings.update' | 'tasks.list' | 'tasks.add' | 'tasks.update' | 'investigations.importFile' | 'investigations.importUpload';

export function investigationHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  const store = () => repos().investigations;
  const viewFor = (session: HandlerContext['session']): ReadView => store().view(lensFor(s, session), repos().userRefs.resolver());
  const detail = (record: InvestigationRecord, session: HandlerContext['session']) => store().queries.detail(record, viewFor(session));
  const runImport = (live: LiveSession, jobId: string, request: Omit<InvestigationFileImportRequest, 'userId'>): Promise<InvestigationImportSummary> =>
    importInvestigationFile(
      { ...request, userId: live.userId },
      importTargetOf(s),
      (done, phase) => s.events.emit({ sessionId: live.id }, 'job.progress', {
        jobId, label: phase === 'reading' ? 'Reading cases' : 'Writing investigations', done, total: null,
      }),
    );

  return {
    'users.directory': () => store().directory.list(),
    'investigations.templates': () => TEMPLATES.map((t) => ({ ...t, tags: [...t.tags], tasks: [...t.tasks] })),
    'investigations.list': (input, { session }) => store().queries.list(withCaller(input, requireSession(session).userId), viewFor(session)),
    'investigations.get': (input, { session }) => detail(store().records.require(input.investigationId), session),
    'investigations.create': (input, { session, note }) => {
      const { userId } = requireSession(session);
      const record = store().records.create(input, userId);
      note({ target: record.id, details: { key: record.key, templateId: record.templateId, severity: record.severity } });
      return detail(record, session);
    },
    'investigations.update': (input, { session, note }) => {
      const { investigationId, ...changes } = input;
      const fields = Object.keys(changes).sort();
      note({ target: investigationId, details: { fields } });
      const before = store().records.require(investigationId).assigneeId;
      const record = store().records.update(investigationId, changes);
      // A new assignee is worth its own line in the audit, and tells them (notifications).
      if (record.assigneeId !== before) note({ details: { fields, assignee: { from: before, to: record.assigneeId } } });
      return detail(record, session);
    },
    'investigations.setStatus': (input, { session, note }) => {
      const { userId } = requireSession(session);
      note({ target: input.investigationId, details: { to: input.status, resolution: input.resolution ?? null } });
      const record = store().records.setStatus(input.investigationId, { to: input.status, resolution: input.resolution, reason: input.reason }, userId);
      return detail(record, session);
    },
    'investigations.entities': async (input, { session }) => {
      store().records.require(input.investigationId);
      return store().graph.graph(input.investigationId, input.maxNodes, lensFor(s, session));
    },
    'investigations.timeline': (input, { session }) => {
      store().records.require(input.investigationId);
      const timeZone = input.timeZone ?? 'UTC';
      if (!isValidTimeZone(timeZone)) throw new VigilError('VALIDATION', `Unknown time zone "${timeZone}"`, { timeZone });
      const view = viewFor(session);
      // The case's activity and, beside it, when its alerts happened (bounded: grouped when many).
      return mergeTimeline(store().timeline.items(input.investigationId, view), store().occurrences.items(input.investigationId, view, timeZone));
    },

    'notes.list': (input, { session }) => {
      store().records.require(input.investigationId);
      return store().notes.list(input.investigationId, viewFor(session));
    },
    'notes.add': (input, { session, note }) => {
      const { userId } = requireSession(session);
      store().records.require(input.investigationId);
      note({ target: input.investigationId });
      return store().notes.add(input.investigationId, input.body, userId, viewFor(session));
    },
    'findings.list': (input, { session }) => {
      store().records.require(input.investigationId);
      return store().findings.list(input.investigationId, viewFor(session));
    },
    'findings.add': (input, { session, note }) => {
      const { userId } = requireSession(session);
      note({ target: input.investigationId });
      return store().addFinding(input.investigationId, input.title, input.body, userId, viewFor(session));
    },
    'findings.update': (input, { session, note }) => {
      const investigationId = store().findings.investigationOf(input.findingId);
      note({ target: input.findingId, details: { investigationId } });
      return store().updateFinding(input.findingId, { title: input.title, body: input.body }, viewFor(session));
    },
    'tasks.list': (input, { session }) => {
      store().records.require(input.investigationId);
      const view = viewFor(session);
      return store().tasks.list(input.investigationId).map((t) => toTask(t, view));
    },
    'tasks.add': (input, { session, note }) => {
      note({ target: input.investigationId });
      const task = store().addTask({ investigationId: input.investigationId, title: input.title, assigneeId: input.assigneeId ?? null, dueAt: input.dueAt ?? null });
      return toTask(task, viewFor(session));
    },
    'tasks.update': (input, { session, note }) => {
      const current = store().tasks.require(input.taskId);
      note({ target: input.taskId, details: { investigationId: current.investigation_id, done: input.done ?? null } });
      const task = store().updateTask(input.taskId, { done: input.done, title: input.title, assigneeId: input.assigneeId });
      return toTask(task, viewFor(session));
    },
    'investigations.importFile': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      const { path: _path, source, ...options } = input;
      const summary = await importFromPath(caller, input, note, (bytes) =>
        runImport(live, randomUUID(), { ...options, source: bytes, sourceName: source }));
      note({ details: importDetails(input.source, input.mode, summary) });
      return summary;
    },
    'investigations.importUpload': async (input, { session, note }) => {
      const live = requireSession(session);
      const { uploadId: _uploadId, jobId, source, ...options } = input;
      const summary = await importFromUpload(s, live, input, note, (bytes, signal) =>
        runImport(live, jobId, { ...options, source: bytes, sourceName: source, signal }));
      note({ details: importDetails(input.source, input.mode, summary) });
      return summary;
    },
  };
}

function importDetails(source: string, mode: string, summary: InvestigationImportSummary): Record<string, unknown> {
  return {
    source, mode, read: summary.read, cases: summary.cases, imported: summary.imported, updated: summary.updated,
    unchanged: summary.unchanged, rejected: summary.rejected, committed: summary.committed,
  };
}
