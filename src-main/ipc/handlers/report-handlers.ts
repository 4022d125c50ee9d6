// Report channels: the investigation report as HTML or PDF, and the analytics report of a range
// (reports/report-files.ts). The audit row names what the report covers, the format, whether it was
// masked, and the file's SHA-256.
import type { Handlers } from '../router';
import { maskStatsReport, maskTopEntities } from '../../analytics/overview-masking';
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
      // Through the reader's PII lens, as on screen: the top entities' values are personal data.
      const lens = lensFor(s, session);
      const repos = s.custody.vault.repositories;
      const readView = repos.investigations.view(lens, repos.userRefs.resolver());
      const [rawStats, rawTop] = await Promise.all([s.analytics.stats(range), s.analytics.topEntities(range)]);
      const stats = maskStatsReport(rawStats, readView);
      // The audit chain's head as the report is made: the vault state it reflects, as in the investigation report.
      const auditHead = repos.audit.currentHead();
      const file = await s.reports.analyticsFile({ stats, topEntities: maskTopEntities(rawTop, readView) }, format, {
        generatedBy: { username: view.username, displayName: view.displayName }, generatedAt: s.clock.now(), appVersion: s.appVersion, auditHead, masked: !lens.seesAll,
      });
      note({ details: { format, from: stats.range.from, to: stats.range.to, timeZone: stats.range.timeZone, masked: !lens.seesAll, sizeBytes: file.sizeBytes, sha256: file.sha256 } });
      return file;
    },
  };
}
