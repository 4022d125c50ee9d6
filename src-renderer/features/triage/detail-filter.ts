// The words of the detail panel's notice when its alert left the queue's filter, after a verdict here
// or a change elsewhere. Whether it left, and by which part of the filter, is main's answer
// (alerts.matchesFilter, the list's own SQL on that one row); this file only words that part from the
// detail. The panel says so rather than closing: the analyst may be reading it (a colleague's verdict
// should not snatch it away), and a closed panel would leave them to find their place again; the
// notice offers the next alert instead.
import type { AlertDetail, AlertFilterFacet } from '../../../src-shared/workspace-model';

/** Why the alert no longer matches, worded for the notice from what the alert is now. */
export function leftFilterReason(failing: AlertFilterFacet, detail: AlertDetail): string {
  switch (failing) {
    case 'status': return `now ${detail.status}`;
    case 'severity': return `now ${detail.severity}`;
    case 'assignee': return detail.assignee ? `now assigned to ${detail.assignee.displayName}` : 'now unassigned';
    case 'investigation': return detail.investigation ? `now in ${detail.investigation.key}` : 'no longer in that investigation';
    case 'source': return `source ${detail.source}`;
    case 'rule': return 'another rule';
    case 'entity': return 'no longer linked to that entity';
    case 'time': return 'outside the time range';
    case 'text': return 'the words no longer match';
  }
}

/** The notice's words. */
export function leftFilterNotice(reason: string): string {
  return `No longer matches the filter (${reason}).`;
}
