// Browser mode: the same two-function bridge the Electron preload exposes, over loopback HTTP and a
// WebSocket. The session lives in an HttpOnly cookie, so page script never sees a bearer token.
import { EVENT_NAMES, type EventName, type VigilBridge } from '../../src-shared/events';

type Listener = (payload: unknown) => void;

/** Channels after which the session cookie changed: the event socket reconnects to follow it. */
const SESSION_CHANGING = new Set(['setup.initialize', 'auth.login', 'auth.recover', 'auth.logout']);

export function createBrowserBridge(): VigilBridge {
  const listeners = new Map<EventName, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    const url = new URL('/api/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      retryMs = 500;
    };
    current.onmessage = (message) => {
      const data = parseEvent(message.data);
      if (!data) return;
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    };
    current.onclose = () => {
      if (socket !== current) return;
      window.setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  const reconnect = () => {
    const old = socket;
    socket = null;
    old?.close();
    connect();
  };
  connect();

  return {
    async invoke(channel, input) {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      });
      const result: unknown = await response.json();
      if (SESSION_CHANGING.has(channel)) reconnect();
      return result;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

function parseEvent(raw: unknown): { event: EventName; payload: unknown } | null {
  if (typeof raw !== 'string') return null;
  try {
    const data = JSON.parse(raw) as { event?: unknown; payload?: unknown };
    return (EVENT_NAMES as readonly unknown[]).includes(data.event) ? { event: data.event as EventName, payload: data.payload } : null;
  } catch {
    return null;
  }
}
