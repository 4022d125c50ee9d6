// Vault-wide security policy: idle lock and session lifetime. Everyone may read it (the home page
// shows it); only system_config may change it.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { SystemSettings } from '../../../src-shared/model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

interface SecurityPolicyStore {
  settings: SystemSettings | null;
  status: LoadStatus;
  loadError: string | null;
  load(): Promise<void>;
  update(settings: SystemSettings): Promise<void>;
  reset(): void;
}

const initial = { settings: null, status: 'idle' as LoadStatus, loadError: null };

export const useSecurityPolicyStore = create<SecurityPolicyStore>()((set) => ({
  ...initial,

  async load() {
    const since = sessionEpoch();
    set({ status: 'loading', loadError: null });
    try {
      const settings = await api.invoke('system.getSettings', {});
      if (since === sessionEpoch()) set({ settings, status: 'ready' });
    } catch (error) {
      if (since === sessionEpoch()) set({ status: 'failed', loadError: describeError(error).message });
    }
  },

  async update(settings) {
    const since = sessionEpoch();
    const saved = await api.invoke('system.updateSettings', settings);
    if (since === sessionEpoch()) set({ settings: saved });
  },

  reset() {
    set(initial);
  },
}));

registerSessionStore('security-policy', useSecurityPolicyStore);
