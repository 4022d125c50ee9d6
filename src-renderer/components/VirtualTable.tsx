// A grid that draws only the rows in view, for lists too long for the DOM (the triage queue). The
// caller holds a bounded run of rows from a longer list and says whether more lie before or after;
// the grid asks for them as the view nears either end, and keeps the same rows under the eye when
// rows are added or dropped above (it follows `firstPosition`). The scroll height therefore stays
// near (held rows × row height), far from the browser's ~33M px limit on element height.
import {
  useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject,
} from 'react';
import { nearEdges, scrollToReveal, visibleRange } from './virtual-rows';
import './virtual-table.css';

export interface VirtualColumn<Row> {
  id: string;
  header: ReactNode;
  /** A CSS grid track: '96px', 'minmax(240px, 1fr)'. */
  width: string;
  cell(row: Row): ReactNode;
  /** Full text for the tooltip of a truncated cell. */
  fullText?(row: Row): string | undefined;
  align?: 'start' | 'end';
  mono?: boolean;
  /** How the list is sorted by this column, when it can be (aria-sort on the header). */
  ariaSort?: 'ascending' | 'descending' | 'none';
}

export interface VirtualTableProps<Row> {
  label: string;
  columns: readonly VirtualColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  rowHeight?: number;
  /** Position of rows[0] in the whole list (0-based), for aria-rowindex and scroll anchoring. */
  firstPosition: number;
  /** Rows in the whole list when known. */
  totalCount: number | null;
  hasBefore: boolean;
  hasAfter: boolean;
  loading: boolean;
  emptyMessage: ReactNode;
  /** A new value scrolls back to the top (a new filter or order). */
  resetKey: string;
  focusedKey: string | null;
  isSelected?(row: Row): boolean;
  rowClassName?(row: Row): string | undefined;
  onNearStart?(): void;
  onNearEnd?(): void;
  onRowClick?(row: Row, index: number, event: MouseEvent<HTMLDivElement>): void;
  onRowDoubleClick?(row: Row, index: number): void;
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
  gridRef?: RefObject<HTMLDivElement | null>;
  testId?: string;
}

const HEADER_HEIGHT = 32;
/** Room for a "Loading…" strip where more rows will arrive. */
const EDGE_STRIP = 64;
/** Rows from an edge at which the next page is fetched. */
const PREFETCH_ROWS = 60;

export function VirtualTable<Row>(props: VirtualTableProps<Row>) {
  const {
    label, columns, rows, rowKey, rowHeight = 32, firstPosition, totalCount, hasBefore, hasAfter, loading, emptyMessage, resetKey,
    focusedKey, isSelected, rowClassName, onNearStart, onNearEnd, onRowClick, onRowDoubleClick, onKeyDown, gridRef, testId,
  } = props;
  const ownRef = useRef<HTMLDivElement | null>(null);
  // The caller may hold the grid's element (to focus it after a verdict); else the grid keeps its own.
  const scrollRef = gridRef ?? ownRef;
  const idPrefix = useId();
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const padTop = hasBefore ? EDGE_STRIP : 0;
  const padBottom = hasAfter && rows.length > 0 ? EDGE_STRIP : 0;
  const bodyHeight = padTop + rows.length * rowHeight + padBottom;
  const range = visibleRange(scrollTop, viewport - HEADER_HEIGHT, rowHeight, padTop, rows.length);
  const template = columns.map((column) => column.width).join(' ');
  // Every row gets the same minimum width: with 'max-content' each row sized its flexible column to
  // its own text, and the cells of different rows no longer lined up under their headers.
  const minWidth = columns.reduce((sum, column) => sum + minimumPixels(column.width), 0);
  const focusedIndex = focusedKey === null ? -1 : rows.findIndex((row) => rowKey(row) === focusedKey);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    setViewport(element.clientHeight);
    return () => observer.disconnect();
  }, [scrollRef]);

  // Keep the rows under the eye when rows are dropped or added above (firstPosition moves).
  const anchor = useRef({ firstPosition, padTop, resetKey });
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const before = anchor.current;
    anchor.current = { firstPosition, padTop, resetKey };
    if (!element) return;
    if (before.resetKey !== resetKey) {
      element.scrollTop = 0;
      setScrollTop(0);
      return;
    }
    const shift = (before.firstPosition - firstPosition) * rowHeight + (padTop - before.padTop);
    if (shift !== 0) {
      element.scrollTop += shift;
      setScrollTop(element.scrollTop);
    }
  }, [firstPosition, padTop, resetKey, rowHeight, scrollRef]);

  // Bring the focused row into view when focus moves (keyboard triage).
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || focusedIndex < 0) return;
    const target = scrollToReveal(focusedIndex, element.scrollTop, element.clientHeight, rowHeight, padTop, HEADER_HEIGHT);
    if (target !== null) {
      element.scrollTop = target;
      setScrollTop(element.scrollTop);
    }
    // Only a change of focused row scrolls; rows shifting above are handled by the anchor effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusedKey]);

  const edges = nearEdges(range, rows.length, PREFETCH_ROWS);
  const wantStart = hasBefore && edges.nearStart && rows.length > 0;
  const wantEnd = hasAfter && edges.nearEnd && rows.length > 0;
  useEffect(() => {
    if (wantStart) onNearStart?.();
  }, [wantStart, firstPosition, onNearStart]);
  useEffect(() => {
    if (wantEnd) onNearEnd?.();
  }, [wantEnd, firstPosition, rows.length, onNearEnd]);

  const rowId = (key: string) => `${idPrefix}-row-${key}`;
  const visible = rows.slice(range.start, range.end);

  return (
    <div
      ref={scrollRef}
      className="vtable"
      role="grid"
      aria-label={label}
      aria-rowcount={totalCount === null ? -1 : totalCount + 1}
      aria-colcount={columns.length}
      aria-multiselectable={isSelected ? true : undefined}
      aria-busy={loading || undefined}
      aria-activedescendant={focusedIndex >= range.start && focusedIndex < range.end ? rowId(focusedKey ?? '') : undefined}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div role="rowgroup" className="vtable__head" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="vtable__row" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT, minWidth }}>
          {columns.map((column) => (
            <div key={column.id} role="columnheader" aria-sort={column.ariaSort} className={['vtable__cell', column.align === 'end' ? 'align-end' : ''].filter(Boolean).join(' ')}>
              {column.header}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable__body" style={{ height: rows.length === 0 ? undefined : bodyHeight, minWidth }}>
        {rows.length === 0 ? (
          <div role="row" className="vtable__placeholder">
            <div role="gridcell">{loading ? 'Loading…' : emptyMessage}</div>
          </div>
        ) : (
          <>
            {padTop > 0 && (
              <div className="vtable__strip" style={{ top: 0, height: padTop }} aria-hidden="true">
                Loading earlier rows…
              </div>
            )}
            {visible.map((row, offset) => {
              const index = range.start + offset;
              const key = rowKey(row);
              const selected = isSelected?.(row) ?? false;
              const classes = ['vtable__row', selected ? 'is-selected' : '', index === focusedIndex ? 'is-focused' : '', rowClassName?.(row) ?? '']
                .filter(Boolean)
                .join(' ');
              return (
                <div
                  key={key}
                  id={rowId(key)}
                  role="row"
                  aria-rowindex={firstPosition + index + 2}
                  aria-selected={isSelected ? selected : undefined}
                  className={classes}
                  style={{ gridTemplateColumns: template, top: padTop + index * rowHeight, height: rowHeight, minWidth }}
                  onClick={(event) => onRowClick?.(row, index, event)}
                  onDoubleClick={() => onRowDoubleClick?.(row, index)}
                  data-testid="vtable-row"
                  data-row-id={key}
                >
                  {columns.map((column) => (
                    <VirtualCell key={column.id} column={column} row={row} />
                  ))}
                </div>
              );
            })}
            {padBottom > 0 && (
              <div className="vtable__strip" style={{ top: bodyHeight - padBottom, height: padBottom }} aria-hidden="true">
                Loading more rows…
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function VirtualCell<Row>({ column, row }: { column: VirtualColumn<Row>; row: Row }) {
  const classes = ['vtable__cell', column.mono ? 'mono' : '', column.align === 'end' ? 'align-end' : ''].filter(Boolean).join(' ');
  return (
    <div role="gridcell" className={classes} title={column.fullText?.(row)}>
      {column.cell(row)}
    </div>
  );
}

/** The least width a grid track takes: '92px' → 92, 'minmax(280px, 1fr)' → 280, '1fr' → 0. */
export function minimumPixels(track: string): number {
  const match = /^(?:minmax\(\s*)?(\d+(?:\.\d+)?)px/.exec(track.trim());
  return match ? Number(match[1]) : 0;
}
