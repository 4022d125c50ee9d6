// Alert reads and the alert import, by path from the CLI or by upload from a window.
import { randomUUID } from 'node:crypto';
import { VigilError } from '../../../src-shared/errors';
import type { AlertImportSummary } from '../../../src-shared/model';
import type { Handlers } from '../router';
import { lensFor, requireSession, type Services } from './services';
import type { FileImportRequest } from '../../import/alerts/alert-import-service';
import { importFromPath, importFromUpload, importTargetOf } from './import-sources';
import type { LiveSession } from '../../auth/session-registry';
import { withCaller } from '../../investigations/assignee-choice';

type AlertChannels = 'alerts.list' | 'alerts.count' | 'alerts.get' | 'alerts.matchesFilter' | 'alerts.similar' | 'alerts.importFile' | 'alerts.importUpload';

export function alertHandlers(s: Services): Pick<Handlers, AlertChannels> {
  const repositories = () => s.custody.vault.repositories;

  const runImport = (live: LiveSession, jobId: string, request: Omit<FileImportRequest, 'userId'>): Promise<AlertImportSummary> =>
    s.alertImports.importFile(
      { ...request, userId: live.userId },
      importTargetOf(s),
      (read) => s.events.emit({ sessionId: live.id }, 'job.progress', { jobId, label: 'Importing alerts', done: read, total: null }),
    );

  return {
    // An assignee of 'me' is the session's user, resolved here (src-main/investigations/assignee-choice.ts).
    'alerts.list': (input, { session }) => repositories().alerts.page(withCaller(input, requireSession(session).userId), lensFor(s, session)),
    'alerts.count': (input, { session }) => ({ count: repositories().alerts.count(withCaller(input, requireSession(session).userId)) }),
    'alerts.get': (input, { session }) => {
      const detail = repositories().alerts.detail(input.alertId, lensFor(s, session));
      if (!detail) throw new VigilError('NOT_FOUND', 'No such alert');
      return repositories().ownIncidentAlerts.isAbout(detail.id, requireSession(session).userId) ? { ...detail, aboutYou: true } : detail;
    },
    'alerts.matchesFilter': (input, { session }) => {
      const match = repositories().alerts.matchesFilter(input.alertId, withCaller(input.filter, requireSession(session).userId));
      if (!match) throw new VigilError('NOT_FOUND', 'No such alert');
      return match;
    },
    'alerts.similar': (input, { session }) => {
      if (!repositories().alerts.exists(input.alertId)) throw new VigilError('NOT_FOUND', 'No such alert');
      return repositories().similarAlerts.find(input.alertId, input.limit, lensFor(s, session));
    },
    'alerts.importFile': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      const { path: _path, source, ...options } = input;
      const summary = await importFromPath(caller, input, note, (bytes) =>
        runImport(live, randomUUID(), { ...options, source: bytes, sourceName: source }));
      note({ details: importDetails(input.source, input.mode, summary) });
      return summary;
    },
    'alerts.importUpload': async (input, { session, note }) => {
      const live = requireSession(session);
      const { uploadId: _uploadId, jobId, source, ...options } = input;
      const summary = await importFromUpload(s, live, input, note, (bytes, signal) =>
        runImport(live, jobId, { ...options, source: bytes, sourceName: source, signal }));
      note({ details: importDetails(input.source, input.mode, summary) });
      return summary;
    },
  };
}

function importDetails(source: string, mode: string, summary: AlertImportSummary): Record<string, unknown> {
  return { source, mode, read: summary.read, imported: summary.imported, rejected: summary.rejected, committed: summary.committed };
}
