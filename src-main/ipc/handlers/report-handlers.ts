// Report channels: the investigation report as HTML or PDF (reports/report-files.ts). The audit row
// names the case, the format, whether it was masked, and the file's SHA-256.
import type { Handlers } from '../router';
import { lensFor, requireSession, type Services } from './services';

export function reportHandlers(s: Services): Pick<Handlers, 'reports.investigation'> {
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
  };
}
