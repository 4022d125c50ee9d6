// Tells every window that vault data changed, a few times a second at most: writes announce a
// topic (and, for investigations, the ids touched); announcements of one topic within the window
// are merged into one event. An import of a million alerts is one call and one event; a burst of
// verdicts from three analysts is one event per window rather than one per click.
import type { DataChange, DataTopic } from '../../src-shared/events';

/** Long enough to merge a burst of clicks, short enough that another window shows them at once. */
export const ANNOUNCE_WINDOW_MS = 200;

export interface AnnouncerTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: AnnouncerTimers = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A pending announcement never keeps the process (CLI, tests) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What is waiting to be said about one topic: the ids touched, or 'any' when one write did not say. */
interface Pending {
  ids: Set<string> | 'any';
  timer: unknown;
}

export class DataChangeAnnouncer {
  private readonly pending = new Map<DataTopic, Pending>();

  constructor(
    private readonly emit: (change: DataChange) => void,
    private readonly timers: AnnouncerTimers = realTimers,
    private readonly windowMs: number = ANNOUNCE_WINDOW_MS,
  ) {}

  /** Notes a committed change; the event leaves at the end of this topic's window. */
  announce(change: DataChange): void {
    const held = this.pending.get(change.topic);
    const ids = change.investigationIds;
    if (held) {
      if (held.ids !== 'any') {
        if (ids) for (const id of ids) held.ids.add(id);
        else held.ids = 'any';
      }
      return;
    }
    this.pending.set(change.topic, {
      ids: ids ? new Set(ids) : 'any',
      timer: this.timers.setTimeout(() => this.flushTopic(change.topic), this.windowMs),
    });
  }

  /** Sends everything waiting now (closing the app, tests). */
  flush(): void {
    for (const topic of [...this.pending.keys()]) this.flushTopic(topic);
  }

  /** Drops what is waiting without sending it (the core is closing and no window listens). */
  dispose(): void {
    for (const held of this.pending.values()) this.timers.clearTimeout(held.timer);
    this.pending.clear();
  }

  private flushTopic(topic: DataTopic): void {
    const held = this.pending.get(topic);
    if (!held) return;
    this.pending.delete(topic);
    this.timers.clearTimeout(held.timer);
    this.emit(held.ids === 'any' ? { topic } : { topic, investigationIds: [...held.ids] });
  }
}
