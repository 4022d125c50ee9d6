// The investigations list: the applied filter, keyset pages ("Load more"), the total, and creating
// a new investigation (which the caller then opens).
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { InvestigationDetail, InvestigationSummary } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';
import { DEFAULT_LIST_FILTER, listQuery, type ListFilterDraft } from './list-filter';

const PAGE = 50;

interface InvestigationsStore {
  filter: ListFilterDraft;
  rows: InvestigationSummary[];
  next: { updatedAt: number; id: string } | null;
  total: number | null;
  status: LoadStatus;
  loadError: string | null;
  moreStatus: LoadStatus;
  apply(filter: ListFilterDraft): Promise<void>;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  create(input: ChannelInput<'investigations.create'>): Promise<InvestigationDetail>;
  reset(): void;
}

export const useInvestigationsStore = create<InvestigationsStore>()((set, get) => {
  /** Which read is current: an older answer arriving late is dropped. */
  let generation = 0;

  const initial = {
    filter: DEFAULT_LIST_FILTER,
    rows: [] as InvestigationSummary[],
    next: null,
    total: null,
    status: 'idle' as LoadStatus,
    loadError: null,
    moreStatus: 'idle' as LoadStatus,
  };

  return {
    filter: DEFAULT_LIST_FILTER,
    rows: [],
    next: null,
    total: null,
    status: 'idle',
    loadError: null,
    moreStatus: 'idle',

    async apply(filter) {
      const mine = ++generation;
      set({ filter, status: 'loading', loadError: null, moreStatus: 'idle' });
      try {
        const page = await api.invoke('investigations.list', { ...listQuery(filter), limit: PAGE });
        if (mine === generation) set({ rows: page.rows, next: page.next, total: page.total, status: 'ready' });
      } catch (error) {
        if (mine === generation) set({ rows: [], next: null, total: null, status: 'failed', loadError: describeError(error).message });
      }
    },

    async reload() {
      await get().apply(get().filter);
    },

    async loadMore() {
      const { next, filter, rows } = get();
      if (!next) return;
      const mine = generation;
      set({ moreStatus: 'loading' });
      try {
        const page = await api.invoke('investigations.list', { ...listQuery(filter), limit: PAGE, after: next });
        if (mine !== generation) return;
        const seen = new Set(rows.map((row) => row.id));
        set({ rows: [...rows, ...page.rows.filter((row) => !seen.has(row.id))], next: page.next, total: page.total, moreStatus: 'ready' });
      } catch (error) {
        if (mine === generation) set({ moreStatus: 'failed' });
        throw error;
      }
    },

    async create(input) {
      const detail = await api.invoke('investigations.create', input);
      void get().reload();
      return detail;
    },

    reset() {
      generation += 1;
      set(initial);
    },
  };
});

registerSessionStore('investigations', useInvestigationsStore, () => useInvestigationsStore.getState().reset());
