// "My work" channels: completions for the source and rule filters, "Start work" on an investigation,
// and each user's choice of columns.
import type { Handlers } from '../router';
import { readTableColumns, saveTableColumns } from '../../settings/table-columns';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'alerts.facets' | 'investigations.startWork' | 'tableColumns.get' | 'tableColumns.save';

export function myWorkHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'tableColumns.get': (input, { session }) => readTableColumns(repos().settings, requireSession(session).userId, input.table),
    'tableColumns.save': (input, { session }) => saveTableColumns(repos().settings, requireSession(session).userId, input.table, input.columns),
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
