// Search: the last query and its results, the user's recent queries and saved queries.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { QueryHistoryItem, SavedQuery, SearchResults } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';

export interface QueryLists {
  history: QueryHistoryItem[];
  saved: SavedQuery[];
}

interface SearchStore {
  query: string;
  results: AsyncSlot<SearchResults | null>;
  lists: AsyncSlot<QueryLists>;
  run(query: string): Promise<void>;
  loadLists(): Promise<void>;
  save(name: string, query: string): Promise<void>;
  deleteSaved(id: string): Promise<void>;
  reset(): void;
}

const NO_LISTS: QueryLists = { history: [], saved: [] };
const initial = { query: '', results: idleSlot<SearchResults | null>(null), lists: idleSlot(NO_LISTS) };

export const useSearchStore = create<SearchStore>()((set, get) => {
  const results = createSlotLoader<SearchResults | null>(null, () => get().results, (slot) => set({ results: slot }));
  const lists = createSlotLoader(NO_LISTS, () => get().lists, (slot) => set({ lists: slot }));
  const withSaved = (change: (saved: SavedQuery[]) => SavedQuery[]) => {
    const held = get().lists;
    return { lists: { ...held, data: { ...held.data, saved: change(held.data.saved) } } };
  };

  return {
    ...initial,

    async run(query) {
      set({ query });
      // The last query's results stay on screen while the new ones are on their way, not beside its error.
      const found = await results.load(() => api.invoke('search.query', { query, limit: 200 }), { keepData: true, emptyOnFailure: true });
      // The server records the query in history; show it without waiting for the next visit.
      if (found) void get().loadLists();
    },

    async loadLists() {
      await lists.load(async () => {
        const [history, saved] = await Promise.all([api.invoke('search.history', {}), api.invoke('search.savedList', {})]);
        return { history, saved };
      }, { keepData: true });
    },

    async save(name, query) {
      const current = sameSession();
      const saved = await api.invoke('search.save', { name, query });
      if (current()) set(withSaved((list) => [saved, ...list.filter((item) => item.id !== saved.id)]));
    },

    async deleteSaved(id) {
      const current = sameSession();
      await api.invoke('search.deleteSaved', { savedQueryId: id });
      if (current()) set(withSaved((list) => list.filter((item) => item.id !== id)));
    },

    reset() {
      results.cancel();
      lists.cancel();
      set(initial);
    },
  };
});

registerSessionStore('search', useSearchStore, () => useSearchStore.getState().reset());
