// Whether the alert open in the detail panel still belongs to the queue's filter, judged from the
// detail itself after a verdict here or a change elsewhere. The panel says so rather than closing:
// the analyst may be reading it (a colleague's verdict should not snatch it away), and a closed
// panel would leave them to find their place again; the notice offers the next alert instead.
// Free text is not judged here (main's full-text match has its own rules): such an alert is kept.
import type { AlertDetail } from '../../../src-shared/workspace-model';
import type { AlertFilter } from './store';

/** Whether the alert's assignee is the one the filter asks for ('me' is the signed-in user). */
function assigneeMatches(detail: AlertDetail, wanted: NonNullable<AlertFilter['assignee']>, me: string | null): boolean {
  if (wanted === 'none') return detail.assignee === null;
  return detail.assignee?.id === (wanted === 'me' ? me : wanted);
}

/** Why the alert no longer matches (worded for the notice), or null while it does. `me`: the signed-in user's id. */
export function filterMismatch(detail: AlertDetail, filter: AlertFilter, me: string | null): string | null {
  if (filter.status && !filter.status.includes(detail.status)) return `now ${detail.status}`;
  if (filter.severity && !filter.severity.includes(detail.severity)) return `now ${detail.severity}`;
  if (filter.assignee !== undefined && !assigneeMatches(detail, filter.assignee, me)) {
    return detail.assignee ? `now assigned to ${detail.assignee.displayName}` : 'now unassigned';
  }
  if (filter.investigationId !== undefined && detail.investigation?.id !== filter.investigationId) {
    return detail.investigation ? `now in ${detail.investigation.key}` : 'no longer in that investigation';
  }
  if (filter.source !== undefined && detail.source !== filter.source) return `source ${detail.source}`;
  if (filter.rule !== undefined && detail.rule !== filter.rule) return 'another rule';
  if (filter.sourcePrefix !== undefined && !detail.source.startsWith(filter.sourcePrefix)) return `source ${detail.source}`;
  if (filter.rulePrefix !== undefined && !(detail.rule ?? '').startsWith(filter.rulePrefix)) return 'another rule';
  if (filter.entityId !== undefined && !detail.entities.some((entity) => entity.id === filter.entityId)) return 'no longer linked to that entity';
  if ((filter.from !== undefined && detail.occurredAt < filter.from) || (filter.to !== undefined && detail.occurredAt >= filter.to)) return 'outside the time range';
  return null;
}

/** The notice's words. */
export function leftFilterNotice(reason: string): string {
  return `No longer matches the filter (${reason}).`;
}
