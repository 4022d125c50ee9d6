// Live PII reveals for the signed-in user: which masked entities they may see in clear, until when.
// Main holds the truth (a reveal is audited and time-limited there); this store mirrors it so every
// MaskedValue on screen can show the revealed value without asking main one by one.
// Key lifetime: revealed values are held in memory only until they expire, sign-out or reload.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { PiiReveal } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

interface PiiStore {
  /** Live reveals by entity id. */
  reveals: Record<string, PiiReveal>;
  status: LoadStatus;
  loadError: string | null;
  /** The session the reveals were read in: main ends reveals at sign-out, so a new session reloads. */
  ownerId: string | null;
  /** Loads the list once per session; cheap to call from every MaskedValue. */
  ensureLoaded(sessionId: string): void;
  load(): Promise<void>;
  /** Asks main to reveal one entity for a stated purpose; resolves with the reveal. */
  reveal(entityId: string, purpose: string): Promise<PiiReveal>;
  /** Drops reveals whose time is up (main would refuse them anyway). */
  dropExpired(now: number): void;
  reset(): void;
}

const initial = { reveals: {} as Record<string, PiiReveal>, status: 'idle' as LoadStatus, loadError: null, ownerId: null };

export const usePiiStore = create<PiiStore>()((set, get) => {
  // An answer that arrives after a newer read, or after the reset on lock, is dropped, never
  // written back.
  let latestRead = 0;
  let epoch = 0;

  return {
    ...initial,

    ensureLoaded(sessionId) {
      const { ownerId, status } = get();
      if (ownerId === sessionId && status !== 'idle') return;
      set({ ...initial, ownerId: sessionId });
      void get().load();
    },

    async load() {
      const read = ++latestRead;
      set({ status: 'loading', loadError: null });
      try {
        const list = await api.invoke('pii.reveals', {});
        if (read === latestRead) set({ reveals: Object.fromEntries(list.map((reveal) => [reveal.entityId, reveal])), status: 'ready' });
      } catch (error) {
        if (read === latestRead) set({ status: 'failed', loadError: describeError(error).message });
      }
    },

    async reveal(entityId, purpose) {
      const since = epoch;
      const reveal = await api.invoke('pii.reveal', { entityId, purpose });
      if (since === epoch) set({ reveals: { ...get().reveals, [reveal.entityId]: reveal } });
      return reveal;
    },

    dropExpired(now) {
      const reveals = get().reveals;
      const live = Object.values(reveals).filter((reveal) => reveal.expiresAt > now);
      if (live.length !== Object.keys(reveals).length) set({ reveals: Object.fromEntries(live.map((reveal) => [reveal.entityId, reveal])) });
    },

    reset() {
      latestRead += 1;
      epoch += 1;
      set(initial);
    },
  };
});

registerSessionStore('pii', usePiiStore, () => usePiiStore.getState().reset());

/** The live reveal for an entity at `now`, or null. */
export function liveReveal(reveals: Record<string, PiiReveal>, entityId: string, now: number): PiiReveal | null {
  const reveal = reveals[entityId];
  return reveal && reveal.expiresAt > now ? reveal : null;
}
