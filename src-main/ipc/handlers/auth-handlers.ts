// Channels for getting into, staying in and leaving a session.
import type { AppStatus } from '../../../src-shared/model';
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';

type AuthChannels =
  | 'app.status' | 'setup.initialize' | 'auth.login' | 'auth.recover' | 'auth.logout' | 'auth.lock' | 'auth.touch'
  | 'auth.unlock' | 'auth.verifyTotp' | 'auth.changePassword' | 'auth.confirmRecoveryKey' | 'auth.reissueRecoveryKey';

export function authHandlers(s: Services): Pick<Handlers, AuthChannels> {
  return {
    'app.status': (_input, { caller }): AppStatus => {
      const initialized = s.login.isInitialized();
      const session = s.sessions.findByToken(caller.token);
      return {
        initialized,
        vaultName: initialized ? s.keySlots.identity().vaultName : null,
        version: s.appVersion,
        session: session ? s.sessions.view(session) : null,
        logPath: s.logPath,
      };
    },
    'setup.initialize': async (input, { caller }) => {
      const started = await s.login.initialize(input, caller.client);
      caller.bindSession(started.token);
      return { recoveryKey: started.recoveryKey, session: s.sessions.view(started.session) };
    },
    'auth.login': async (input, { caller }) => {
      const started = await s.login.login(input.username, input.password, caller.client);
      caller.bindSession(started.token);
      return s.sessions.view(started.session);
    },
    'auth.recover': async (input, { caller }) => {
      const started = await s.login.recover(input.username, input.recoveryKey, input.newPassword, caller.client);
      caller.bindSession(started.token);
      return s.sessions.view(started.session);
    },
    'auth.logout': (_input, { session, caller }) => {
      const live = requireSession(session);
      s.sessions.end(live, 'logout');
      // Signing out ends this person's PII reveals in every window: they were asked for a purpose
      // in this sitting, not for the next one.
      s.reveals.clear(live.userId);
      caller.clearSession();
      return null;
    },
    'auth.lock': (_input, { session }) => {
      const live = requireSession(session);
      s.sessions.lock(live, 'user');
      return s.sessions.view(live);
    },
    'auth.touch': () => null,
    'auth.unlock': async (input, { session }) => {
      const live = requireSession(session);
      await s.login.unlock(live, input.password);
      return s.sessions.view(live);
    },
    'auth.verifyTotp': (input, { session }) => {
      const live = requireSession(session);
      s.login.verifyTotp(live, input.code);
      return s.sessions.view(live);
    },
    'auth.changePassword': async (input, { session }) => {
      const live = requireSession(session);
      await s.login.changePassword(live, input.currentPassword, input.newPassword);
      return s.sessions.view(live);
    },
    'auth.confirmRecoveryKey': async (input, { session }) => {
      const live = requireSession(session);
      await s.login.confirmRecoveryKey(live, input.recoveryKey);
      return s.sessions.view(live);
    },
    'auth.reissueRecoveryKey': async (_input, { session }) => ({
      recoveryKey: await s.login.reissueRecoveryKey(requireSession(session)),
    }),
  };
}
