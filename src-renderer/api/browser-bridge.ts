// Browser mode: the same two-function bridge the Electron preload exposes, over loopback HTTP and a
// WebSocket. The session lives in an HttpOnly cookie, so page script never sees a bearer token.
// Cookies are also sent to other ports of 127.0.0.1, so every call carries the launch token too,
// kept in this tab's sessionStorage (which no other origin, port included, can read).
import { LAUNCH_HEADER, type EventSocketHello } from '../../src-shared/browser-transport';
import { EVENT_NAMES, type EventName, type VigilBridge } from '../../src-shared/events';
import type { InvokeResult } from '../../src-shared/errors';

type Listener = (payload: unknown) => void;

/** Channels after which the session cookie changed: the event socket reconnects to follow it. */
const SESSION_CHANGING = new Set(['setup.initialize', 'auth.login', 'auth.recover', 'auth.logout']);
const LAUNCH_TOKEN_KEY = 'vigil.launchToken';

/**
 * The launch token from the printed address (`/?token=…`), moved into sessionStorage and dropped
 * from the address bar; after a reload, the stored one. Null when the tab was opened without it.
 */
function takeLaunchToken(): string | null {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress) {
    window.sessionStorage.setItem(LAUNCH_TOKEN_KEY, fromAddress);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromAddress;
  }
  return window.sessionStorage.getItem(LAUNCH_TOKEN_KEY);
}

export function createBrowserBridge(): VigilBridge {
  const launchToken = takeLaunchToken();
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
      const hello: EventSocketHello = { type: 'hello', launchToken: launchToken ?? '' };
      current.send(JSON.stringify(hello));
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
    async invoke(channel, input, options) {
      if (launchToken === null) {
        const refused: InvokeResult<never> = {
          ok: false, error: { code: 'AUTH_REQUIRED', message: 'Open the address printed by `vigil serve` (it carries the launch token).' },
        };
        return refused;
      }
      const response = await fetch('/api/invoke', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', [LAUNCH_HEADER]: launchToken },
        body: JSON.stringify({ channel, input, ...(options?.background ? { background: true } : {}) }),
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
