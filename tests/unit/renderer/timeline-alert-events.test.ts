// The timeline tab's alert events: when main grouped them (too many alerts to list one by one) the
// tab says so, with the total and the span; listed one by one, it says nothing; and they can be
// hidden to read the case's activity alone. One alert's event opens that alert; a grouped one, the
// Alerts tab that lists them all.
import { describe, expect, it } from 'vitest';
import { groupTimelineByDay, occurrenceGrouping, withoutOccurrences } from '../../../src-renderer/features/investigation/timeline-format';
import { timelineTarget } from '../../../src-renderer/features/investigation/timeline-target';
import type { TimelineItem } from '../../../src-shared/workspace-model';

const at = new Date(2026, 2, 3, 9, 0).getTime();
const activity = (refId: string, when = at): TimelineItem => ({ at: when, kind: 'status', refId, title: refId, by: null });
const event = (refId: string, count: number, span: NonNullable<TimelineItem['occurrences']>['span'], when = at): TimelineItem => ({
  at: when, kind: 'occurrence', refId, title: refId, by: null, occurrences: { count, span },
});

describe('alert events on the timeline', () => {
  it('says nothing when every alert is listed on its own', () => {
    expect(occurrenceGrouping([activity('s'), event('a1', 1, 'alert'), event('a2', 1, 'alert')])).toBeNull();
  });

  it('says they were counted per hour, with the total, when main grouped them by hour', () => {
    expect(occurrenceGrouping([activity('s'), event('h1', 1200, 'hour'), event('h2', 34, 'hour')])).toBe(
      'This investigation has 1,234 alerts: their events are counted per hour rather than listed one by one. The Alerts tab lists them all.',
    );
  });

  it('says per day, and that the oldest days share one line, when main grouped them so', () => {
    expect(occurrenceGrouping([event('before', 9000, 'earlier'), event('d1', 1000, 'day')])).toBe(
      'This investigation has 10,000 alerts: their events are counted per day rather than listed one by one; the oldest days are counted together in one line. The Alerts tab lists them all.',
    );
  });

  it('hides the alert events and keeps the case\'s activity in order', () => {
    const items = [event('a1', 1, 'alert', at - 1000), activity('s1'), event('a2', 1, 'alert', at + 1000), activity('s2', at + 2000)];
    expect(withoutOccurrences(items).map((i) => i.refId)).toEqual(['s1', 's2']);
    expect(groupTimelineByDay(items).flatMap((d) => d.items.map((i) => i.refId))).toEqual(['a1', 's1', 'a2', 's2']);
  });
});

describe('where a timeline item leads', () => {
  it('opens one alert\'s event as that alert\'s detail on the Alerts tab', () => {
    expect(timelineTarget(event('alert-1', 1, 'alert'))).toEqual({ tab: 'alerts', alertId: 'alert-1' });
  });

  it('opens a grouped event (an hour, a day, the earlier days) as the Alerts tab alone', () => {
    for (const span of ['hour', 'day', 'earlier'] as const) {
      expect(timelineTarget(event(`${span}:x`, 250, span))).toEqual({ tab: 'alerts', alertId: null });
    }
  });

  it('opens the case\'s own activity on the tab of its kind, never as an alert', () => {
    expect(timelineTarget(activity('s'))).toEqual({ tab: 'overview', alertId: null });
    expect(timelineTarget({ at, kind: 'alert', refId: 'removal-1', title: 'Alert removed', by: null })).toEqual({ tab: 'alerts', alertId: null });
    expect(timelineTarget({ at, kind: 'note', refId: 'n', title: 'Note', by: null })).toEqual({ tab: 'notes', alertId: null });
  });
});
