// Channels behind the investigation's views (src-shared/investigation-views-contract.ts): an
// entity's neighbours for the link graph, through the caller's lens, and taking alerts out of a case.
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { lensFor, requireSession, type Services } from './services';

export function investigationViewHandlers(s: Services): Pick<Handlers, 'entities.neighbours' | 'investigations.unlinkAlerts'> {
  const repos = () => s.custody.vault.repositories;
  return {
    'entities.neighbours': (input, { session }) => {
      const found = repos().entityNeighbours.neighboursOf(input.entityId, input.limit, lensFor(s, session));
      if (!found) throw new VigilError('NOT_FOUND', 'No such entity');
      return found;
    },
    'investigations.unlinkAlerts': (input, { session, note }) => {
      const { userId } = requireSession(session);
      // Counts and the reason's presence only: the reason is free text and may name PII.
      note({ target: input.investigationId, details: { alerts: input.alertIds.length, reason: Boolean(input.reason?.trim()) } });
      const summary = repos().investigations.alertRemovals.unlink({ investigationId: input.investigationId, alertIds: input.alertIds, reason: input.reason, userId });
      note({ details: { alerts: input.alertIds.length, removed: summary.removed, status: summary.status } });
      return summary;
    },
  };
}
