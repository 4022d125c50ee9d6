// Live PII reveals for the signed-in user: which masked entities they may see in clear, until when.
// Main holds the truth (a reveal is audited and time-limited there); this store mirrors it so every
// MaskedValue on screen can show the revealed value without asking main one by one.
// Key lifetime: revealed values are held in memory only until they expire, sign-out or reload.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { PiiReveal } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';

interface PiiStore {
  /** Live reveals by entity id. */
  reveals: AsyncSlot<Record<string, PiiReveal>>;
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

const NO_REVEALS: Record<string, PiiReveal> = {};
const initial = { reveals: idleSlot(NO_REVEALS), ownerId: null };

export const usePiiStore = create<PiiStore>()((set, get) => {
  // An answer that arrives after a newer read, or after the reset on lock, is dropped, never
  // written back.
  const reveals = createSlotLoader(NO_REVEALS, () => get().reveals, (slot) => set({ reveals: slot }));
  const withReveals = (list: PiiReveal[]) => ({ reveals: { ...get().reveals, data: Object.fromEntries(list.map((reveal) => [reveal.entityId, reveal])) } });

  return {
    ...initial,

    ensureLoaded(sessionId) {
      const { ownerId, reveals: held } = get();
      if (ownerId === sessionId && held.status !== 'idle') return;
      set({ ...initial, ownerId: sessionId });
      void get().load();
    },

    async load() {
      await reveals.load(async () => {
        const list = await api.invoke('pii.reveals', {});
        return Object.fromEntries(list.map((reveal) => [reveal.entityId, reveal]));
      }, { keepData: true });
    },

    async reveal(entityId, purpose) {
      const current = sameSession();
      const reveal = await api.invoke('pii.reveal', { entityId, purpose });
      if (current()) set(withReveals([...Object.values(get().reveals.data).filter((held) => held.entityId !== reveal.entityId), reveal]));
      return reveal;
    },

    dropExpired(now) {
      const held = Object.values(get().reveals.data);
      const live = held.filter((reveal) => reveal.expiresAt > now);
      if (live.length !== held.length) set(withReveals(live));
    },

    reset() {
      reveals.cancel();
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
