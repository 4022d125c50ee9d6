// One export at a time, from any list: count what matches, run the export as a job (progress from
// job.progress events, cancellable with jobs.cancel), then save the file through the download path.
import { create } from 'zustand';
import type { ExportFile } from '../../../src-shared/workspace-model';
import { EXPORT_ROW_CAP } from '../../../src-shared/limits';
import { api, onEvent } from '../../api/client';
import { describeError } from '../../format/error-message';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { exportPlan, searchExportPlan, type ExportFormat, type ExportPlan, type ExportTarget } from './export-plan';

export type ExportPhase = 'counting' | 'ready' | 'running' | 'done' | 'cancelled' | 'failed';

interface ExportState {
  target: ExportTarget | null;
  phase: ExportPhase;
  format: ExportFormat;
  plan: ExportPlan | null;
  progress: { done: number; total: number | null };
  result: Omit<ExportFile, 'content'> | null;
  error: string | null;
  jobId: string | null;
  open(target: ExportTarget): Promise<void>;
  setFormat(format: ExportFormat): void;
  start(save: (file: ExportFile) => void): Promise<void>;
  cancel(): Promise<void>;
  close(): void;
}

/** How many rows match now, and what the file will hold. */
async function planOf(target: ExportTarget): Promise<ExportPlan> {
  switch (target.kind) {
    case 'alerts':
      return exportPlan('alerts', (await api.invoke('alerts.count', target.filter)).count);
    case 'investigations':
      return exportPlan('investigations', (await api.invoke('investigations.list', { ...target.filter, limit: 1 })).total);
    case 'investigation': {
      const { counts } = await api.invoke('investigations.get', { investigationId: target.investigationId });
      return exportPlan('investigation', 1 + counts.alerts + counts.entities + counts.notes + counts.findings + counts.actions + counts.evidence);
    }
    case 'search':
      // The counts came with the results on screen: searching again here would add to the history.
      return searchExportPlan(target.counts);
  }
}

function run(target: ExportTarget, format: ExportFormat, jobId: string): Promise<ExportFile> {
  switch (target.kind) {
    case 'alerts':
      return api.invoke('exports.alerts', { filter: target.filter, format, limit: EXPORT_ROW_CAP, jobId });
    case 'investigations':
      return api.invoke('exports.investigations', { filter: target.filter, format, limit: EXPORT_ROW_CAP, jobId });
    case 'investigation':
      return api.invoke('exports.investigation', { investigationId: target.investigationId, format, jobId });
    case 'search':
      return api.invoke('exports.search', { query: target.query, format });
  }
}

const closed = { target: null, phase: 'ready' as ExportPhase, plan: null, progress: { done: 0, total: null }, result: null, error: null, jobId: null };

export const useExportStore = create<ExportState>()((set, get) => ({
  ...closed,
  format: 'csv',

  async open(target) {
    set({ ...closed, target, phase: 'counting' });
    try {
      const plan = await planOf(target);
      if (get().target === target) set({ phase: 'ready', plan });
    } catch (error) {
      if (get().target === target) set({ phase: 'failed', error: describeError(error).message });
    }
  },

  setFormat(format) {
    set({ format });
  },

  async start(save) {
    const { target, format, plan } = get();
    if (!target || !plan) return;
    const jobId = crypto.randomUUID();
    set({ phase: 'running', jobId, progress: { done: 0, total: plan.rows }, error: null });
    const stop = onEvent('job.progress', (event) => {
      if (event.jobId === jobId && get().jobId === jobId) set({ progress: { done: event.done, total: event.total } });
    });
    try {
      const file = await run(target, format, jobId);
      if (get().jobId !== jobId) return;
      save(file);
      const { content: _content, ...result } = file;
      set({ phase: 'done', result });
    } catch (error) {
      if (get().jobId !== jobId) return;
      const described = describeError(error);
      set(described.code === 'CANCELLED' ? { phase: 'cancelled', error: null } : { phase: 'failed', error: described.message });
    } finally {
      stop();
    }
  },

  async cancel() {
    const { jobId, phase } = get();
    if (!jobId || phase !== 'running') return;
    try {
      await api.invoke('jobs.cancel', { jobId });
    } catch {
      // The job ended before the cancel arrived: its own answer (the file, or an error) settles the dialog.
    }
  },

  close() {
    const { jobId, phase } = get();
    // Closing while it runs stops the job: nobody is left to save its file.
    if (jobId && phase === 'running') void api.invoke('jobs.cancel', { jobId }).catch(() => undefined);
    set({ ...closed });
  },
}));

// A lock or sign-out closes the dialog (and stops a running export): the counts and the file name
// it holds belong to the session that asked.
registerSessionStore('exports', useExportStore, () => {
  useExportStore.getState().close();
  useExportStore.setState({ format: 'csv' });
});
