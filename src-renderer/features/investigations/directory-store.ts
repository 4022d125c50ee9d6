// Who can be assigned (users.directory) and the investigation templates: read once per sign-in,
// shared by the list's filters, the new-investigation form, the workspace header and tasks.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { DirectoryUser, InvestigationTemplate } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';

export interface Directory {
  users: DirectoryUser[];
  templates: InvestigationTemplate[];
}

interface DirectoryStore {
  directory: AsyncSlot<Directory>;
  ensureLoaded(): Promise<void>;
  reset(): void;
}

const EMPTY: Directory = { users: [], templates: [] };
const initial = { directory: idleSlot(EMPTY) };

export const useDirectoryStore = create<DirectoryStore>()((set, get) => {
  const directory = createSlotLoader(EMPTY, () => get().directory, (slot) => set({ directory: slot }));

  return {
    ...initial,

    async ensureLoaded() {
      const { status } = get().directory;
      if (status === 'loading' || status === 'ready') return;
      await directory.load(async () => {
        const [users, templates] = await Promise.all([api.invoke('users.directory', {}), api.invoke('investigations.templates', {})]);
        return { users, templates };
      });
    },

    reset() {
      directory.cancel();
      set(initial);
    },
  };
});

registerSessionStore('directory', useDirectoryStore);

/** Enabled users, by display name, for assignee pickers. */
export function assignableUsers(users: readonly DirectoryUser[]): DirectoryUser[] {
  return users.filter((user) => !user.disabled).sort((a, b) => a.displayName.localeCompare(b.displayName));
}
