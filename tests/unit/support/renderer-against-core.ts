// The renderer's stores driven against a real core in-process, as the browser mode would: the api
// client module is replaced (vi.mock with apiThroughCore) by one that sends each call through the
// client of whoever `atTheWindow` says is signed in to the window.
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { addUser, makeTestVault, setUpVault, type TestVault } from './test-core';

/** Whose session the window's calls run in; a test switches it to act as someone else. */
export const atTheWindow: { client: InProcessClient | null } = { client: null };

/** The api client module's stand-in: `vi.mock('…/src-renderer/api/client', async () => (await import('…/support/renderer-against-core')).apiThroughCore())`. */
export function apiThroughCore() {
  return {
    api: {
      invoke(channel: string, input: unknown) {
        if (!atTheWindow.client) throw new Error('no client');
        return (atTheWindow.client.invoke as (channel: string, input: unknown) => Promise<unknown>)(channel, input);
      },
    },
    onEvent: () => () => undefined,
  };
}

/** A fresh, set-up vault with an analyst (alice) signed in at the window. */
export async function analystAtTheWindow(): Promise<{ vault: TestVault; admin: InProcessClient; analyst: InProcessClient }> {
  const vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const analyst = await addUser(vault, admin, 'alice', 'analyst');
  atTheWindow.client = analyst;
  return { vault, admin, analyst };
}
