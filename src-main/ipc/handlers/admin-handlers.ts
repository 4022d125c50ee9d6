// Channels for administrators: users, live sessions, the audit log, vault-wide settings.
import type { SessionSummary } from '../../../src-shared/model';
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';

type AdminChannels =
  | 'users.list' | 'users.create' | 'users.setRole' | 'users.disable' | 'users.enable' | 'users.resetPassword'
  | 'sessions.list' | 'sessions.end' | 'audit.list' | 'audit.verify' | 'system.getSettings' | 'system.updateSettings'
  | 'vault.rotateRecoveryKey';

export function adminHandlers(s: Services): Pick<Handlers, AdminChannels> {
  const actorOf = (session: Parameters<typeof requireSession>[0]) => {
    const live = requireSession(session);
    return { userId: live.userId, role: s.sessions.view(live).role };
  };
  return {
    'users.list': () => s.users.list(),
    'users.create': async (input, { session, note }) => {
      note({ target: input.username, details: { role: input.role } });
      return s.users.create(actorOf(session), input);
    },
    'users.setRole': (input, { session, note }) => {
      note({ target: input.userId, details: { role: input.role } });
      return s.users.setRole(actorOf(session), input.userId, input.role);
    },
    'users.disable': (input, { session, note }) => {
      note({ target: input.userId });
      s.reveals.clear(input.userId);
      return s.users.disable(actorOf(session), input.userId);
    },
    'users.enable': (input, { session, note }) => {
      note({ target: input.userId });
      return s.users.enable(actorOf(session), input.userId);
    },
    'users.resetPassword': (input, { session, note }) => {
      note({ target: input.userId });
      return s.users.resetPassword(actorOf(session), input.userId);
    },
    'sessions.list': (_input, { session }): SessionSummary[] => {
      const current = requireSession(session).id;
      return s.sessions.list().map((live) => {
        const view = s.sessions.view(live);
        return {
          sessionId: live.id, userId: live.userId, username: view.username, state: live.state, client: live.client,
          createdAt: live.createdAt, lastActiveAt: live.lastActiveAt, expiresAt: live.expiresAt, current: live.id === current,
        };
      }).sort((a, b) => b.lastActiveAt - a.lastActiveAt);
    },
    'sessions.end': (input, { note }) => {
      note({ target: input.sessionId });
      const target = s.sessions.findById(input.sessionId);
      if (!target) throw new VigilError('NOT_FOUND', 'That session has already ended');
      s.sessions.end(target, 'ended_by_admin');
      return null;
    },
    'audit.list': (input) => s.custody.vault.repositories.audit.list(input),
    'audit.verify': async (_input, { note }) => {
      const result = await s.custody.vault.repositories.audit.verify();
      note({ details: { ok: result.ok, checked: result.checked, problem: result.problem } });
      return result;
    },
    'system.getSettings': () => s.sessions.currentSettings(),
    'system.updateSettings': (input, { note }) => {
      note({ details: { ...input } });
      s.custody.vault.repositories.settings.set('system', input);
      const settings = s.sessions.refreshSettings();
      for (const live of s.sessions.list()) s.sessions.emit(live);
      return settings;
    },
    'vault.rotateRecoveryKey': async (input, { session }) => {
      const live = requireSession(session);
      if (!(await s.keySlots.verifyPassword(live.userId, input.password))) throw new VigilError('INVALID_CREDENTIALS', 'Wrong password');
      return { recoveryKey: await s.login.reissueRecoveryKey(live) };
    },
  };
}
