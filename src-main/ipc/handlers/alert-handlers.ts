// Alert channels.
import { randomUUID } from 'node:crypto';
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';
import { importAlertFile } from '../../alerts/import-service';

export function alertHandlers(s: Services): Pick<Handlers, 'alerts.importFile' | 'alerts.list'> {
  return {
    'alerts.list': (input, { session }) => {
      const revealPii = s.sessions.view(requireSession(session)).permissions.includes('access_pii');
      return s.custody.vault.repositories.alerts.page(input, revealPii);
    },
    'alerts.importFile': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      // A path names a file on this machine: from a window, a compromised renderer could read any
      // file the app can. Windows will import through a file chosen in a native dialog instead.
      if (caller.client !== 'cli') throw new VigilError('FORBIDDEN', 'Importing by file path is available from the command line only');
      note({ target: input.path, details: { source: input.source, mode: input.mode } });
      const jobId = randomUUID();
      const summary = await importAlertFile(
        { ...input, userId: live.userId },
        { databasePath: s.databasePath, dataKey: s.custody.copyDataKey(), row: s.custody.vault.repositories.row },
        (read) => s.events.emit({ sessionId: live.id }, 'job.progress', { jobId, label: 'Importing alerts', done: read, total: null }),
      );
      note({ details: { source: input.source, mode: input.mode, read: summary.read, imported: summary.imported, rejected: summary.rejected, committed: summary.committed } });
      return summary;
    },
  };
}
