// An investigation's alerts tab fits its table to the tab at 1024 and 800 px windows, through the
// kit's column layout: the entity steps aside first, then the source, then the count (each is in the
// row's detail); the title, time, severity and the editor's tick box and Remove button stay.
import { describe, expect, it } from 'vitest';
import { investigationAlertColumns } from '../../../src-renderer/features/investigation/investigation-alert-columns';

/** The tab's list in a window this wide: less the navigation (200 px and its border) and the page's side padding (2 × 24 px). */
const listRoom = (windowWidth: number) => windowWidth - 201 - 48;
const EDITOR = { picks: true, remove: true };
const VIEWER = { picks: false, remove: false };
const ids = (layout: ReturnType<typeof investigationAlertColumns>) => layout.shown.map((column) => column.spec.id);
/** The table's width: its columns, inside the scroll area's 1 px border on each side. */
const tableWidth = (layout: ReturnType<typeof investigationAlertColumns>) => layout.shown.reduce((sum, column) => sum + column.px, 0) + 2;

describe('an investigation\'s alert columns', () => {
  it('shows every column in a wide window', () => {
    expect(ids(investigationAlertColumns(listRoom(1440), EDITOR))).toEqual(['pick', 'title', 'occurred', 'severity', 'source', 'entity', 'count', 'remove']);
    expect(ids(investigationAlertColumns(null, VIEWER))).toEqual(['title', 'occurred', 'severity', 'source', 'entity', 'count']);
  });

  it('sets the entity aside first in a 1024 px window, and fits', () => {
    const layout = investigationAlertColumns(listRoom(1024), EDITOR);
    expect(layout.fittedOut.map((spec) => spec.id)).toEqual(['entity']);
    expect(tableWidth(layout)).toBeLessThanOrEqual(listRoom(1024));
  });

  it('sets the source and the count aside next in an 800 px window, and fits with the title, time and severity whole', () => {
    const layout = investigationAlertColumns(listRoom(800), EDITOR);
    expect(layout.fittedOut.map((spec) => spec.id)).toEqual(['entity', 'source', 'count']);
    expect(ids(layout)).toEqual(['pick', 'title', 'occurred', 'severity', 'remove']);
    expect(tableWidth(layout)).toBeLessThanOrEqual(listRoom(800));
  });

  it('keeps what fits for someone who only reads: at 800 px the count stays once the source has gone', () => {
    const layout = investigationAlertColumns(listRoom(800), VIEWER);
    expect(layout.fittedOut.map((spec) => spec.id)).toEqual(['entity', 'source']);
    expect(tableWidth(layout)).toBeLessThanOrEqual(listRoom(800));
  });

  it('sets all three aside when the alert\'s detail takes part of a 1024 px tab', () => {
    // The detail panel (triage.css: min(420px, 40%)) and the gap beside it, as the browser lays them out.
    const room = listRoom(1024) - Math.min(420, listRoom(1024) * 0.4) - 12;
    expect(investigationAlertColumns(room, VIEWER).fittedOut.map((spec) => spec.id)).toEqual(['entity', 'source', 'count']);
  });
});
