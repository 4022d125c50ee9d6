// A caller living in the main process itself (the CLI, tests): it holds its own session token.
import { createTypedClient, type TypedClient } from '../../src-shared/typed-client';
import type { Caller, Router } from './router';

export interface InProcessClient extends TypedClient {
  readonly caller: Caller;
}

export function createInProcessClient(router: Router, client = 'cli'): InProcessClient {
  const caller: Caller = {
    token: null,
    client,
    bindSession(token) {
      caller.token = token;
    },
    clearSession() {
      caller.token = null;
    },
  };
  const typed = createTypedClient((channel, input) => router.invoke(channel, input, caller));
  return { ...typed, caller };
}
