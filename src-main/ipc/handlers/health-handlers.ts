// Channels of the installation's health: the panel, a run on demand, acknowledging and resolving
// an alert (audited by the router with the check), the history, the banner everyone sees, and the
// thresholds.
import type { Handlers } from '../router';
import { HEALTH_CHECK_LABELS } from '../../../src-shared/health-policy';
import { isUrgent } from '../../../src-shared/health-model';
import { readHealthPolicy, saveHealthOverride, storedHealthOverride } from '../../health/health-settings';
import { requireSession, type Services } from './services';
import type { LiveSession } from '../../auth/session-registry';

type HealthChannel = 'health.status' | 'health.run' | 'health.acknowledge' | 'health.resolve' | 'health.history' | 'health.banner' | 'health.getPolicy' | 'health.updatePolicy';

export function healthHandlers(s: Services): Pick<Handlers, HealthChannel> {
  const nameOf = (session: LiveSession | null) => s.sessions.view(requireSession(session)).username;
  return {
    'health.status': () => s.health.status(),
    'health.run': async () => {
      await s.health.sweep('all');
      return s.health.status();
    },
    'health.acknowledge': (input, { session, note }) => {
      note({ target: input.check, details: input.note ? { note: input.note } : {} });
      return s.health.acknowledge(input.check, nameOf(session), input.note);
    },
    'health.resolve': (input, { session, note }) => {
      note({ target: input.check, details: input.note ? { note: input.note } : {} });
      return s.health.resolve(input.check, nameOf(session), input.note);
    },
    'health.history': (input) => s.custody.vault.repositories.health.history(input.beforeId ?? null, input.limit),
    'health.banner': () => ({
      alerts: [...s.custody.vault.repositories.health.open().values()]
        .filter((alert) => isUrgent(alert.level))
        .map((alert) => ({ check: alert.check, label: HEALTH_CHECK_LABELS[alert.check].label, level: alert.level, message: alert.message, firedAt: alert.firedAt })),
    }),
    'health.getPolicy': () => {
      const { settings } = s.custody.vault.repositories;
      return { policy: readHealthPolicy(settings), override: storedHealthOverride(settings) };
    },
    'health.updatePolicy': (input, { note }) => {
      const { settings } = s.custody.vault.repositories;
      note({ details: { before: storedHealthOverride(settings), after: input } });
      return saveHealthOverride(settings, input);
    },
  };
}
