// Which rows of a virtual grid to draw and where to scroll, from the scroll position and a fixed row
// height. Pure, so VirtualTable's arithmetic is tested without a browser.

export interface VisibleRange {
  /** First and one-past-last held row to draw (overscan included). */
  start: number;
  end: number;
}

/**
 * Which held rows to draw for a scroll position. `padTop` is the space above the first held row (a
 * loading strip when earlier pages were dropped).
 */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, padTop: number, count: number, overscan = 8): VisibleRange {
  const top = Math.max(0, scrollTop - padTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewportHeight) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.max(0, Math.min(count, last + overscan)) };
}

/** Whether the view is close enough to an edge of the held rows to fetch the neighbouring page. */
export function nearEdges(range: VisibleRange, count: number, threshold: number): { nearStart: boolean; nearEnd: boolean } {
  return { nearStart: range.start <= threshold, nearEnd: count - range.end <= threshold };
}

/** The scrollTop that brings held row `index` into view, or null when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number, padTop: number, headerHeight = 0): number | null {
  const rowTop = padTop + index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  const visibleBottom = scrollTop + viewportHeight - headerHeight;
  if (rowBottom > visibleBottom) return rowBottom - viewportHeight + headerHeight;
  return null;
}
