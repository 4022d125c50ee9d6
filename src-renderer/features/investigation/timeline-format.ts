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

/**
 * What the screen says when the alerts' occurrences were grouped rather than listed one by one
 * (main does so past a threshold, so a case of 10k alerts is not 10k rows); null when listed each.
 */
export function occurrenceGrouping(items: readonly TimelineItem[]): string | null {
  const spans = new Set<string>();
  let alerts = 0;
  for (const item of items) {
    if (!item.occurrences) continue;
    spans.add(item.occurrences.span);
    alerts += item.occurrences.count;
  }
  if (!spans.has('hour') && !spans.has('day')) return null;
  const total = `${alerts.toLocaleString()} alert${alerts === 1 ? '' : 's'}`;
  const by = spans.has('day') ? 'day' : 'hour';
  const earlier = spans.has('earlier') ? '; the oldest days are counted together in one line' : '';
  return `This investigation has ${total}: their events are counted per ${by} rather than listed one by one${earlier}. The Alerts tab lists them all.`;
}

/** The case's activity only, or with the alerts' own events beside it. */
export function withoutOccurrences(items: readonly TimelineItem[]): TimelineItem[] {
  return items.filter((item) => item.kind !== 'occurrence');
}
