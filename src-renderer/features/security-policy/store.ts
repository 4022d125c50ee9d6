// Vault-wide security policy: idle lock and session lifetime. Everyone may read it (the home page
// shows it); only system_config may change it.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { api } from '../../api/client';
import type { SystemSettings } from '../../../src-shared/model';

interface SecurityPolicyStore {
  settings: AsyncSlot<SystemSettings | null>;
  load(): Promise<void>;
  update(settings: SystemSettings): Promise<void>;
  reset(): void;
}

const initial = { settings: idleSlot<SystemSettings | null>(null) };

export const useSecurityPolicyStore = create<SecurityPolicyStore>()((set, get) => {
  const settings = createSlotLoader<SystemSettings | null>(null, () => get().settings, (slot) => set({ settings: slot }));

  return {
    ...initial,

    async load() {
      await settings.load(() => api.invoke('system.getSettings', {}), { keepData: true });
    },

    async update(changed) {
      const current = sameSession();
      const saved = await api.invoke('system.updateSettings', changed);
      // The saved settings are what main holds now, whatever a read still on its way says.
      settings.cancel();
      if (current()) set({ settings: { status: 'ready', data: saved, error: null } });
    },

    reset() {
      settings.cancel();
      set(initial);
    },
  };
});

registerSessionStore('security-policy', useSecurityPolicyStore);
