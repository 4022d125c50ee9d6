// Each list's column choices for the signed-in user: read once per table, changed at once on screen
// and saved in main (a drag saves when it ends). Cleared on sign-out with the other session stores.
import { create } from 'zustand';
import { api } from '../api/client';
import type { TableColumns } from '../../src-shared/my-work-contract';
import { registerSessionStore } from './session-scoped-stores';

export type ColumnTable = 'triage' | 'investigations';

const NONE: TableColumns = { hidden: [], widths: {} };

interface ColumnsStore {
  tables: Partial<Record<ColumnTable, TableColumns>>;
  ensureLoaded(table: ColumnTable): Promise<void>;
  /** Shows the change at once; `save` false while a drag is still moving. */
  change(table: ColumnTable, columns: TableColumns, save?: boolean): Promise<void>;
  reset(): void;
}

export const useColumnsStore = create<ColumnsStore>()((set, get) => ({
  tables: {},
  async ensureLoaded(table) {
    if (get().tables[table]) return;
    set({ tables: { ...get().tables, [table]: NONE } });
    try {
      const columns = await api.invoke('tableColumns.get', { table });
      set({ tables: { ...get().tables, [table]: columns } });
    } catch {
      // The defaults stay; choices made now are still saved.
    }
  },
  async change(table, columns, save = true) {
    set({ tables: { ...get().tables, [table]: columns } });
    if (save) await api.invoke('tableColumns.save', { table, columns });
  },
  reset() {
    set({ tables: {} });
  },
}));

registerSessionStore('columns', useColumnsStore, () => useColumnsStore.getState().reset());

export function columnsOf(table: ColumnTable): (state: ColumnsStore) => TableColumns {
  return (state) => state.tables[table] ?? NONE;
}
