// The link graph's expansions: the neighbours read (entities.neighbours) for the nodes the analyst
// expanded in the open investigation, in the order asked. Held apart from the investigation's
// store so a refresh of the graph keeps them; forgotten when another investigation opens.
import { create } from 'zustand';
import { api } from '../../api/client';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createRequestLine, errorText } from '../../kit/async-slot';
import type { EntityNeighbours } from '../../../src-shared/investigation-views-contract';

/** Neighbours asked for per expansion: enough to see the ring, few enough to keep the graph readable. */
export const NEIGHBOURS_PER_EXPANSION = 25;

interface GraphExpansionStore {
  investigationId: string | null;
  expansions: EntityNeighbours[];
  /** The entity whose neighbours are on their way. */
  pending: string | null;
  error: string | null;
  expand(investigationId: string, entityId: string): Promise<void>;
  /** Starts again for this investigation (drops expansions of any other). */
  openFor(investigationId: string): void;
  clear(): void;
}

export const useGraphExpansionStore = create<GraphExpansionStore>()((set, get) => {
  const line = createRequestLine();
  const initial = { investigationId: null, expansions: [], pending: null, error: null };
  return {
    ...initial,

    openFor(investigationId) {
      if (get().investigationId === investigationId) return;
      line.cancel();
      set({ ...initial, investigationId });
    },

    async expand(investigationId, entityId) {
      get().openFor(investigationId);
      if (get().expansions.some((e) => e.entity.id === entityId)) return;
      const current = line.start();
      set({ pending: entityId, error: null });
      try {
        const found = await api.invoke('entities.neighbours', { entityId, limit: NEIGHBOURS_PER_EXPANSION });
        if (current()) set((state) => ({ expansions: [...state.expansions, found], pending: null }));
      } catch (error) {
        if (current()) set({ pending: null, error: errorText(error) });
      }
    },

    clear() {
      line.cancel();
      set({ expansions: [], pending: null, error: null });
    },
  };
});

registerSessionStore('graph-expansion', useGraphExpansionStore);
