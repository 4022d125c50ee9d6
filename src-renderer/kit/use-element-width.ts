// The inner width of an element, followed as the window or a side panel changes it (null until measured).
import { useEffect, useState, type RefObject } from 'react';

/** Follows `element`'s inner width into `setWidth`, now and at each change, until the returned cleanup runs. */
function followWidth(element: HTMLElement, setWidth: (width: number) => void): () => void {
  const observer = new ResizeObserver(() => setWidth(element.clientWidth));
  observer.observe(element);
  setWidth(element.clientWidth);
  return () => observer.disconnect();
}

export function useElementWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => (ref.current ? followWidth(ref.current, setWidth) : undefined), [ref]);
  return width;
}

/**
 * The same for an element that mounts after its component does (inside a loading state, which the
 * effect above would miss): give the returned callback as the element's ref.
 */
export function useWidthOf(): [(element: HTMLElement | null) => void, number | null] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => (element ? followWidth(element, setWidth) : undefined), [element]);
  return [setElement, width];
}
