// Report channels: the investigation report as HTML or PDF, and the analytics report of a range
// (reports/report-files.ts). The audit row names what the report covers, the format, whether it was
// masked, and the file's SHA-256.
import type { Handlers } from '../router';
import { lensFor, requireSession, type Services } from './services';

export function reportHandlers(s: Services): Pick<Handlers, 'reports.investigation' | 'reports.analytics'> {
  return {
    'reports.investigation': async (input, { session, note }) => {
      const live = requireSession(session);
      const view = s.sessions.view(live);
      const repos = s.custody.vault.repositories;
      const investigationId = 'investigationId' in input ? input.investigationId : repos.investigations.lookup.requireKey(input.investigationKey).id;
      note({ target: investigationId, details: { format: input.format } });
      const { investigationKey, ...file } = await s.reports.investigationFile(repos, investigationId, input.format, lensFor(s, session), {
        generatedBy: { username: view.username, displayName: view.displayName }, generatedAt: s.clock.now(), appVersion: s.appVersion,
      });
      note({ target: investigationId, details: { key: investigationKey, format: input.format, masked: file.masked, sizeBytes: file.sizeBytes, sha256: file.sha256 } });
      return file;
    },
    'reports.analytics': async (input, { session, note }) => {
      const live = requireSession(session);
      const view = s.sessions.view(live);
      const { format, ...range } = input;
      note({ details: { format, ...range } });
      const stats = await s.analytics.stats(range);
      // The audit chain's head as the report is made: the vault state it reflects, as in the investigation report.
      const auditHead = s.custody.vault.repositories.audit.currentHead();
      const file = await s.reports.analyticsFile(stats, format, {
        generatedBy: { username: view.username, displayName: view.displayName }, generatedAt: s.clock.now(), appVersion: s.appVersion, auditHead,
      });
      note({ details: { format, from: stats.range.from, to: stats.range.to, timeZone: stats.range.timeZone, sizeBytes: file.sizeBytes, sha256: file.sha256 } });
      return file;
    },
  };
}
