// The queue's columns, shared by the triage page (which lets the user sort, size, show and hide
// them) and an entity's alert list (the defaults). Widths hold their usual values whole: the
// occurred time is fixed-width text and is never cut.
import type { VirtualColumn } from '../../components/VirtualTable';
import { ColumnHeader } from '../../components/ColumnHeader';
import { formatDateTime } from '../../format/time';
import type { AlertRow } from '../../../src-shared/model';
import type { AlertSort } from '../../../src-shared/my-work-contract';
import type { TableColumns } from '../../../src-shared/my-work-contract';
import { layoutColumns, type ColumnLayout, type ColumnSpec } from '../../kit/table-columns';
import { SeverityBadge, StatusBadge } from './severity';
import type { AlertOrder } from './store';

/** 16 monospace characters ("2026-12-04 13:05") at 13 px and the cell's padding, with room to spare. */
const TIME_WIDTH = 160;

export const ALERT_COLUMN_SPECS: readonly ColumnSpec[] = [
  { id: 'severity', label: 'Severity', width: 96, minWidth: 92, fitOrder: 1, keep: true },
  { id: 'status', label: 'Status', width: 128, minWidth: 124, fitOrder: 2, keep: true },
  { id: 'time', label: 'Occurred', width: TIME_WIDTH, minWidth: TIME_WIDTH, required: true },
  { id: 'title', label: 'Title', width: 220, minWidth: 140, flexible: true, required: true },
  { id: 'assignee', label: 'Assignee', width: 120, minWidth: 80, fitOrder: 4 },
  { id: 'entity', label: 'Entity', width: 120, minWidth: 90, fitOrder: 7 },
  { id: 'source', label: 'Source', width: 110, minWidth: 70, flexible: true, fitOrder: 6 },
  { id: 'rule', label: 'Rule', width: 130, minWidth: 70, flexible: true, fitOrder: 5 },
  { id: 'count', label: 'Seen', width: 60, minWidth: 56, fitOrder: 8 },
];

/** The columns a header click sorts by: the sorts main serves from an index (see ALERT_SORTS). */
export const SORT_OF_COLUMN: Readonly<Record<string, AlertSort>> = { time: 'occurred', severity: 'severity', status: 'status' };

const CELLS: Record<string, Omit<VirtualColumn<AlertRow>, 'id' | 'header' | 'width'>> = {
  severity: { cell: (a) => <SeverityBadge severity={a.severity} /> },
  status: { cell: (a) => <StatusBadge status={a.status} /> },
  time: { mono: true, cell: (a) => formatDateTime(a.occurredAt), fullText: (a) => new Date(a.occurredAt).toISOString() },
  title: { cell: (a) => a.title, fullText: (a) => a.title },
  assignee: { cell: (a) => a.assignee?.displayName ?? <span className="muted">—</span>, fullText: (a) => a.assignee?.displayName ?? 'Unassigned' },
  entity: {
    mono: true,
    cell: (a) => (a.primaryEntity ? a.primaryEntity.value : '—'),
    fullText: (a) => (a.primaryEntity ? `${a.primaryEntity.kind}: ${a.primaryEntity.value}` : undefined),
  },
  source: { mono: true, cell: (a) => a.source, fullText: (a) => a.source },
  rule: { mono: true, cell: (a) => a.rule ?? '—', fullText: (a) => a.rule ?? undefined },
  count: { align: 'end', cell: (a) => `${a.occurrences.toLocaleString()}×` },
};

export interface AlertColumnControls {
  sort: AlertSort;
  order: AlertOrder;
  onSort(column: string): void;
  onResize(spec: ColumnSpec, px: number, done: boolean): void;
}

/** The grid's columns for a layout; headers sort and resize when `controls` are given. */
export function alertColumns(layout: ColumnLayout, controls?: AlertColumnControls): VirtualColumn<AlertRow>[] {
  return layout.shown.map(({ spec, px, track }) => {
    const sortsBy = SORT_OF_COLUMN[spec.id];
    const sorted = controls && sortsBy !== undefined ? (controls.sort === sortsBy ? (controls.order === 'newest' ? 'descending' : 'ascending') : 'none') : undefined;
    return {
      id: spec.id,
      width: track,
      ...CELLS[spec.id],
      cell: CELLS[spec.id]?.cell ?? (() => null),
      ...(sorted ? { ariaSort: sorted } : {}),
      header: controls ? (
        <ColumnHeader
          label={spec.label}
          sort={sorted}
          onSort={sortsBy !== undefined ? () => controls.onSort(spec.id) : undefined}
          width={px}
          minWidth={spec.minWidth}
          defaultWidth={spec.width}
          onResize={(next, done) => controls.onResize(spec, next, done)}
          testId={`triage-col-${spec.id}`}
        />
      ) : spec.label,
    };
  });
}

const NO_CHOICES: TableColumns = { hidden: [], widths: {} };

/** Every column at its default width (an entity's alert list). */
export const ALERT_COLUMNS: readonly VirtualColumn<AlertRow>[] = alertColumns(layoutColumns(ALERT_COLUMN_SPECS, NO_CHOICES, null));
