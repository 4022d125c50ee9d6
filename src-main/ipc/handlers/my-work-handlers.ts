// "My work" channels: completions for the source and rule filters, and "Start work" on an investigation.
import type { Handlers } from '../router';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'alerts.facets' | 'investigations.startWork';

export function myWorkHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'alerts.facets': (input) => ({ values: repos().alertFacets.values(input.field, input.prefix, input.limit) }),
    'investigations.startWork': (input, { session, note }) => {
      const { userId } = requireSession(session);
      note({ target: input.investigationId });
      const investigations = repos().investigations;
      const record = investigations.startWork(input.investigationId, userId);
      return investigations.queries.detail(record, investigations.view(lensFor(s, session), repos().userRefs.resolver()));
    },
  };
}
