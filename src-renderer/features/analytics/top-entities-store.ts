// The analytics screen's top entities, read apart from the stats report (analytics.topEntities): it
// reads every link of the range's alerts, so it arrives on its own, after the report's range is known.
import { create } from 'zustand';
import { api } from '../../api/client';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import type { StatsReport, TopEntities } from '../../../src-shared/analytics-model';

interface TopEntitiesStore {
  top: AsyncSlot<TopEntities | null>;
  /** The range the stats report shows: the same days, in the same zone. */
  load(range: StatsReport['range']): Promise<void>;
  reset(): void;
}

export const useTopEntitiesStore = create<TopEntitiesStore>()((set, get) => {
  const top = createSlotLoader<TopEntities | null>(null, () => get().top, (slot) => set({ top: slot }));
  return {
    top: idleSlot<TopEntities | null>(null),
    async load(range) {
      await top.load(() => api.invoke('analytics.topEntities', { from: range.from, to: range.to, timeZone: range.timeZone }));
    },
    reset() {
      top.cancel();
      set({ top: idleSlot<TopEntities | null>(null) });
    },
  };
});

registerSessionStore('analytics-top-entities', useTopEntitiesStore);
