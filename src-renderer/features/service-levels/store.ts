// The vault's service levels (sla.getPolicy): read once per sign-in, shared by every screen that
// judges a due time (the investigation header and list) and by the Settings section that shows and
// changes them. A save replaces what is held, so this window judges with the new window at once;
// a save in another window (main announces it as data.changed) makes this one read them again.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { api, onEvent } from '../../api/client';
import type { SlaPolicy } from '../../../src-shared/sla';

interface SlaPolicyStore {
  policy: AsyncSlot<SlaPolicy | null>;
  /** Reads the policy unless this session holds it or is reading it already. */
  ensureLoaded(): Promise<void>;
  update(policy: SlaPolicy): Promise<void>;
  /** Reads the policy again if this session holds one (another window changed it). */
  reload(): Promise<void>;
  reset(): void;
}

const initial = { policy: idleSlot<SlaPolicy | null>(null) };

export const useSlaPolicyStore = create<SlaPolicyStore>()((set, get) => {
  const policy = createSlotLoader<SlaPolicy | null>(null, () => get().policy, (slot) => set({ policy: slot }));

  return {
    ...initial,

    async ensureLoaded() {
      const { status } = get().policy;
      if (status === 'loading' || status === 'ready') return;
      await policy.load(() => api.invoke('sla.getPolicy', {}), { keepData: true });
    },

    async update(changed) {
      const current = sameSession();
      const saved = await api.invoke('sla.updatePolicy', changed);
      // What main saved is what it holds now, whatever a read still on its way says.
      policy.cancel();
      if (current()) set({ policy: { status: 'ready', data: saved, error: null } });
    },

    async reload() {
      if (get().policy.status === 'idle') return;
      await policy.load(() => api.invoke('sla.getPolicy', {}), { keepData: true });
    },

    reset() {
      policy.cancel();
      set(initial);
    },
  };
});

registerSessionStore('sla-policy', useSlaPolicyStore);
onEvent('data.changed', ({ topic }) => {
  if (topic === 'sla-policy') void useSlaPolicyStore.getState().reload();
});
