// The audit log, newest first, a page at a time, optionally for one action; and the result of the
// last chain verification.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { AuditEntry, AuditVerification } from '../../../src-shared/model';
import { createSlotLoader, errorText, idleSlot, type AsyncSlot } from '../../kit/async-slot';

export const AUDIT_PAGE_SIZE = 100;

export interface AuditRows {
  entries: AuditEntry[];
  /** Cursor for the next older page; null once the start of the log is reached. */
  nextBeforeSeq: number | null;
}

interface AuditStore {
  log: AsyncSlot<AuditRows>;
  loadingOlder: boolean;
  /** The action the rows are filtered to ('' = all). */
  action: string;
  verification: AsyncSlot<AuditVerification | null>;
  /** Reads the newest page for `action` ('' = every action). */
  load(action: string): Promise<void>;
  loadOlder(): Promise<void>;
  verify(): Promise<void>;
  reset(): void;
}

const NO_ROWS: AuditRows = { entries: [], nextBeforeSeq: null };
const initial = { log: idleSlot(NO_ROWS), loadingOlder: false, action: '', verification: idleSlot<AuditVerification | null>(null) };

export const useAuditStore = create<AuditStore>()((set, get) => {
  // A quick change of filter never shows rows for the previous one: the newer read supersedes it.
  const log = createSlotLoader(NO_ROWS, () => get().log, (slot) => set({ log: slot }));
  const verification = createSlotLoader<AuditVerification | null>(null, () => get().verification, (slot) => set({ verification: slot }));

  return {
    ...initial,

    async load(action) {
      set({ action, loadingOlder: false });
      await log.load(() => api.invoke('audit.list', { limit: AUDIT_PAGE_SIZE, action: action || undefined }));
    },

    async loadOlder() {
      const { log: held, action, loadingOlder } = get();
      const before = held.data.nextBeforeSeq;
      if (before === null || loadingOlder) return;
      const current = log.follow();
      set({ loadingOlder: true, log: { ...held, error: null } });
      try {
        const page = await api.invoke('audit.list', { limit: AUDIT_PAGE_SIZE, beforeSeq: before, action: action || undefined });
        if (!current()) return;
        const { data } = get().log;
        set({ log: { ...get().log, data: { entries: [...data.entries, ...page.entries], nextBeforeSeq: page.nextBeforeSeq } } });
      } catch (error) {
        if (current()) set({ log: { ...get().log, error: errorText(error) } });
      } finally {
        if (current()) set({ loadingOlder: false });
      }
    },

    async verify() {
      await verification.load(() => api.invoke('audit.verify', {}));
    },

    reset() {
      log.cancel();
      verification.cancel();
      set(initial);
    },
  };
});

registerSessionStore('audit', useAuditStore, () => useAuditStore.getState().reset());
