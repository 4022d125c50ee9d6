// Tells main the user is here, so its idle lock measures real inactivity rather than time since the
// last api call. Reports are throttled: at most one auth.touch per TOUCH_INTERVAL_MS.
import { useEffect } from 'react';
import { api } from '../api/client';

export const TOUCH_INTERVAL_MS = 20_000;

const ACTIVITY_EVENTS = ['mousemove', 'keydown', 'pointerdown', 'wheel'] as const;

/** Leading-edge throttle over an injected clock: true when a report is due now. */
export function createTouchThrottle(intervalMs: number, now: () => number): () => boolean {
  let lastReport = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - lastReport < intervalMs) return false;
    lastReport = at;
    return true;
  };
}

/** While `enabled`, reports activity on the window. */
export function useActivityReporter(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const due = createTouchThrottle(TOUCH_INTERVAL_MS, () => Date.now());
    const report = () => {
      if (!due()) return;
      // A refused touch means the session already locked or ended; its session.changed push
      // moves the screen, so there is nothing to do here.
      api.invoke('auth.touch', {}).catch(() => undefined);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, report, { passive: true, capture: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, report, { capture: true });
    };
  }, [enabled]);
}
