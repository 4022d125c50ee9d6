// Calls the window makes on its own (rereads after main's announcements) are marked as such, so
// main does not count them as the person's activity: a team's steady changes must not keep an
// unattended window from its idle lock. A count rather than a flag, so overlapping rereads nest.
// A call the person makes while a reread runs is marked too; that costs nothing, since their
// input itself reports their activity (app/activity-reporter.ts).
let depth = 0;

export function inBackgroundNow(): boolean {
  return depth > 0;
}

/** Runs `work` with every call it makes marked as background. */
export async function inBackground<T>(work: () => Promise<T> | T): Promise<T> {
  depth += 1;
  try {
    return await work();
  } finally {
    depth -= 1;
  }
}
