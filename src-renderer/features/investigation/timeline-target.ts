// Where a timeline item leads: the tab that shows its kind in full, and for an alert's own event
// (one alert, listed on its own) that alert's detail on the Alerts tab. A grouped event stands for
// many alerts (an hour's, a day's): it opens the Alerts tab, which lists them all.
import type { TimelineItem, TimelineKind } from '../../../src-shared/workspace-model';
import type { TabId } from './investigation-route';

/** The tab that shows each kind of timeline item in full. */
const TAB_OF: Readonly<Record<TimelineKind, TabId>> = {
  status: 'overview', alert: 'alerts', occurrence: 'alerts', note: 'notes', finding: 'findings', evidence: 'evidence', action: 'actions', task: 'tasks',
};

export interface TimelineTarget {
  tab: TabId;
  /** The alert whose detail opens beside the Alerts tab's list; null to open the tab alone. */
  alertId: string | null;
}

export function timelineTarget(item: TimelineItem): TimelineTarget {
  // One alert's event: main gives the alert's id as the item's refId (a group's refId names its span).
  const alertId = item.kind === 'occurrence' && item.occurrences?.span === 'alert' ? item.refId : null;
  return { tab: TAB_OF[item.kind], alertId };
}
