// Routes server-pushed events to the windows of one session, or to every window.
import type { EventMap, EventName } from '../../src-shared/events';

/**
 * Whom an event reaches: one session's windows; 'all' signed-in windows; 'every-window', signed in or
 * not (a sign-in screen), only for events that carry nothing from the vault (an upgrade's progress).
 */
export type EventTarget = { sessionId: string } | 'all' | 'every-window';
export type EventSink = <E extends EventName>(target: EventTarget, event: E, payload: EventMap[E]) => void;

export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(target: EventTarget, event: E, payload: EventMap[E]): void {
    for (const sink of this.sinks) sink(target, event, payload);
  }
}
