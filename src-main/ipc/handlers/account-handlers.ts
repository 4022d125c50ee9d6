// Channels for the signed-in user's own account: two-factor sign-in and preferences.
import type { Handlers } from '../router';
import { VigilError } from '../../../src-shared/errors';
import { requireSession, type Services } from './services';

type AccountChannels = 'twoFactor.begin' | 'twoFactor.enable' | 'twoFactor.disable' | 'preferences.get' | 'preferences.update';

export function accountHandlers(s: Services): Pick<Handlers, AccountChannels> {
  const refresh = (userId: string) => {
    const user = s.custody.vault.repositories.users.get(userId);
    if (user) s.sessions.refreshUser(user);
  };
  const audit = (userId: string, action: string) => {
    const repos = s.custody.vault.repositories;
    repos.audit.append({ actor: { id: userId, name: repos.users.get(userId)?.username ?? null }, action, outcome: 'success' });
  };
  return {
    'twoFactor.begin': (_input, { session }) => s.twoFactor.begin(requireSession(session).userId),
    'twoFactor.enable': (input, { session }) => {
      const { userId } = requireSession(session);
      const recoveryCodes = s.twoFactor.enable(userId, input.code);
      audit(userId, 'auth.two_factor_enabled');
      refresh(userId);
      return { recoveryCodes };
    },
    'twoFactor.disable': async (input, { session }) => {
      const { userId } = requireSession(session);
      await s.twoFactor.disable(userId, input.password);
      audit(userId, 'auth.two_factor_disabled');
      refresh(userId);
      return null;
    },
    'preferences.get': (_input, { session }) => {
      const user = s.custody.vault.repositories.users.get(requireSession(session).userId);
      return { theme: user?.theme ?? 'system', evidenceImages: user?.evidenceImages ?? 'blurred' };
    },
    'preferences.update': (input, { session }) => {
      const users = s.custody.vault.repositories.users;
      const userId = requireSession(session).userId;
      const changes = {
        ...(input.theme !== undefined ? { theme: input.theme } : {}),
        ...(input.evidenceImages !== undefined ? { evidenceImages: input.evidenceImages } : {}),
      };
      const user = Object.keys(changes).length === 0 ? users.get(userId) : users.update(userId, changes);
      if (!user) throw new VigilError('NOT_FOUND', 'No such user');
      return { theme: user.theme, evidenceImages: user.evidenceImages };
    },
  };
}
