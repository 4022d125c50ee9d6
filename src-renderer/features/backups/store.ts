// Backups, for administrators: the list in the folder, the schedule's status, "Back up now" with its
// progress (job.progress events for our own job id), verification verdicts per backup, settings,
// pruning, and the two restores. Restoring the whole vault signs everyone out, this window included.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api, onEvent } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type {
  BackupListing, BackupStatus, BackupVerification, InvestigationRestoreOutcome, PruneOutcome, RestoreOutcome, RestorePreview,
} from '../../../src-shared/backup-model';
import { createRequestLine, errorText, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';

export interface BackupProgress {
  jobId: string;
  label: string;
  done: number;
  total: number | null;
}

/** The last verification asked for on this screen: the verdict, or why it could not run. */
export type VerifyResult = { fileName: string; verdict: BackupVerification } | { fileName: string; error: string };

interface BackupsStore {
  backups: AsyncSlot<BackupListing[]>;
  status: BackupStatus | null;
  /** Set while "Back up now" runs. */
  progress: BackupProgress | null;
  /** "Back up now": the file name of the backup just made (highlighted in the list), or why it failed. */
  created: AsyncSlot<string | null>;
  /** File name being verified (one at a time: the service runs one operation at a time). */
  verifying: string | null;
  verifyResult: VerifyResult | null;
  load(): Promise<void>;
  backUpNow(): Promise<void>;
  verify(fileName: string): Promise<void>;
  dismissVerifyResult(): void;
  saveSettings(input: ChannelInput<'backup.updateSettings'>): Promise<void>;
  prune(): Promise<PruneOutcome>;
  previewRestore(fileName: string): Promise<RestorePreview>;
  restore(fileName: string, confirmVaultName: string): Promise<RestoreOutcome>;
  restoreInvestigation(fileName: string, investigationKey: string): Promise<InvestigationRestoreOutcome>;
  reset(): void;
}

const initial = {
  backups: idleSlot<BackupListing[]>([]), status: null, progress: null, created: idleSlot<string | null>(null), verifying: null, verifyResult: null,
};

/** Newest first, whatever order the folder listing had. */
const newestFirst = (backups: readonly BackupListing[]) => [...backups].sort((a, b) => b.createdAt - a.createdAt);

export const useBackupsStore = create<BackupsStore>()((set, get) => {
  // A reload that finishes after a newer one started is dropped, so the list never steps back.
  const reads = createRequestLine();

  // Status and list are read apart: a folder that cannot be listed (a drive unplugged) must still
  // show the settings, so the admin can point the folder elsewhere. Either failing fails the slot.
  const refresh = async () => {
    const current = reads.start();
    const [listed, status] = await Promise.allSettled([api.invoke('backup.list', {}), api.invoke('backup.status', {})]);
    if (!current()) return;
    if (status.status === 'fulfilled') set({ status: status.value });
    const data = listed.status === 'fulfilled' ? newestFirst(listed.value) : [];
    const failure = listed.status === 'rejected' ? listed.reason : status.status === 'rejected' ? status.reason : null;
    set({ backups: failure === null ? { status: 'ready', data, error: null } : { status: 'failed', data, error: errorText(failure) } });
  };

  return {
    ...initial,

    async load() {
      set({ backups: { ...get().backups, status: 'loading', error: null } });
      await refresh();
    },

    async backUpNow() {
      if (get().progress) return;
      const jobId = crypto.randomUUID();
      const current = sameSession();
      set({ progress: { jobId, label: 'backup: copy', done: 0, total: null }, created: { status: 'loading', data: null, error: null } });
      const stop = onEvent('job.progress', (event) => {
        if (event.jobId === jobId && current()) set({ progress: { jobId, label: event.label, done: event.done, total: event.total } });
      });
      try {
        const listing = await api.invoke('backup.create', { jobId });
        const held = get().backups;
        if (current()) {
          set({
            created: { status: 'ready', data: listing.fileName, error: null },
            backups: { ...held, data: newestFirst([listing, ...held.data.filter((b) => b.fileName !== listing.fileName)]) },
          });
        }
      } catch (error) {
        if (current()) set({ created: { status: 'failed', data: null, error: errorText(error) } });
      } finally {
        stop();
        if (current()) set({ progress: null });
      }
      // The status (last success, next run, last error) changed either way.
      await refresh();
    },

    async verify(fileName) {
      if (get().verifying) return;
      const current = sameSession();
      set({ verifying: fileName, verifyResult: null });
      try {
        const verdict = await api.invoke('backup.verify', { fileName });
        if (!current()) return;
        set({ verifyResult: { fileName, verdict } });
        await refresh();
      } catch (error) {
        if (current()) set({ verifyResult: { fileName, error: errorText(error) } });
      } finally {
        if (current()) set({ verifying: null });
      }
    },

    dismissVerifyResult() {
      set({ verifyResult: null });
    },

    async saveSettings(input) {
      const current = sameSession();
      const status = await api.invoke('backup.updateSettings', input);
      if (!current()) return;
      set({ status });
      // A new folder lists other files.
      if (input.folder !== undefined) await refresh();
    },

    async prune() {
      const outcome = await api.invoke('backup.prune', {});
      await refresh();
      return outcome;
    },

    previewRestore(fileName) {
      return api.invoke('backup.previewRestore', { fileName });
    },

    async restore(fileName, confirmVaultName) {
      const outcome = await api.invoke('backup.restore', { fileName, confirmVaultName });
      reads.cancel();
      set(initial);
      return outcome;
    },

    async restoreInvestigation(fileName, investigationKey) {
      return api.invoke('backup.restoreInvestigation', { fileName, investigationKey });
    },

    reset() {
      reads.cancel();
      set(initial);
    },
  };
});

registerSessionStore('backups', useBackupsStore, () => useBackupsStore.getState().reset());
