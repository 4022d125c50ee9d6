// Live sessions across the vault, for administrators.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { api } from '../../api/client';
import type { SessionSummary } from '../../../src-shared/model';

interface SessionsStore {
  sessions: AsyncSlot<SessionSummary[]>;
  /** When the list was last read, so the screen can say how fresh it is. */
  loadedAt: number | null;
  load(): Promise<void>;
  end(sessionId: string): Promise<void>;
  reset(): void;
}

const initial = { sessions: idleSlot<SessionSummary[]>([]), loadedAt: null };

export const useSessionsStore = create<SessionsStore>()((set, get) => {
  const sessions = createSlotLoader<SessionSummary[]>([], () => get().sessions, (slot) => set({ sessions: slot }));

  return {
    ...initial,

    async load() {
      if (await sessions.load(() => api.invoke('sessions.list', {}), { keepData: true })) set({ loadedAt: Date.now() });
    },

    async end(sessionId) {
      const current = sameSession();
      await api.invoke('sessions.end', { sessionId });
      const slot = get().sessions;
      if (current()) set({ sessions: { ...slot, data: slot.data.filter((session) => session.sessionId !== sessionId) } });
    },

    reset() {
      sessions.cancel();
      set(initial);
    },
  };
});

registerSessionStore('sessions', useSessionsStore);
