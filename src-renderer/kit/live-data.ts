// Main announces vault changes (data.changed, already merged per topic within a fifth of a second);
// a store rereads what it holds. One reread per store at a time: announcements that arrive while it
// runs fold into a single reread after it, so a busy team never queues rereads behind each other.
// Rereads are background calls: they do not count as the person's activity (api/background-calls.ts).
import { onEvent } from '../api/client';
import { inBackground } from '../api/background-calls';
import type { DataChange, DataTopic } from '../../src-shared/events';

/** What the next reread covers: the investigations named, or every one ('any'). */
type Scope = ReadonlySet<string> | 'any';

function widen(scope: Scope | null, change: DataChange): Scope {
  if (scope === 'any' || !change.investigationIds) return 'any';
  return new Set([...(scope ?? []), ...change.investigationIds]);
}

/** Whether a change in `scope` touches the investigation `id`. */
export function touches(scope: Scope, id: string | null): boolean {
  return id !== null && (scope === 'any' || scope.has(id));
}

/**
 * Runs `reread` when main announces `topic` (or any of several: a screen summing alerts and
 * investigations rereads once for both), never two at once; `scope` says which investigations the
 * announcements named. Returns the unsubscribe.
 */
export function whenDataChanges(topic: DataTopic | readonly DataTopic[], reread: (scope: Scope) => Promise<void> | void): () => void {
  const topics: readonly DataTopic[] = typeof topic === 'string' ? [topic] : topic;
  let running = false;
  let waiting: Scope | null = null;

  const drain = async () => {
    running = true;
    try {
      while (waiting !== null) {
        const scope = waiting;
        waiting = null;
        try {
          await inBackground(() => reread(scope));
        } catch {
          // A failed reread leaves the screen as it was; the next change or an explicit reload tries again.
        }
      }
    } finally {
      running = false;
    }
  };

  return onEvent('data.changed', (change) => {
    if (!topics.includes(change.topic)) return;
    waiting = widen(waiting, change);
    if (!running) void drain();
  });
}
