// The header's bell and the Approvals badge: the caller's unread count and actions awaiting their
// approval (notifications.counts), and the list the bell opens. Main pushes a new unread count to
// this person's windows (notifications.changed) and announces approvals changes (data.changed), so
// nothing here polls.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { whenDataChanges } from '../../kit/live-data';
import { api, onEvent } from '../../api/client';
import { inBackground } from '../../api/background-calls';
import type { NotificationCounts, NotificationItem } from '../../../src-shared/notification-model';
import { showOnDesktop } from './desktop-notification';

interface NotificationsStore {
  counts: NotificationCounts | null;
  items: AsyncSlot<NotificationItem[]>;
  loadCounts(): Promise<void>;
  loadItems(): Promise<void>;
  /** A new unread count from main: the list is read again if it was read, and the newest shown on the desktop. */
  receiveUnread(unread: number): Promise<void>;
  markRead(ids: readonly string[] | 'all'): Promise<void>;
  reset(): void;
}

const initial = { counts: null as NotificationCounts | null, items: idleSlot<NotificationItem[]>([]) };

export const useNotificationsStore = create<NotificationsStore>()((set, get) => {
  const items = createSlotLoader<NotificationItem[]>([], () => get().items, (slot) => set({ items: slot }));

  return {
    ...initial,

    async loadCounts() {
      const current = sameSession();
      const counts = await api.invoke('notifications.counts', {});
      if (current()) set({ counts });
    },

    async loadItems() {
      await items.load(async () => (await api.invoke('notifications.list', { limit: 50 })).items, { keepData: true });
    },

    async receiveUnread(unread) {
      const before = get().counts;
      if (before) set({ counts: { ...before, unread } });
      const grew = before !== null && unread > before.unread;
      // Fewer (read in another window): a list already read shows its read marks; more: something new.
      if (grew || get().items.status === 'ready') await get().loadItems();
      const newest = grew ? get().items.data.find((item) => item.readAt === null) : undefined;
      if (newest) showOnDesktop(newest);
    },

    async markRead(ids) {
      const current = sameSession();
      const counts = await api.invoke('notifications.markRead', ids === 'all' ? { all: true } : { ids: [...ids] });
      if (!current()) return;
      const now = Date.now();
      const marked = ids === 'all' ? null : new Set(ids);
      set({
        counts,
        items: { ...get().items, data: get().items.data.map((item) => (item.readAt === null && (!marked || marked.has(item.id)) ? { ...item, readAt: now } : item)) },
      });
    },

    reset() {
      items.cancel();
      set(initial);
    },
  };
});

registerSessionStore('notifications', useNotificationsStore);
onEvent('notifications.changed', ({ unread }) => void inBackground(() => useNotificationsStore.getState().receiveUnread(unread)).catch(() => undefined));
whenDataChanges('approvals', () => (useNotificationsStore.getState().counts ? useNotificationsStore.getState().loadCounts() : undefined));
