// How often the activity reporter may tell main the person is still there. Kept apart from the
// reporter (which needs the api bridge and window) so it stays pure and testable with a fake clock.

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
