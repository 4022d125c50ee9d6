// The sync client as the window holds it: the live status (the `sync.status` event, read once on
// mount), the enrolment's details, the organisation's devices and members (admins), and the open conflicts with
// the titles of the investigations they are about. Actions call the sync channels and reread what
// they change.
import { create } from 'zustand';
import { api, onEvent } from '../../api/client';
import { inBackground } from '../../api/background-calls';
import { whenDataChanges } from '../../kit/live-data';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import type { Role } from '../../../src-shared/permissions';
import type { SyncConflictView, SyncDeviceView, SyncEnrolTokenView, SyncEnrolmentDetail, SyncMemberView, SyncStatus } from '../../../src-shared/sync-contract';

interface SyncStore {
  /** null until the first read; the event keeps it current after. */
  status: SyncStatus | null;
  enrolment: AsyncSlot<SyncEnrolmentDetail | null>;
  devices: AsyncSlot<SyncDeviceView[]>;
  members: AsyncSlot<SyncMemberView[]>;
  conflicts: AsyncSlot<SyncConflictView[]>;
  /** Investigation id → title, for conflicts about an investigation (absent: not readable or not found). */
  titles: Record<string, string>;
  loadStatus(): Promise<void>;
  loadEnrolment(): Promise<void>;
  loadDevices(): Promise<void>;
  loadMembers(): Promise<void>;
  loadConflicts(): Promise<void>;
  enrol(serverUrl: string, token: string, deviceName: string): Promise<void>;
  syncNow(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  disconnect(): Promise<void>;
  revoke(deviceId: string): Promise<void>;
  addMember(name: string, role: Role): Promise<void>;
  setMemberDisabled(memberId: string, disabled: boolean): Promise<void>;
  /** The token is the caller's to show once: the store keeps no copy. */
  createEnrolToken(memberId: string): Promise<SyncEnrolTokenView>;
  resolve(id: string, choice: 'held' | 'incoming'): Promise<void>;
  /** The status as the event sent it. */
  receive(status: SyncStatus): void;
  /** Drops answers on their way (the session scope resets the state). */
  reset(): void;
}

const initial = {
  status: null,
  enrolment: idleSlot<SyncEnrolmentDetail | null>(null),
  devices: idleSlot<SyncDeviceView[]>([]),
  members: idleSlot<SyncMemberView[]>([]),
  conflicts: idleSlot<SyncConflictView[]>([]),
  titles: {},
};

export const useSyncStore = create<SyncStore>()((set, get) => {
  const enrolment = createSlotLoader<SyncEnrolmentDetail | null>(null, () => get().enrolment, (slot) => set({ enrolment: slot }));
  const devices = createSlotLoader<SyncDeviceView[]>([], () => get().devices, (slot) => set({ devices: slot }));
  const members = createSlotLoader<SyncMemberView[]>([], () => get().members, (slot) => set({ members: slot }));
  const conflicts = createSlotLoader<SyncConflictView[]>([], () => get().conflicts, (slot) => set({ conflicts: slot }));

  // The event stream can overtake an answer: a round that ends while `sync.status` is on its way
  // sends its final status first. An answer is written only when no event came after it was asked.
  let eventsSeen = 0;
  const setStatus = async (next: () => Promise<SyncStatus>) => {
    const current = sameSession();
    const asked = eventsSeen;
    const value = await next();
    if (current() && asked === eventsSeen) set({ status: value });
  };

  /**
   * Titles of the investigations the conflicts name, read afresh each time (a title conflict changes
   * the title once resolved); one the caller may not read stays unnamed.
   */
  const readTitles = async (list: readonly SyncConflictView[]) => {
    const current = sameSession();
    const wanted = [...new Set(list.filter((c) => c.recordTable === 'investigations').map((c) => c.recordId))];
    const found = await Promise.all(wanted.map(async (id) => {
      try {
        return [id, (await api.invoke('investigations.get', { investigationId: id })).title] as const;
      } catch {
        return null;
      }
    }));
    if (!current()) return;
    set({ titles: { ...get().titles, ...Object.fromEntries(found.filter((entry) => entry !== null)) } });
  };

  return {
    ...initial,

    loadStatus: () => setStatus(() => api.invoke('sync.status', {})),
    async loadEnrolment() {
      await enrolment.load(() => api.invoke('sync.enrolment', {}), { keepData: true });
    },
    async loadDevices() {
      await devices.load(() => api.invoke('sync.devices.list', {}), { keepData: true });
    },
    async loadMembers() {
      await members.load(() => api.invoke('sync.members.list', {}), { keepData: true });
    },
    async loadConflicts() {
      const ok = await conflicts.load(() => api.invoke('sync.conflicts.list', {}), { keepData: true });
      // Titles after the list: a conflict shows its record id until its title arrives.
      if (ok) await readTitles(get().conflicts.data);
    },

    async enrol(serverUrl, token, deviceName) {
      const current = sameSession();
      await api.invoke('sync.enrol', { serverUrl, token, deviceName });
      if (!current()) return;
      await Promise.all([get().loadStatus(), get().loadEnrolment()]);
    },
    async syncNow() {
      await setStatus(() => api.invoke('sync.syncNow', {}));
      await get().loadConflicts();
    },
    pause: () => setStatus(() => api.invoke('sync.pause', {})),
    resume: () => setStatus(() => api.invoke('sync.resume', {})),
    async disconnect() {
      await setStatus(() => api.invoke('sync.disconnect', {}));
      set({ enrolment: { status: 'ready', data: null, error: null }, devices: idleSlot<SyncDeviceView[]>([]), members: idleSlot<SyncMemberView[]>([]) });
    },
    async revoke(deviceId) {
      await api.invoke('sync.devices.revoke', { deviceId });
      await get().loadDevices();
    },
    async addMember(name, role) {
      await api.invoke('sync.members.add', { name, role });
      await get().loadMembers();
    },
    async setMemberDisabled(memberId, disabled) {
      await api.invoke('sync.members.setDisabled', { memberId, disabled });
      await get().loadMembers();
    },
    createEnrolToken: (memberId) => api.invoke('sync.enrolTokens.create', { memberId }),
    async resolve(id, choice) {
      await api.invoke('sync.conflicts.resolve', { id, choice });
      await Promise.all([get().loadConflicts(), get().loadStatus()]);
    },

    receive(status) {
      eventsSeen += 1;
      const before = get().status;
      set({ status });
      // A round finished: what it pulled may have raised conflicts (or a resolution elsewhere cleared them).
      if (before !== null && status.lastSyncedAt !== before.lastSyncedAt && get().conflicts.status !== 'idle') {
        void inBackground(() => get().loadConflicts());
      }
    },

    reset() {
      enrolment.cancel();
      devices.cancel();
      members.cancel();
      conflicts.cancel();
    },
  };
});

registerSessionStore('sync', useSyncStore, () => {
  useSyncStore.getState().reset();
});
onEvent('sync.status', (status) => useSyncStore.getState().receive(status));
// An edit here adds to the outbox without a round: the indicator's count follows it.
whenDataChanges(['alerts', 'investigations'], () => {
  const { status, loadStatus } = useSyncStore.getState();
  return status !== null && status.state !== 'off' ? loadStatus() : undefined;
});
