// Export channels: alerts, the investigations list and one investigation as CSV or JSON, masked like
// every other read. The router has checked export_data and audits each call; the note carries the
// row count, how many matched and whether the file was masked (never the content). Each export runs
// as a job the window may cancel (jobs.cancel with the jobId it picked) and reports job.progress.
import { randomUUID } from 'node:crypto';
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { exportAlerts } from '../../exports/alert-export';
import { investigationFile } from '../../exports/investigation-export';
import { exportInvestigationList } from '../../exports/investigation-list-export';
import { exportSearch } from '../../exports/search-export';
import { lensFor, requireSession, type Services } from './services';
import { withCaller } from '../../investigations/assignee-choice';

type Channels = 'exports.alerts' | 'exports.investigation' | 'exports.investigations' | 'exports.search';

/** 20260105-1430, for file names. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

export function exportHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  const progress = (sessionId: string, jobId: string, label: string) => (done: number, total: number | null) =>
    s.events.emit({ sessionId }, 'job.progress', { jobId, label, done, total });
  return {
    'exports.alerts': async (input, { session, note }) => {
      const live = requireSession(session);
      const lens = lensFor(s, session);
      const jobId = input.jobId ?? randomUUID();
      const filter = withCaller(input.filter, live.userId);
      // Counted once, by the queue's own count (the number the window showed), for progress and the file alike.
      const matched = repos().alerts.count(filter);
      const file = await s.jobs.run(jobId, live.userId, (job) =>
        exportAlerts(repos().alertExporter, { ...input, filter, matched }, lens, stamp(s.clock.now()), progress(live.id, jobId, 'Exporting alerts'), job.signal));
      note({ details: { format: input.format, rows: file.rows, matched, masked: file.masked, filters: Object.keys(input.filter) } });
      return file;
    },
    'exports.investigations': async (input, { session, note }) => {
      const live = requireSession(session);
      const view = repos().investigations.view(lensFor(s, session), repos().userRefs.resolver());
      const jobId = input.jobId ?? randomUUID();
      const report = progress(live.id, jobId, 'Exporting investigations');
      const file = await s.jobs.run(jobId, live.userId, (job) =>
        exportInvestigationList(repos().investigations.queries, { ...input, filter: withCaller(input.filter, live.userId) }, view, stamp(s.clock.now()), (done, matched) => report(done, Math.min(matched, input.limit)), job.signal));
      // The audit names the filters used; the order of the rows is not one.
      const { sort: _sort, direction: _direction, ...filter } = input.filter;
      note({ details: { format: input.format, rows: file.rows, matched: file.matched, masked: file.masked, filters: Object.keys(filter) } });
      return file;
    },
    'exports.search': (input, { session, note }) => {
      const file = exportSearch(repos().search, input, lensFor(s, session), stamp(s.clock.now()));
      // The query is not noted: it may hold the very PII the lens masks.
      note({ details: { format: input.format, rows: file.rows, matched: file.matched, masked: file.masked, kinds: input.kinds ?? 'all' } });
      return file;
    },
    'exports.investigation': async (input, { session, note }) => {
      const live = requireSession(session);
      note({ target: input.investigationId, details: { format: input.format } });
      const lens = lensFor(s, session);
      const data = await s.jobs.run(input.jobId ?? randomUUID(), live.userId, (job) =>
        repos().investigationExporter.collect(input.investigationId, lens, job.signal));
      if (!data) throw new VigilError('NOT_FOUND', 'No such investigation');
      const file = investigationFile(data, input.format, lens);
      note({ target: input.investigationId, details: { format: input.format, rows: file.rows, masked: file.masked } });
      return file;
    },
  };
}
