// Channels of the caller's own notifications: every read and mark is bound to the session's user.
// Reads only read: SLA notifications come from the notifier's scheduled check (notifier.ts).
import type { Handlers } from '../router';
import type { NotificationCounts } from '../../../src-shared/notification-model';
import { roleHas } from '../../../src-shared/permissions';
import { requireSession, type Services } from './services';
import type { LiveSession } from '../../auth/session-registry';

export function notificationHandlers(s: Services): Pick<Handlers, 'notifications.list' | 'notifications.counts' | 'notifications.markRead'> {
  const repositories = () => s.custody.vault.repositories;

  const counts = (session: LiveSession): NotificationCounts => {
    const view = s.sessions.view(session);
    const awaitingApproval = roleHas(view.role, 'approve_actions')
      ? repositories().actions.list({ awaitingApprovalOf: session.userId }).length
      : 0;
    return { unread: repositories().notifications.unread(session.userId), awaitingApproval };
  };

  return {
    'notifications.list': (input, { session }) => {
      const { userId } = requireSession(session);
      return { items: repositories().notifications.list(userId, input.limit), unread: repositories().notifications.unread(userId) };
    },
    'notifications.counts': (_input, { session }) => counts(requireSession(session)),
    'notifications.markRead': (input, { session }) => {
      const live = requireSession(session);
      const changed = repositories().notifications.markRead(live.userId, 'all' in input ? 'all' : input.ids, s.clock.now());
      // The person's other windows take the new count too.
      if (changed > 0) s.notifier.announce(live.userId);
      return counts(live);
    },
  };
}
