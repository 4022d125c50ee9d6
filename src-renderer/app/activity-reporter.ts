// Keeps main's idle clock in step with the person at the keyboard, both ways:
// - reports activity (throttled: at most one auth.touch per TOUCH_INTERVAL_MS), so the idle lock
//   measures real inactivity rather than time since the last api call;
// - when the idle lock is due by the local clock, asks main for the session state, so the lock
//   screen appears on time even if main's session.changed push is late or never comes (main may
//   sweep idle sessions lazily, on the next call).
import { useEffect } from 'react';
import { api } from '../api/client';
import { VigilError } from '../../src-shared/errors';
import { useSessionStore } from '../kit/session-store';
import { createTouchThrottle } from './touch-throttle';

export const TOUCH_INTERVAL_MS = 20_000;
/** Asked a little after the deadline, so main's own clock has certainly passed it too. */
const IDLE_CHECK_GRACE_MS = 1_000;

const ACTIVITY_EVENTS = ['mousemove', 'keydown', 'pointerdown', 'wheel'] as const;

const refreshSession = () => {
  // A failed re-read leaves the screen as it is; the next call or push corrects it.
  useSessionStore.getState().refresh().catch(() => undefined);
};

/** While a session is active (idleLockSeconds not null), reports activity and watches the idle deadline. */
export function useActivityReporter(idleLockSeconds: number | null): void {
  useEffect(() => {
    if (idleLockSeconds === null) return;
    const idleMs = idleLockSeconds * 1000;
    const touchDue = createTouchThrottle(TOUCH_INTERVAL_MS, () => Date.now());
    let lastActivity = Date.now();
    let timer = 0;

    const armIdleCheck = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(checkIdle, Math.max(0, lastActivity + idleMs + IDLE_CHECK_GRACE_MS - Date.now()));
    };
    const checkIdle = () => {
      if (Date.now() - lastActivity < idleMs + IDLE_CHECK_GRACE_MS) {
        armIdleCheck();
        return;
      }
      // Main's clock may have seen activity later than this window did (a call that finished late):
      // app.status does not count as activity, so the next check, an idle period on, finds it locked.
      lastActivity = Date.now();
      refreshSession();
      armIdleCheck();
    };
    const onActivity = () => {
      lastActivity = Date.now();
      if (!touchDue()) return;
      api.invoke('auth.touch', {}).catch((error: unknown) => {
        // Refused: the session locked or ended meanwhile; show that now rather than at the next click.
        if (error instanceof VigilError) refreshSession();
      });
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    armIdleCheck();
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleLockSeconds]);
}
