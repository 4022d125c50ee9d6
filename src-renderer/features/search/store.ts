// Search: the last query and its results, the user's recent queries and saved queries.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { QueryHistoryItem, SavedQuery, SearchResults } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

interface SearchStore {
  query: string;
  results: SearchResults | null;
  status: LoadStatus;
  error: string | null;
  history: QueryHistoryItem[];
  saved: SavedQuery[];
  listsError: string | null;
  run(query: string): Promise<void>;
  loadLists(): Promise<void>;
  save(name: string, query: string): Promise<void>;
  deleteSaved(id: string): Promise<void>;
  reset(): void;
}

const initial = {
  query: '', results: null, status: 'idle' as LoadStatus, error: null, history: [] as QueryHistoryItem[], saved: [] as SavedQuery[], listsError: null,
};

export const useSearchStore = create<SearchStore>()((set, get) => {
  let latest = 0;
  return {
    ...initial,

    async run(query) {
      const read = ++latest;
      set({ query, status: 'loading', error: null });
      try {
        const results = await api.invoke('search.query', { query, limit: 200 });
        if (read !== latest) return;
        set({ results, status: 'ready' });
        // The server records the query in history; show it without waiting for the next visit.
        void get().loadLists();
      } catch (error) {
        if (read !== latest) return;
        set({ status: 'failed', error: describeError(error).message, results: null });
      }
    },

    async loadLists() {
      const read = latest;
      try {
        const [history, saved] = await Promise.all([api.invoke('search.history', {}), api.invoke('search.savedList', {})]);
        if (read === latest) set({ history, saved, listsError: null });
      } catch (error) {
        if (read === latest) set({ listsError: describeError(error).message });
      }
    },

    async save(name, query) {
      const saved = await api.invoke('search.save', { name, query });
      set({ saved: [saved, ...get().saved.filter((item) => item.id !== saved.id)] });
    },

    async deleteSaved(id) {
      await api.invoke('search.deleteSaved', { savedQueryId: id });
      set({ saved: get().saved.filter((item) => item.id !== id) });
    },

    reset() {
      latest += 1;
      set(initial);
    },
  };
});

registerSessionStore('search', useSearchStore, () => useSearchStore.getState().reset());
