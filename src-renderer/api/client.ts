// The renderer's typed api: `api.invoke('users.list', {})` is checked against the contract.
// Uses the Electron preload's bridge when present, else the browser-mode bridge.
import type { EventMap, EventName, VigilBridge } from '../../src-shared/events';
import type { InvokeResult } from '../../src-shared/errors';
import { createTypedClient } from '../../src-shared/typed-client';
import { createBrowserBridge } from './browser-bridge';
import { inBackgroundNow } from './background-calls';

declare global {
  interface Window {
    vigil?: VigilBridge;
  }
}

const bridge: VigilBridge = window.vigil ?? createBrowserBridge();

export const api = createTypedClient(
  (channel, input) => bridge.invoke(channel, input, inBackgroundNow() ? { background: true } : undefined) as Promise<InvokeResult<unknown>>,
);

export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return bridge.on(event, (payload) => listener(payload as EventMap[E]));
}
