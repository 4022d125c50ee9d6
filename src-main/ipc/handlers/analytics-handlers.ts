// Analytics channels: the numbers of the work, computed from the vault off the main thread
// (analytics/analytics-service.ts).
import type { Handlers } from '../router';
import type { Services } from './services';

export function analyticsHandlers(s: Services): Pick<Handlers, 'analytics.stats'> {
  return {
    'analytics.stats': (input) => s.analytics.stats(input),
  };
}
