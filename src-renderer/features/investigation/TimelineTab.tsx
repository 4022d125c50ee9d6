// The timeline: status changes, alerts added and removed, notes, findings, evidence, actions and
// tasks merged by time, with the alerts' own events (when each alert occurred) beside them, marked
// apart and hideable. Main groups those events per hour or day when there are too many; the tab
// says so. An item's title opens what it is about (timeline-target.ts): an alert's own event opens
// that alert's detail.
import { useEffect, useMemo, useState } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { formatTimeOfDay } from '../../format/time';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';
import { groupTimelineByDay, occurrenceGrouping, TIMELINE_KINDS, withoutOccurrences } from './timeline-format';
import { timelineTarget } from './timeline-target';
import type { TimelineItem } from '../../../src-shared/workspace-model';
import type { TabId } from './InvestigationPage';
import './timeline-events.css';

/** An occurrence group has no one time of day: it says what it spans instead. */
function timeOf(item: TimelineItem): string {
  switch (item.occurrences?.span) {
    case 'day':
      return 'all day';
    case 'earlier':
      return 'earlier';
    default:
      return formatTimeOfDay(item.at);
  }
}

export function TimelineTab({ onOpen }: { onOpen(tab: TabId): void }) {
  const slot = useInvestigationStore((state) => state.parts.timeline);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const showAlert = useInvestigationStore((state) => state.showAlert);
  const [showOccurrences, setShowOccurrences] = useState(true);

  // Also when a change elsewhere marked it stale (idle) while this tab is open; never after a failure.
  const stale = slot.status === 'idle';
  useEffect(() => {
    if (stale) void loadPart('timeline');
  }, [loadPart, stale]);

  const items = slot.data;
  const grouping = useMemo(() => (items ? occurrenceGrouping(items) : null), [items]);
  const openItem = (item: TimelineItem) => {
    const target = timelineTarget(item);
    // Another item (a grouped event) opens the Alerts tab as it was: with no alert's detail open.
    showAlert(target.alertId);
    onOpen(target.tab);
  };
  const days = useMemo(() => groupTimelineByDay(items ? (showOccurrences ? items : withoutOccurrences(items)) : []), [items, showOccurrences]);

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Timeline</h2>
        <div className="toolbar">
          <label className="timeline__toggle">
            <input type="checkbox" checked={showOccurrences} onChange={(event) => setShowOccurrences(event.target.checked)} data-testid="timeline-show-occurrences" />
            Alert events
          </label>
          <Button size="sm" onClick={() => void loadPart('timeline', true)} busy={slot.status === 'loading'}>
            Refresh
          </Button>
        </div>
      </div>
      <PartState slot={slot} onRetry={() => void loadPart('timeline', true)}>
        {() =>
          days.length === 0 ? (
            <p className="muted">Nothing has happened yet.</p>
          ) : (
            <>
              {grouping && showOccurrences && (
                <Alert tone="info" role="status" testId="timeline-grouping">
                  {grouping}
                </Alert>
              )}
              <div className="timeline" data-testid="timeline">
                {days.map((day) => (
                  <section key={day.day} aria-label={day.day}>
                    <h3 className="timeline__day">{day.day}</h3>
                    <ol className="timeline__items">
                      {day.items.map((item, index) => (
                        <li key={`${item.kind}-${item.refId}-${index}`} className={`timeline__item timeline__item--${item.kind}`} data-testid="timeline-item" data-kind={item.kind}>
                          <span className="timeline__glyph" aria-hidden="true">
                            {TIMELINE_KINDS[item.kind].glyph}
                          </span>
                          <span className="timeline__time mono">{timeOf(item)}</span>
                          <span className="timeline__kind" title={TIMELINE_KINDS[item.kind].label} data-testid="timeline-kind">
                            {TIMELINE_KINDS[item.kind].label}
                          </span>
                          <Button variant="link" size="sm" className="timeline__title truncate" title={item.title} onClick={() => openItem(item)}>
                            {item.title}
                          </Button>
                          <span className="timeline__by muted">{item.by?.displayName ?? ''}</span>
                        </li>
                      ))}
                    </ol>
                  </section>
                ))}
              </div>
            </>
          )
        }
      </PartState>
    </div>
  );
}
