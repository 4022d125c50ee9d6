// A list's column header: its name (a button that sorts, when the list can sort by it) and a handle
// that resizes it by dragging or by keyboard (arrows: 16 px; Shift: 64 px; Home: its default).
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import './column-header.css';

export type SortState = 'ascending' | 'descending' | 'none';

export interface ColumnHeaderProps {
  label: string;
  /** Absent when the list cannot sort by this column. */
  sort?: SortState | undefined;
  onSort?: (() => void) | undefined;
  width: number;
  minWidth: number;
  defaultWidth: number;
  /** `done` is false while a drag is still moving (show it, save it when the drag ends). */
  onResize?: ((px: number, done: boolean) => void) | undefined;
  testId?: string | undefined;
}

const STEP = 16;
const BIG_STEP = 64;

export function ColumnHeader({ label, sort, onSort, width, minWidth, defaultWidth, onResize, testId }: ColumnHeaderProps) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const arrow = sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '';

  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
    if (!onResize) return;
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next = event.key === 'ArrowLeft' ? width - step : event.key === 'ArrowRight' ? width + step : event.key === 'Home' ? defaultWidth : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    onResize(Math.max(minWidth, next), true);
  };
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    if (!onResize || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: width };
  };
  const widthAt = (event: PointerEvent<HTMLSpanElement>) => Math.max(minWidth, (drag.current?.startWidth ?? width) + event.clientX - (drag.current?.startX ?? event.clientX));
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (drag.current) onResize?.(widthAt(event), false);
  };
  const onPointerUp = (event: PointerEvent<HTMLSpanElement>) => {
    if (!drag.current) return;
    onResize?.(widthAt(event), true);
    drag.current = null;
  };

  return (
    <span className="column-header" data-testid={testId}>
      {onSort ? (
        <button type="button" className="column-header__sort" onClick={onSort} title={`Sort by ${label.toLowerCase()}`}>
          {label}
          <span aria-hidden="true" className="column-header__arrow">{arrow}</span>
        </button>
      ) : (
        <span className="column-header__label">{label}</span>
      )}
      {onResize && (
        <span
          role="separator"
          aria-orientation="vertical"
          aria-label={`Width of ${label}`}
          aria-valuenow={width}
          aria-valuemin={minWidth}
          aria-valuemax={1200}
          tabIndex={0}
          className="column-header__resize"
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onClick={(event) => event.stopPropagation()}
          data-testid={testId ? `${testId}-resize` : undefined}
        />
      )}
    </span>
  );
}
