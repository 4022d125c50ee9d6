// How each kind of timeline item is shown: a short label and a glyph (decorative; the label is read).
import type { TimelineItem, TimelineKind } from '../../../src-shared/workspace-model';
import { formatDate } from '../../format/time';

export const TIMELINE_KINDS: Readonly<Record<TimelineKind, { label: string; glyph: string }>> = {
  status: { label: 'Status', glyph: '◆' },
  alert: { label: 'Alerts', glyph: '⚑' },
  occurrence: { label: 'Alert event', glyph: '●' },
  note: { label: 'Note', glyph: '✎' },
  finding: { label: 'Finding', glyph: '★' },
  evidence: { label: 'Evidence', glyph: '▣' },
  action: { label: 'Action', glyph: '⚙' },
  task: { label: 'Task', glyph: '✓' },
};

export interface TimelineDay {
  day: string;
  items: TimelineItem[];
}

/** Oldest first, grouped by local day; items with the same time keep the order main gave them. */
export function groupTimelineByDay(items: readonly TimelineItem[]): TimelineDay[] {
  const sorted = items.map((item, index) => ({ item, index })).sort((a, b) => a.item.at - b.item.at || a.index - b.index);
  const days: TimelineDay[] = [];
  for (const { item } of sorted) {
    const day = formatDate(item.at);
    const last = days[days.length - 1];
    if (last && last.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return days;
}
