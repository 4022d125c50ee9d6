// An investigation's alerts tab: its columns' widths and which step aside when the tab is narrow (an
// 800 px window, or the alert's detail open beside the list), through the kit's one rule
// (layoutColumns), so the title keeps room to read and nothing scrolls sideways. The entity goes
// first (the widest, and a click away in the detail), then the source, then the count: each is in
// the row's detail.
import { layoutColumns, type ColumnLayout, type ColumnSpec } from '../../kit/table-columns';

/** The tick box and the Remove button, only for those who may change the case (while it takes changes). */
const PICK: ColumnSpec = { id: 'pick', label: 'Select', width: 40, minWidth: 40, required: true };
const REMOVE: ColumnSpec = { id: 'remove', label: 'Remove', width: 100, minWidth: 100, required: true };

const ALERT_COLUMNS: readonly ColumnSpec[] = [
  // 160 px of title: a few words to tell alerts apart.
  { id: 'title', label: 'Title', width: 160, minWidth: 160, flexible: true, required: true },
  // "2026-12-04 13:05" whole: times are never cut.
  { id: 'occurred', label: 'Occurred', width: 148, minWidth: 148, required: true },
  { id: 'severity', label: 'Severity', width: 96, minWidth: 96, required: true },
  { id: 'source', label: 'Source', width: 130, minWidth: 130, fitOrder: 2 },
  { id: 'entity', label: 'Primary entity', width: 200, minWidth: 200, fitOrder: 3 },
  { id: 'count', label: 'Seen', width: 64, minWidth: 64, fitOrder: 1 },
];

/** The scroll area's border (1 px each side): the table fits inside it. */
const BORDER_ROOM = 2;

/** The tab's columns fitted to the list's width (null until measured: every column). */
export function investigationAlertColumns(listWidth: number | null, editing: { picks: boolean; remove: boolean }): ColumnLayout {
  const specs = [...(editing.picks ? [PICK] : []), ...ALERT_COLUMNS, ...(editing.remove ? [REMOVE] : [])];
  return layoutColumns(specs, { hidden: [], widths: {} }, listWidth === null ? null : listWidth - BORDER_ROOM);
}
