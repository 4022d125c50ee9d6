// Export channels: alerts and investigations as CSV or JSON, masked like every other read. The
// router has checked export_data and audits each call; the note carries the row count and whether
// the file was masked (never the content).
import { randomUUID } from 'node:crypto';
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { exportAlerts } from '../../exports/alert-export';
import { investigationFile } from '../../exports/investigation-export';
import { lensFor, requireSession, type Services } from './services';
import { withCaller } from '../../investigations/assignee-choice';

type Channels = 'exports.alerts' | 'exports.investigation';

/** 20260105-1430, for file names. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

export function exportHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'exports.alerts': async (input, { session, note }) => {
      const live = requireSession(session);
      const lens = lensFor(s, session);
      const jobId = randomUUID();
      const file = await exportAlerts(repos().alertExporter, { ...input, filter: withCaller(input.filter, live.userId) }, lens, stamp(s.clock.now()), (done) =>
        s.events.emit({ sessionId: live.id }, 'job.progress', { jobId, label: 'Exporting alerts', done, total: null }));
      note({ details: { format: input.format, rows: file.rows, masked: file.masked, filters: Object.keys(input.filter) } });
      return file;
    },
    'exports.investigation': async (input, { session, note }) => {
      note({ target: input.investigationId, details: { format: input.format } });
      const lens = lensFor(s, session);
      const data = await repos().investigationExporter.collect(input.investigationId, lens);
      if (!data) throw new VigilError('NOT_FOUND', 'No such investigation');
      const file = investigationFile(data, input.format, lens);
      note({ target: input.investigationId, details: { format: input.format, rows: file.rows, masked: file.masked } });
      return file;
    },
  };
}
