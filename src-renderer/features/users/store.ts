// Accounts, for administrators. Every change returns the updated user, which replaces its row, so
// the table never needs a full reload after an action. One-time passwords are held only until the
// dialog showing them is closed.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type { UserView } from '../../../src-shared/model';
import type { Role } from '../../../src-shared/permissions';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

/** Why a one-time password was issued: the dialog's wording depends on it. */
export type IssueReason = 'created' | 'enabled' | 'reset';

export interface IssuedPassword {
  user: UserView;
  oneTimePassword: string;
  reason: IssueReason;
}

interface UsersStore {
  users: UserView[];
  status: LoadStatus;
  loadError: string | null;
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

const initial = { users: [] as UserView[], status: 'idle' as LoadStatus, loadError: null, issued: null };

function replaceUser(users: UserView[], updated: UserView): UserView[] {
  const exists = users.some((user) => user.id === updated.id);
  return exists ? users.map((user) => (user.id === updated.id ? updated : user)) : [...users, updated];
}

export const useUsersStore = create<UsersStore>()((set, get) => ({
  ...initial,

  async load() {
    const since = sessionEpoch();
    set({ status: 'loading', loadError: null });
    try {
      const users = await api.invoke('users.list', {});
      if (since === sessionEpoch()) set({ users, status: 'ready' });
    } catch (error) {
      if (since === sessionEpoch()) set({ status: 'failed', loadError: describeError(error).message });
    }
  },

  async create(input) {
    const since = sessionEpoch();
    const { user, oneTimePassword } = await api.invoke('users.create', input);
    if (since === sessionEpoch()) set({ users: replaceUser(get().users, user), issued: { user, oneTimePassword, reason: 'created' } });
  },

  async setRole(userId, role) {
    const since = sessionEpoch();
    const user = await api.invoke('users.setRole', { userId, role });
    if (since === sessionEpoch()) set({ users: replaceUser(get().users, user) });
  },

  async disable(userId) {
    const since = sessionEpoch();
    const user = await api.invoke('users.disable', { userId });
    if (since === sessionEpoch()) set({ users: replaceUser(get().users, user) });
  },

  async enable(userId) {
    const since = sessionEpoch();
    const { user, oneTimePassword } = await api.invoke('users.enable', { userId });
    if (since === sessionEpoch()) set({ users: replaceUser(get().users, user), issued: { user, oneTimePassword, reason: 'enabled' } });
  },

  async resetPassword(userId) {
    const since = sessionEpoch();
    const { user, oneTimePassword } = await api.invoke('users.resetPassword', { userId });
    if (since === sessionEpoch()) set({ users: replaceUser(get().users, user), issued: { user, oneTimePassword, reason: 'reset' } });
  },

  dismissIssued() {
    set({ issued: null });
  },

  reset() {
    set(initial);
  },
}));

registerSessionStore('users', useUsersStore);
