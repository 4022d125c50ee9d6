// Analytics channels: the numbers of the work, computed from the vault (analytics/stats-report.ts).
import type { Handlers } from '../router';
import type { Services } from './services';
import { buildStatsReport, statsRequest } from '../../analytics/stats-report';

export function analyticsHandlers(s: Services): Pick<Handlers, 'analytics.stats'> {
  return {
    'analytics.stats': (input) => buildStatsReport(s.custody.vault.repositories.analytics, statsRequest(input, s.clock.now())),
  };
}
