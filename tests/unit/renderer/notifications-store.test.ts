// The bell follows main's pushes: a higher unread count reads the list again (the newest is shown),
// marking read updates the count and the list at once, and the Approvals badge follows approvals changes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationItem } from '../../../src-shared/notification-model';

const calls: { channel: string; input: unknown }[] = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let items: NotificationItem[] = [];
let awaitingApproval = 0;

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke: async (channel: string, input: unknown) => {
      calls.push({ channel, input });
      const unread = items.filter((item) => item.readAt === null).length;
      if (channel === 'notifications.list') return { items, unread };
      if (channel === 'notifications.counts') return { unread, awaitingApproval };
      if (channel === 'notifications.markRead') {
        items = items.map((item) => ({ ...item, readAt: item.readAt ?? 1 }));
        return { unread: 0, awaitingApproval };
      }
      throw new Error(channel);
    },
  },
  onEvent: (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
}));
vi.mock('../../../src-renderer/features/notifications/desktop-notification', () => ({ showOnDesktop: () => undefined }));

const { useNotificationsStore } = await import('../../../src-renderer/features/notifications/store');
const emit = (event: string, payload: unknown) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const item = (id: string): NotificationItem => ({ id, kind: 'assigned_alerts', text: `n ${id}`, link: { page: 'triage', param: null }, createdAt: 1, readAt: null });

beforeEach(() => {
  calls.length = 0;
  items = [];
  awaitingApproval = 0;
  useNotificationsStore.getState().reset();
});

describe('the notifications store', () => {
  it('takes a pushed unread count and reads the list when it grew', async () => {
    await useNotificationsStore.getState().loadCounts();
    items = [item('a')];
    emit('notifications.changed', { unread: 1 });
    await settle();
    const state = useNotificationsStore.getState();
    expect(state.counts?.unread).toBe(1);
    expect(state.items.data.map((entry) => entry.id)).toEqual(['a']);
  });

  it('marking all read empties the count and the list\'s unread marks', async () => {
    items = [item('a'), item('b')];
    await useNotificationsStore.getState().loadCounts();
    await useNotificationsStore.getState().loadItems();
    await useNotificationsStore.getState().markRead('all');
    const state = useNotificationsStore.getState();
    expect(state.counts?.unread).toBe(0);
    expect(state.items.data.every((entry) => entry.readAt !== null)).toBe(true);
  });

  it('the approvals badge reads its count again when approvals change', async () => {
    await useNotificationsStore.getState().loadCounts();
    awaitingApproval = 2;
    emit('data.changed', { topic: 'approvals' });
    await settle();
    expect(useNotificationsStore.getState().counts?.awaitingApproval).toBe(2);
  });
});
