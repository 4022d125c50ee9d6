// The investigations list: the applied filter, keyset pages ("Load more"), the total, and creating
// a new investigation (which the caller then opens).
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { InvestigationDetail, InvestigationPage, InvestigationSummary } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, type AsyncSlot, type LoadStatus } from '../../kit/async-slot';
import { DEFAULT_LIST_FILTER, listQuery, type ListFilterDraft } from './list-filter';
import { refreshListRows } from './live-refresh';
import { whenDataChanges } from '../../kit/live-data';

const PAGE = 50;

export interface InvestigationList {
  rows: InvestigationSummary[];
  next: InvestigationPage['next'];
  total: number | null;
  /** Rows a change elsewhere took out of the filter (live-refresh.ts). */
  left: ReadonlySet<string>;
}

interface InvestigationsStore {
  filter: ListFilterDraft;
  list: AsyncSlot<InvestigationList>;
  /** "Load more": its failure is reported by the button that asked (the call rejects). */
  moreStatus: LoadStatus;
  apply(filter: ListFilterDraft): Promise<void>;
  reload(): Promise<void>;
  /** Rereads the rows shown and the total in place (another window changed investigations). */
  refreshInPlace(): Promise<void>;
  loadMore(): Promise<void>;
  create(input: ChannelInput<'investigations.create'>): Promise<InvestigationDetail>;
  /** Takes a case: assigned to me and in progress (main decides both, from the session). */
  startWork(investigationId: string): Promise<InvestigationDetail>;
  reset(): void;
}

const NO_LIST: InvestigationList = { rows: [], next: null, total: null, left: new Set() };
/** The contract's largest page. */
const MAX_PAGE = 200;
const initial = { filter: DEFAULT_LIST_FILTER, list: idleSlot(NO_LIST), moreStatus: 'idle' as LoadStatus };

export const useInvestigationsStore = create<InvestigationsStore>()((set, get) => {
  // A newer filter supersedes an older read, and the pages that follow it.
  const list = createSlotLoader(NO_LIST, () => get().list, (slot) => set({ list: slot }));

  return {
    ...initial,

    async apply(filter) {
      set({ filter, moreStatus: 'idle' });
      // The rows shown stay until the new ones arrive; a filter that could not be applied shows none.
      await list.load(async () => {
        const page: InvestigationPage = await api.invoke('investigations.list', { ...listQuery(filter), limit: PAGE });
        return { rows: page.rows, next: page.next, total: page.total, left: NO_LIST.left };
      }, { keepData: true, emptyOnFailure: true });
    },

    async reload() {
      await get().apply(get().filter);
    },

    async refreshInPlace() {
      const { list: held, filter } = get();
      if (held.status !== 'ready') return;
      if (held.data.rows.length === 0) return get().reload();
      const current = list.follow();
      // As many rows as are shown and a page more, so a case that moved a little is still found.
      const wanted = held.data.rows.length + PAGE;
      const fresh: InvestigationSummary[] = [];
      let after: InvestigationList['next'] = null;
      let total: number | null = held.data.total;
      do {
        const page: InvestigationPage = await api.invoke('investigations.list', { ...listQuery(filter), limit: Math.min(MAX_PAGE, wanted - fresh.length), ...(after ? { after } : {}) });
        if (!current()) return;
        fresh.push(...page.rows);
        after = page.next;
        total = page.total;
      } while (after && fresh.length < wanted);
      const now = get().list.data;
      const refreshed = refreshListRows(now.rows, now.left, fresh, after === null);
      set({ list: { ...get().list, data: { ...now, rows: refreshed.rows, left: refreshed.left, total } } });
    },

    async loadMore() {
      const { list: held, filter } = get();
      if (!held.data.next) return;
      const current = list.follow();
      set({ moreStatus: 'loading' });
      try {
        const page: InvestigationPage = await api.invoke('investigations.list', { ...listQuery(filter), limit: PAGE, after: held.data.next });
        if (!current()) return;
        const { rows } = get().list.data;
        const seen = new Set(rows.map((row) => row.id));
        set({
          list: { ...get().list, data: { ...get().list.data, rows: [...rows, ...page.rows.filter((row) => !seen.has(row.id))], next: page.next, total: page.total } },
          moreStatus: 'ready',
        });
      } catch (error) {
        if (current()) set({ moreStatus: 'failed' });
        throw error;
      }
    },

    async create(input) {
      const detail = await api.invoke('investigations.create', input);
      void get().reload();
      return detail;
    },

    async startWork(investigationId) {
      const detail = await api.invoke('investigations.startWork', { investigationId });
      void get().reload();
      return detail;
    },

    reset() {
      list.cancel();
      set(initial);
    },
  };
});

registerSessionStore('investigations', useInvestigationsStore, () => useInvestigationsStore.getState().reset());
whenDataChanges('investigations', () => useInvestigationsStore.getState().refreshInPlace());
