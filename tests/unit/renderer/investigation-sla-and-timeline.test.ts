// SLA highlighting in the list and header, and the timeline's merge by time.
import { describe, expect, it } from 'vitest';
import { slaState } from '../../../src-renderer/features/investigation/sla';
import { groupTimelineByDay } from '../../../src-renderer/features/investigation/timeline-format';
import type { TimelineItem } from '../../../src-shared/workspace-model';

const HOUR = 3600_000;
const now = new Date(2025, 10, 25, 12, 0).getTime();

describe('SLA state', () => {
  it('is overdue once the due time has passed on an open case', () => expect(slaState(now - 1, null, now, HOUR * 4)).toBe('overdue'));
  it('is due soon within four hours', () => expect(slaState(now + 3 * HOUR, null, now, HOUR * 4)).toBe('due_soon'));
  it('is fine further out', () => expect(slaState(now + 30 * HOUR, null, now, HOUR * 4)).toBe('ok'));
  it('judges closed cases by when they closed, not by now', () => {
    expect(slaState(now - 10 * HOUR, now - 11 * HOUR, now, HOUR * 4)).toBe('met');
    expect(slaState(now - 10 * HOUR, now - 9 * HOUR, now, HOUR * 4)).toBe('overdue');
  });
  it('flags due soon with the window the vault saved, not a fixed four hours', () => {
    expect(slaState(now + 3 * HOUR, null, now, 2 * HOUR)).toBe('ok');
    expect(slaState(now + 7 * HOUR, null, now, 8 * HOUR)).toBe('due_soon');
  });
  it('has no state without a due time', () => expect(slaState(null, null, now, HOUR * 4)).toBe('none'));
});

describe('timeline', () => {
  const item = (at: number, kind: TimelineItem['kind'], refId: string): TimelineItem => ({ at, kind, refId, title: refId, by: null });

  it('merges items of every kind by time, oldest first, grouped by day', () => {
    const days = groupTimelineByDay([
      item(now + 25 * HOUR, 'note', 'n1'),
      item(now, 'status', 's1'),
      item(now + HOUR, 'alert', 'a1'),
      item(now - 26 * HOUR, 'evidence', 'e1'),
    ]);
    expect(days.map((day) => day.items.map((entry) => entry.refId))).toEqual([['e1'], ['s1', 'a1'], ['n1']]);
  });

  it('keeps the given order for items at the same moment', () => {
    const days = groupTimelineByDay([item(now, 'status', 'first'), item(now, 'task', 'second')]);
    expect(days[0]?.items.map((entry) => entry.refId)).toEqual(['first', 'second']);
  });
});
