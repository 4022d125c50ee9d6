// The audit log, newest first, a page at a time, optionally for one action; and the result of the
// last chain verification.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { AuditEntry, AuditVerification } from '../../../src-shared/model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

export const AUDIT_PAGE_SIZE = 100;

interface AuditStore {
  entries: AuditEntry[];
  /** Cursor for the next older page; null once the start of the log is reached. */
  nextBeforeSeq: number | null;
  status: LoadStatus;
  loadingOlder: boolean;
  loadError: string | null;
  /** The action the rows are filtered to ('' = all). */
  action: string;
  verification: AuditVerification | null;
  verifying: boolean;
  verifyError: string | null;
  /** Reads the newest page for `action` ('' = every action). */
  load(action: string): Promise<void>;
  loadOlder(): Promise<void>;
  verify(): Promise<void>;
  reset(): void;
}

const initial = {
  entries: [] as AuditEntry[], nextBeforeSeq: null, status: 'idle' as LoadStatus, loadingOlder: false, loadError: null,
  action: '', verification: null, verifying: false, verifyError: null,
};

export const useAuditStore = create<AuditStore>()((set, get) => {
  // Each read gets a number; an answer that arrives after a newer read started is dropped, so a
  // quick change of filter never shows rows for the previous one.
  let latestRead = 0;

  return {
    ...initial,

    async load(action) {
      const read = ++latestRead;
      set({ action, status: 'loading', loadError: null, entries: [], nextBeforeSeq: null });
      try {
        const page = await api.invoke('audit.list', { limit: AUDIT_PAGE_SIZE, action: action || undefined });
        if (read !== latestRead) return;
        set({ entries: page.entries, nextBeforeSeq: page.nextBeforeSeq, status: 'ready' });
      } catch (error) {
        if (read !== latestRead) return;
        set({ status: 'failed', loadError: describeError(error).message });
      }
    },

    async loadOlder() {
      const { nextBeforeSeq, action, loadingOlder } = get();
      if (nextBeforeSeq === null || loadingOlder) return;
      const read = latestRead;
      set({ loadingOlder: true, loadError: null });
      try {
        const page = await api.invoke('audit.list', { limit: AUDIT_PAGE_SIZE, beforeSeq: nextBeforeSeq, action: action || undefined });
        if (read !== latestRead) return;
        set({ entries: [...get().entries, ...page.entries], nextBeforeSeq: page.nextBeforeSeq });
      } catch (error) {
        if (read !== latestRead) return;
        set({ loadError: describeError(error).message });
      } finally {
        if (read === latestRead) set({ loadingOlder: false });
      }
    },

    async verify() {
      const since = sessionEpoch();
      set({ verifying: true, verifyError: null, verification: null });
      try {
        const verification = await api.invoke('audit.verify', {});
        if (since === sessionEpoch()) set({ verification });
      } catch (error) {
        if (since === sessionEpoch()) set({ verifyError: describeError(error).message });
      } finally {
        if (since === sessionEpoch()) set({ verifying: false });
      }
    },

    reset() {
      latestRead += 1;
      set(initial);
    },
  };
});

registerSessionStore('audit', useAuditStore, () => useAuditStore.getState().reset());
