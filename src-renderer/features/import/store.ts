// One import from a window: upload the chosen file in chunks, then run the importer as a job that
// reports rows read, and keep the summary. Cancel stops whichever half is running: the upload
// (uploads.cancel) or the import job (jobs.cancel, which rolls its transaction back).
import { create } from 'zustand';
import { api, onEvent } from '../../api/client';
import type { AlertImportSummary } from '../../../src-shared/model';
import type { InvestigationImportSummary } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import { bytesToBase64, chunkRanges } from './upload-plan';

export type ImportKind = 'alerts' | 'investigations';
export type ImportPhase = 'form' | 'uploading' | 'importing' | 'done' | 'failed' | 'cancelled';

export interface ImportOptions {
  kind: ImportKind;
  source: string;
  format: 'auto' | 'csv' | 'ndjson' | 'json';
  timeZone: string;
  mode: 'good_rows' | 'all_or_nothing';
}

export type ImportResult = { kind: 'alerts'; summary: AlertImportSummary } | { kind: 'investigations'; summary: InvestigationImportSummary };

interface ImportStore {
  phase: ImportPhase;
  fileName: string | null;
  size: number;
  sent: number;
  rowsRead: number;
  rowsTotal: number | null;
  result: ImportResult | null;
  error: string | null;
  errorFields: Record<string, string>;
  start(file: File, options: ImportOptions): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

const initial = {
  phase: 'form' as ImportPhase, fileName: null, size: 0, sent: 0, rowsRead: 0, rowsTotal: null, result: null, error: null,
  errorFields: {} as Record<string, string>,
};

export const useImportStore = create<ImportStore>()((set, get) => {
  let uploadId: string | null = null;
  let jobId: string | null = null;
  let cancelled = false;

  return {
    ...initial,

    async start(file, options) {
      cancelled = false;
      uploadId = null;
      jobId = null;
      set({ ...initial, phase: 'uploading', fileName: file.name, size: file.size });
      try {
        const ticket = await api.invoke('uploads.begin', { fileName: file.name.slice(0, 255) || 'upload', size: file.size });
        uploadId = ticket.uploadId;
        for (const range of chunkRanges(file.size, ticket.chunkBytes)) {
          if (cancelled) return;
          const bytes = new Uint8Array(await file.slice(range.offset, range.end).arrayBuffer());
          await api.invoke('uploads.chunk', { uploadId: ticket.uploadId, offset: range.offset, dataBase64: bytesToBase64(bytes) });
          set({ sent: range.end });
        }
        if (cancelled) return;
        jobId = crypto.randomUUID();
        const thisJob = jobId;
        set({ phase: 'importing' });
        const stop = onEvent('job.progress', (event) => {
          if (event.jobId === thisJob) set({ rowsRead: event.done, rowsTotal: event.total });
        });
        try {
          const common = {
            uploadId: ticket.uploadId, jobId: thisJob, source: options.source, timeZone: options.timeZone, mode: options.mode,
            format: options.format === 'auto' ? undefined : options.format,
          };
          const result: ImportResult =
            options.kind === 'alerts'
              ? { kind: 'alerts', summary: await api.invoke('alerts.importUpload', common) }
              : { kind: 'investigations', summary: await api.invoke('investigations.importUpload', common) };
          if (!cancelled) set({ phase: 'done', result });
        } finally {
          stop();
        }
      } catch (error) {
        const described = describeError(error);
        if (cancelled || described.code === 'CANCELLED') set({ phase: 'cancelled' });
        else set({ phase: 'failed', error: described.message, errorFields: described.fields });
      }
    },

    async cancel() {
      const { phase } = get();
      cancelled = true;
      set({ phase: 'cancelled' });
      try {
        if (phase === 'uploading' && uploadId) await api.invoke('uploads.cancel', { uploadId });
        if (phase === 'importing' && jobId) await api.invoke('jobs.cancel', { jobId });
      } catch {
        // Main drops abandoned uploads on its own; the dialog already says the import was cancelled.
      }
    },

    reset() {
      cancelled = false;
      uploadId = null;
      jobId = null;
      set(initial);
    },
  };
});
