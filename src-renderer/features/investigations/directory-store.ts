// Who can be assigned (users.directory) and the investigation templates: read once per sign-in,
// shared by the list's filters, the new-investigation form, the workspace header and tasks.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { DirectoryUser, InvestigationTemplate } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

interface DirectoryStore {
  users: DirectoryUser[];
  templates: InvestigationTemplate[];
  status: LoadStatus;
  error: string | null;
  ensureLoaded(): Promise<void>;
  reset(): void;
}

export const useDirectoryStore = create<DirectoryStore>()((set, get) => ({
  users: [],
  templates: [],
  status: 'idle',
  error: null,

  async ensureLoaded() {
    const { status } = get();
    if (status === 'loading' || status === 'ready') return;
    const since = sessionEpoch();
    set({ status: 'loading', error: null });
    try {
      const [users, templates] = await Promise.all([api.invoke('users.directory', {}), api.invoke('investigations.templates', {})]);
      if (since === sessionEpoch()) set({ users, templates, status: 'ready' });
    } catch (error) {
      if (since === sessionEpoch()) set({ status: 'failed', error: describeError(error).message });
    }
  },

  reset() {
    set({ users: [], templates: [], status: 'idle', error: null });
  },
}));

registerSessionStore('directory', useDirectoryStore);

/** Enabled users, by display name, for assignee pickers. */
export function assignableUsers(users: readonly DirectoryUser[]): DirectoryUser[] {
  return users.filter((user) => !user.disabled).sort((a, b) => a.displayName.localeCompare(b.displayName));
}
