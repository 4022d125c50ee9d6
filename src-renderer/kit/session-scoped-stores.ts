// The one list of stores that hold what a session read from the vault (rows, details, reveals,
// results, admin lists, secrets being enrolled). Every such store joins it where it is created;
// when the session locks, ends (sign-out, expiry, ended elsewhere) or another user signs in, every
// member goes back to its initial state, like Bitwarden's clearOn: ["lock", "logout"]. A single
// registry rather than lists kept by hand: a list kept by hand forgot the triage queue, the alert
// detail, PII reveals, entities and search.
import type { StoreApi } from 'zustand';
import { useSessionStore, type SessionStore } from './session-store';

interface Member {
  store: StoreApi<unknown>;
  /** Forgets what the store keeps outside its state (read counters, upload ids, timers). */
  forget: (() => void) | null;
}

const members = new Map<string, Member>();
let epoch = 0;

/**
 * Counts resets. Stores do not compare it themselves: the async slot (async-slot.ts: the loader and
 * sameSession()) notes it before awaiting main and writes the answer only if it is unchanged, so an
 * answer read before a lock is not written back after it.
 */
export function sessionEpoch(): number {
  return epoch;
}

/**
 * Joins `store` to the session scope under `name`. `forget` runs before the reset, for state held
 * in the store's closure (e.g. bumping a read counter, so an answer already on its way is dropped
 * rather than written back after the lock).
 */
export function registerSessionStore<T>(name: string, store: StoreApi<T>, forget?: () => void): void {
  // By name, so a module loaded again (hot reload in development) replaces its old store.
  members.set(name, { store: store as StoreApi<unknown>, forget: forget ?? null });
}

/** Every member back to the state it was created with. */
export function resetSessionStores(): void {
  epoch += 1;
  for (const member of members.values()) {
    member.forget?.();
    member.store.setState(member.store.getInitialState(), true);
  }
}

/** Whether the change leaves the vault's data out of reach of the person who read it. */
export function leavesSession(previous: SessionStore, state: SessionStore): boolean {
  const wasActive = previous.session?.state === 'active';
  const isActive = state.session?.state === 'active';
  return (wasActive && !isActive) || previous.session?.userId !== state.session?.userId;
}

// Subscribed here, once, as soon as the first member module loads: the reset cannot depend on a
// screen having been opened or a hook having run.
useSessionStore.subscribe((state, previous) => {
  if (leavesSession(previous, state)) resetSessionStores();
});
