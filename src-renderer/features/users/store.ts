// Accounts, for administrators. Every change returns the updated user, which replaces its row, so
// the table never needs a full reload after an action. One-time passwords are held only until the
// dialog showing them is closed.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { UserView } from '../../../src-shared/model';
import type { Role } from '../../../src-shared/permissions';

/** Why a one-time password was issued: the dialog's wording depends on it. */
export type IssueReason = 'created' | 'enabled' | 'reset';

export interface IssuedPassword {
  user: UserView;
  oneTimePassword: string;
  reason: IssueReason;
}

interface UsersStore {
  users: AsyncSlot<UserView[]>;
  issued: IssuedPassword | null;
  load(): Promise<void>;
  create(input: ChannelInput<'users.create'>): Promise<void>;
  setRole(userId: string, role: Role): Promise<void>;
  disable(userId: string): Promise<void>;
  enable(userId: string): Promise<void>;
  resetPassword(userId: string): Promise<void>;
  dismissIssued(): void;
  reset(): void;
}

const initial = { users: idleSlot<UserView[]>([]), issued: null };

function replaceUser(users: UserView[], updated: UserView): UserView[] {
  const exists = users.some((user) => user.id === updated.id);
  return exists ? users.map((user) => (user.id === updated.id ? updated : user)) : [...users, updated];
}

export const useUsersStore = create<UsersStore>()((set, get) => {
  const users = createSlotLoader<UserView[]>([], () => get().users, (slot) => set({ users: slot }));
  /** The slot with one user replaced by the answer to a change. */
  const withUser = (user: UserView) => ({ users: { ...get().users, data: replaceUser(get().users.data, user) } });

  return {
    ...initial,

    async load() {
      await users.load(() => api.invoke('users.list', {}), { keepData: true });
    },

    async create(input) {
      const current = sameSession();
      const { user, oneTimePassword } = await api.invoke('users.create', input);
      if (current()) set({ ...withUser(user), issued: { user, oneTimePassword, reason: 'created' } });
    },

    async setRole(userId, role) {
      const current = sameSession();
      const user = await api.invoke('users.setRole', { userId, role });
      if (current()) set(withUser(user));
    },

    async disable(userId) {
      const current = sameSession();
      const user = await api.invoke('users.disable', { userId });
      if (current()) set(withUser(user));
    },

    async enable(userId) {
      const current = sameSession();
      const { user, oneTimePassword } = await api.invoke('users.enable', { userId });
      if (current()) set({ ...withUser(user), issued: { user, oneTimePassword, reason: 'enabled' } });
    },

    async resetPassword(userId) {
      const current = sameSession();
      const { user, oneTimePassword } = await api.invoke('users.resetPassword', { userId });
      if (current()) set({ ...withUser(user), issued: { user, oneTimePassword, reason: 'reset' } });
    },

    dismissIssued() {
      set({ issued: null });
    },

    reset() {
      users.cancel();
      set(initial);
    },
  };
});

registerSessionStore('users', useUsersStore);
