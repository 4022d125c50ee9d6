// Live sessions across the vault, for administrators.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { SessionSummary } from '../../../src-shared/model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

interface SessionsStore {
  sessions: SessionSummary[];
  status: LoadStatus;
  loadError: string | null;
  /** When the list was last read, so the screen can say how fresh it is. */
  loadedAt: number | null;
  load(): Promise<void>;
  end(sessionId: string): Promise<void>;
  reset(): void;
}

const initial = { sessions: [] as SessionSummary[], status: 'idle' as LoadStatus, loadError: null, loadedAt: null };

export const useSessionsStore = create<SessionsStore>()((set, get) => ({
  ...initial,

  async load() {
    const since = sessionEpoch();
    set({ status: 'loading', loadError: null });
    try {
      const sessions = await api.invoke('sessions.list', {});
      if (since === sessionEpoch()) set({ sessions, status: 'ready', loadedAt: Date.now() });
    } catch (error) {
      if (since === sessionEpoch()) set({ status: 'failed', loadError: describeError(error).message });
    }
  },

  async end(sessionId) {
    const since = sessionEpoch();
    await api.invoke('sessions.end', { sessionId });
    if (since === sessionEpoch()) set({ sessions: get().sessions.filter((session) => session.sessionId !== sessionId) });
  },

  reset() {
    set(initial);
  },
}));

registerSessionStore('sessions', useSessionsStore);
