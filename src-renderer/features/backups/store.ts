// Backups, for administrators: the list in the folder, the schedule's status, "Back up now" with its
// progress (job.progress events for our own job id), verification verdicts per backup, settings,
// pruning, and the two restores. Restoring the whole vault signs everyone out, this window included.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api, onEvent } from '../../api/client';
import type { ChannelInput } from '../../../src-shared/contract';
import type {
  BackupListing, BackupStatus, BackupVerification, InvestigationRestoreOutcome, PruneOutcome, RestoreOutcome, RestorePreview,
} from '../../../src-shared/backup-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';

export interface BackupProgress {
  jobId: string;
  label: string;
  done: number;
  total: number | null;
}

/** The last verification asked for on this screen: the verdict, or why it could not run. */
export type VerifyResult = { fileName: string; verdict: BackupVerification } | { fileName: string; error: string };

interface BackupsStore {
  backups: BackupListing[];
  status: BackupStatus | null;
  loadStatus: LoadStatus;
  loadError: string | null;
  /** Set while "Back up now" runs. */
  progress: BackupProgress | null;
  createError: string | null;
  /** The backup just made, highlighted in the list. */
  created: string | null;
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
  backups: [] as BackupListing[], status: null, loadStatus: 'idle' as LoadStatus, loadError: null, progress: null, createError: null,
  created: null, verifying: null, verifyResult: null,
};

/** Newest first, whatever order the folder listing had. */
const newestFirst = (backups: readonly BackupListing[]) => [...backups].sort((a, b) => b.createdAt - a.createdAt);

export const useBackupsStore = create<BackupsStore>()((set, get) => {
  // A reload that finishes after a newer one started is dropped, so the list never steps back.
  let latestRead = 0;

  // Status and list are read apart: a folder that cannot be listed (a drive unplugged) must still
  // show the settings, so the admin can point the folder elsewhere.
  const refresh = async () => {
    const read = ++latestRead;
    const [listed, status] = await Promise.allSettled([api.invoke('backup.list', {}), api.invoke('backup.status', {})]);
    if (read !== latestRead) return;
    if (status.status === 'fulfilled') set({ status: status.value });
    if (listed.status === 'fulfilled') set({ backups: newestFirst(listed.value), loadStatus: 'ready', loadError: null });
    else set({ backups: [], loadStatus: 'failed', loadError: describeError(listed.reason).message });
    if (status.status === 'rejected' && listed.status === 'fulfilled') set({ loadStatus: 'failed', loadError: describeError(status.reason).message });
  };

  return {
    ...initial,

    async load() {
      set({ loadStatus: 'loading', loadError: null });
      await refresh();
    },

    async backUpNow() {
      if (get().progress) return;
      const jobId = crypto.randomUUID();
      const since = sessionEpoch();
      const current = () => since === sessionEpoch();
      set({ progress: { jobId, label: 'backup: copy', done: 0, total: null }, createError: null, created: null });
      const stop = onEvent('job.progress', (event) => {
        if (event.jobId === jobId && current()) set({ progress: { jobId, label: event.label, done: event.done, total: event.total } });
      });
      try {
        const listing = await api.invoke('backup.create', { jobId });
        if (current()) set({ created: listing.fileName, backups: newestFirst([listing, ...get().backups.filter((b) => b.fileName !== listing.fileName)]) });
      } catch (error) {
        if (current()) set({ createError: describeError(error).message });
      } finally {
        stop();
        if (current()) set({ progress: null });
      }
      // The status (last success, next run, last error) changed either way.
      await refresh();
    },

    async verify(fileName) {
      if (get().verifying) return;
      const since = sessionEpoch();
      set({ verifying: fileName, verifyResult: null });
      try {
        const verdict = await api.invoke('backup.verify', { fileName });
        if (since !== sessionEpoch()) return;
        set({ verifyResult: { fileName, verdict } });
        await refresh();
      } catch (error) {
        if (since === sessionEpoch()) set({ verifyResult: { fileName, error: describeError(error).message } });
      } finally {
        if (since === sessionEpoch()) set({ verifying: null });
      }
    },

    dismissVerifyResult() {
      set({ verifyResult: null });
    },

    async saveSettings(input) {
      const since = sessionEpoch();
      const status = await api.invoke('backup.updateSettings', input);
      if (since !== sessionEpoch()) return;
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
      latestRead += 1;
      set(initial);
      return outcome;
    },

    async restoreInvestigation(fileName, investigationKey) {
      return api.invoke('backup.restoreInvestigation', { fileName, investigationKey });
    },

    reset() {
      latestRead += 1;
      set(initial);
    },
  };
});

registerSessionStore('backups', useBackupsStore, () => useBackupsStore.getState().reset());
