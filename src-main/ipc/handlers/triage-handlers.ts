// Triage actions on sets of alerts: bulk verdicts and assignment, promote, merge. The work runs in
// batches (src-main/triage/bulk-runner.ts) and reports job.progress to the caller's windows.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../router';
import type { AlertSelection } from '../../triage/bulk-runner';
import { lensFor, requireSession, type Services } from './services';
import { selectionWithCaller } from '../../investigations/assignee-choice';
import { isOwnIncidentRefusal, OWN_INCIDENT } from '../../security/four-eyes';
import type { HandlerContext } from '../router';

type Channels = 'alerts.bulk' | 'alerts.promote' | 'alerts.merge' | 'alerts.promotionSeverity';

/** What the audit row says about a selection: its size or its filter's shape, never values (they may be PII). */
function describeSelection(selection: AlertSelection): Record<string, unknown> {
  if ('ids' in selection) return { ids: selection.ids.length };
  return { filter: Object.keys(selection.filter).sort(), expectedCount: selection.expectedCount ?? null };
}

/** Four eyes: a call refused because every alert it names is about the caller is audited as denied. */
async function deniedWhenOwnIncident<T>(note: HandlerContext['note'], details: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isOwnIncidentRefusal(error)) note({ outcome: 'denied', details: { ...details, reason: OWN_INCIDENT } });
    throw error;
  }
}

export function triageHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  const progressFor = (sessionId: string, label: string) => {
    const jobId = randomUUID();
    return (done: number, total: number) => s.events.emit({ sessionId }, 'job.progress', { jobId, label, done, total });
  };

  return {
    'alerts.bulk': async (input, { session, note }) => {
      const live = requireSession(session);
      note({ details: { action: input.action.kind, ...describeSelection(input.selection) } });
      const result = await deniedWhenOwnIncident(note, { action: input.action.kind, ...describeSelection(input.selection) }, () => repos().triage.bulk(selectionWithCaller(input.selection, live.userId), input.action, progressFor(live.id, `Applying ${input.action.kind}`), undefined, live.userId));
      note({ details: { action: input.action.kind, ...describeSelection(input.selection), ...result } });
      return result;
    },
    'alerts.promote': async (input, { session, note }) => {
      const live = requireSession(session);
      note({ details: { templateId: input.investigation.templateId ?? null, ...describeSelection(input.selection) } });
      const { investigation, result } = await deniedWhenOwnIncident(note, { templateId: input.investigation.templateId ?? null, ...describeSelection(input.selection) }, () => repos().triage.promote(selectionWithCaller(input.selection, live.userId), input.investigation, live.userId, progressFor(live.id, 'Promoting alerts')));
      note({ target: investigation.id, details: { key: investigation.key, ...describeSelection(input.selection), ...result } });
      const investigations = repos().investigations;
      return investigations.queries.detail(investigation, investigations.view(lensFor(s, session), repos().userRefs.resolver()));
    },
    'alerts.promotionSeverity': (input) => repos().triage.promotionSeverity(input.selection, input.templateId),
    'alerts.merge': async (input, { session, note }) => {
      const live = requireSession(session);
      note({ target: input.investigationId, details: describeSelection(input.selection) });
      const result = await deniedWhenOwnIncident(note, describeSelection(input.selection), () => repos().triage.merge(selectionWithCaller(input.selection, live.userId), input.investigationId, live.userId, progressFor(live.id, 'Adding alerts to the investigation')));
      note({ target: input.investigationId, details: { ...describeSelection(input.selection), ...result } });
      return result;
    },
  };
}
