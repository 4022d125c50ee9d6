// A list's columns as the user chose them, fitted to the window: hidden ones stay hidden, dragged
// widths stay within bounds, and in a narrow window the least needed columns step aside (never the
// time or the title) so nothing is cut or scrolls sideways.
import { describe, expect, it } from 'vitest';
import { layoutColumns, resizeColumn, toggleColumn } from '../../../src-renderer/kit/table-columns';
import { ALERT_COLUMN_SPECS } from '../../../src-renderer/features/triage/alert-columns';
import { INVESTIGATION_COLUMN_SPECS } from '../../../src-renderer/features/investigations/investigation-columns';

const NONE = { hidden: [], widths: {} };
const ids = (layout: ReturnType<typeof layoutColumns>) => layout.shown.map((column) => column.spec.id);
const width = (layout: ReturnType<typeof layoutColumns>) => layout.shown.reduce((sum, column) => sum + column.px, 0);

describe('table columns', () => {
  it('shows every column when there is room, the time at a width that holds it whole', () => {
    const layout = layoutColumns(ALERT_COLUMN_SPECS, NONE, 1200);
    expect(ids(layout)).toEqual(ALERT_COLUMN_SPECS.map((spec) => spec.id));
    expect(layout.shown.find((column) => column.spec.id === 'time')?.track).toBe('160px');
    expect(layout.shown.find((column) => column.spec.id === 'title')?.track).toMatch(/^minmax\(\d+px, 1fr\)$/);
    expect(layout.fittedOut).toEqual([]);
  });

  it('fits the grid at 1024 and 800 px windows by setting the least needed columns aside', () => {
    for (const available of [780, 560, 420]) {
      const layout = layoutColumns(ALERT_COLUMN_SPECS, NONE, available);
      expect(width(layout)).toBeLessThanOrEqual(available);
      expect(ids(layout)).toEqual(expect.arrayContaining(['time', 'title']));
      expect(layout.fittedOut.length).toBeGreaterThan(0);
    }
    // The order they step aside in: the count, then the entity, long before the assignee.
    expect(layoutColumns(ALERT_COLUMN_SPECS, NONE, 1000).fittedOut.map((spec) => spec.id)).toEqual(['count', 'entity']);
  });

  it('keeps the severity and the status at 800 px, the title giving way down to its minimum first', () => {
    // An 800 px window leaves the grid about 550 px beside the navigation.
    const layout = layoutColumns(ALERT_COLUMN_SPECS, NONE, 550);
    expect(ids(layout)).toEqual(['severity', 'status', 'time', 'title']);
    expect(width(layout)).toBeLessThanOrEqual(550);
  });

  it('keeps hidden columns hidden and never hides the required ones', () => {
    const choices = toggleColumn(toggleColumn(NONE, 'entity', false), 'title', false);
    expect(ids(layoutColumns(ALERT_COLUMN_SPECS, choices, null))).not.toContain('entity');
    expect(ids(layoutColumns(ALERT_COLUMN_SPECS, choices, null))).toContain('title');
    expect(toggleColumn(choices, 'entity', true).hidden).toEqual(['title']);
  });

  it('keeps dragged widths within the column\'s bounds (a time is never narrower than its text)', () => {
    const time = ALERT_COLUMN_SPECS.find((spec) => spec.id === 'time')!;
    const title = ALERT_COLUMN_SPECS.find((spec) => spec.id === 'title')!;
    expect(resizeColumn(NONE, time, 40).widths.time).toBe(160);
    const wide = resizeColumn(NONE, title, 5000);
    expect(wide.widths.title).toBe(1200);
    expect(layoutColumns(ALERT_COLUMN_SPECS, resizeColumn(NONE, title, 400), null).shown.find((c) => c.spec.id === 'title')?.track).toBe('minmax(400px, 1fr)');
  });
});

/**
 * The investigations table's room in a window this wide: less the navigation (200 px and its
 * border), the page's side padding (2 × 24 px) and the table's border and scrollbar (18 px, the
 * page's SCROLL_ROOM).
 */
const investigationsRoom = (windowWidth: number) => windowWidth - 201 - 48 - 18;

describe('the investigations list\'s columns', () => {
  it('shows every column in a 1440 px window', () => {
    const layout = layoutColumns(INVESTIGATION_COLUMN_SPECS, NONE, investigationsRoom(1440));
    expect(ids(layout)).toEqual(INVESTIGATION_COLUMN_SPECS.map((spec) => spec.id));
  });

  it('keeps the severity and the status (and the assignee) in a 1024 px window, the dates and count stepping aside', () => {
    const layout = layoutColumns(INVESTIGATION_COLUMN_SPECS, NONE, investigationsRoom(1024));
    expect(ids(layout)).toEqual(['key', 'title', 'status', 'severity', 'assignee']);
    expect(layout.fittedOut.map((spec) => spec.id)).toEqual(['alerts', 'sla', 'updated']);
    expect(width(layout)).toBeLessThanOrEqual(investigationsRoom(1024));
  });

  it('keeps the severity and the status in an 800 px window, the title shrinking to its minimum and the key whole', () => {
    const layout = layoutColumns(INVESTIGATION_COLUMN_SPECS, NONE, investigationsRoom(800));
    expect(ids(layout)).toEqual(['key', 'title', 'status', 'severity']);
    expect(width(layout)).toBeLessThanOrEqual(investigationsRoom(800));
    const px = Object.fromEntries(layout.shown.map((column) => [column.spec.id, column.px]));
    expect(px).toEqual({ key: 130, title: 140, status: 120, severity: 96 });
  });

  it('keeps them when the user widened the title: the title gives the room back first', () => {
    const title = INVESTIGATION_COLUMN_SPECS.find((spec) => spec.id === 'title')!;
    const layout = layoutColumns(INVESTIGATION_COLUMN_SPECS, resizeColumn(NONE, title, 600), investigationsRoom(1024));
    expect(ids(layout)).toEqual(expect.arrayContaining(['key', 'title', 'status', 'severity']));
    expect(width(layout)).toBeLessThanOrEqual(investigationsRoom(1024));
  });
});
