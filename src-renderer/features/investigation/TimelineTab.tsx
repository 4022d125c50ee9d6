// The timeline: status changes, alerts, notes, findings, evidence, actions and tasks merged by time.
import { useEffect } from 'react';
import { Button } from '../../components/Button';
import { formatTimeOfDay } from '../../format/time';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';
import { groupTimelineByDay, TIMELINE_KINDS } from './timeline-format';
import type { TimelineKind } from '../../../src-shared/workspace-model';
import type { TabId } from './InvestigationPage';

/** The tab that shows each kind of timeline item in full. */
const TAB_OF: Readonly<Record<TimelineKind, TabId>> = {
  status: 'overview', alert: 'alerts', occurrence: 'alerts', note: 'notes', finding: 'findings', evidence: 'evidence', action: 'actions', task: 'tasks',
};

export function TimelineTab({ onOpen }: { onOpen(tab: TabId): void }) {
  const slot = useInvestigationStore((state) => state.parts.timeline);
  const loadPart = useInvestigationStore((state) => state.loadPart);

  // Also when a change elsewhere marked it stale (idle) while this tab is open; never after a failure.
  const stale = slot.status === 'idle';
  useEffect(() => {
    if (stale) void loadPart('timeline');
  }, [loadPart, stale]);

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Timeline</h2>
        <Button size="sm" onClick={() => void loadPart('timeline', true)} busy={slot.status === 'loading'}>
          Refresh
        </Button>
      </div>
      <PartState slot={slot} onRetry={() => void loadPart('timeline', true)}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">Nothing has happened yet.</p>
          ) : (
            <div className="timeline" data-testid="timeline">
              {groupTimelineByDay(items).map((day) => (
                <section key={day.day} aria-label={day.day}>
                  <h3 className="timeline__day">{day.day}</h3>
                  <ol className="timeline__items">
                    {day.items.map((item, index) => (
                      <li key={`${item.kind}-${item.refId}-${index}`} className={`timeline__item timeline__item--${item.kind}`} data-testid="timeline-item" data-kind={item.kind}>
                        <span className="timeline__glyph" aria-hidden="true">
                          {TIMELINE_KINDS[item.kind].glyph}
                        </span>
                        <span className="timeline__time mono">{formatTimeOfDay(item.at)}</span>
                        <span className="timeline__kind">{TIMELINE_KINDS[item.kind].label}</span>
                        <Button variant="link" size="sm" className="timeline__title truncate" title={item.title} onClick={() => onOpen(TAB_OF[item.kind])}>
                          {item.title}
                        </Button>
                        <span className="timeline__by muted">{item.by?.displayName ?? ''}</span>
                      </li>
                    ))}
                  </ol>
                </section>
              ))}
            </div>
          )
        }
      </PartState>
    </div>
  );
}
