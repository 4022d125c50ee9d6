// Search: the last query and its results, the user's recent queries and saved queries.
import { create } from 'zustand';
import { api } from '../../api/client';
import type { QueryHistoryItem, SavedQuery, SearchResults } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../app/load-status';

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
}

export const useSearchStore = create<SearchStore>()((set, get) => {
  let latest = 0;
  return {
    query: '', results: null, status: 'idle', error: null, history: [], saved: [], listsError: null,

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
      try {
        const [history, saved] = await Promise.all([api.invoke('search.history', {}), api.invoke('search.savedList', {})]);
        set({ history, saved, listsError: null });
      } catch (error) {
        set({ listsError: describeError(error).message });
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
  };
});
