// API token channels: sign in with a token (binds the session like a password login), and create,
// list and revoke tokens. The router audits create and revoke; sign-ins are audited by the service.
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';

type Channels = 'auth.tokenLogin' | 'tokens.create' | 'tokens.list' | 'tokens.revoke';

export function tokenHandlers(s: Services): Pick<Handlers, Channels> {
  return {
    'auth.tokenLogin': async (input, { caller }) => {
      const started = await s.apiTokens.signIn(input.token, caller.client);
      caller.bindSession(started.token);
      return s.sessions.view(started.session);
    },
    'tokens.create': (input, { session, note }) => {
      const created = s.apiTokens.create(requireSession(session), input);
      note({ target: created.info.id, details: { name: created.info.name, role: created.info.role, expiresAt: created.info.expiresAt } });
      return created;
    },
    'tokens.list': (_input, { session }) => s.apiTokens.list(requireSession(session)),
    'tokens.revoke': (input, { session, note }) => {
      note({ target: input.tokenId });
      const revoked = s.apiTokens.revoke(requireSession(session), input.tokenId);
      note({ target: input.tokenId, details: { name: revoked.name, owner: revoked.owner } });
      return revoked;
    },
  };
}
