// One import from a window, in two steps: upload the chosen file in chunks, then (after the mapping
// step has shown the first rows under the mapping) run the importer as a job that reports rows read,
// and keep the summary. Cancel stops whichever part is running: the upload, or the waiting upload
// (uploads.cancel), or the import job (jobs.cancel, which rolls its transaction back).
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { sameSession } from '../../kit/async-slot';
import { api, onEvent } from '../../api/client';
import type { AlertImportSummary } from '../../../src-shared/model';
import type { InvestigationImportSummary } from '../../../src-shared/workspace-model';
import type { MappingProfileBody } from '../../../src-shared/import-profile-contract';
import { describeError } from '../../format/error-message';
import { useMappingStore } from './mapping-store';
import { bytesToBase64, chunkRanges } from './upload-plan';

export type ImportKind = 'alerts' | 'investigations';
export type ImportPhase = 'form' | 'uploading' | 'mapping' | 'importing' | 'done' | 'failed' | 'cancelled';

export interface ImportOptions {
  kind: ImportKind;
  source: string;
  format: 'auto' | 'csv' | 'ndjson' | 'json';
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
  /** Uploads the file, then opens the mapping step on it. */
  upload(file: File, options: ImportOptions): Promise<void>;
  /** Imports the uploaded file under the mapping the step shows. */
  run(mapping: MappingProfileBody): Promise<void>;
  /** From the mapping step back to the form: the uploaded file is dropped. */
  back(): Promise<void>;
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
  let options: ImportOptions | null = null;
  let cancelled = false;

  const failed = (error: unknown) => {
    const described = describeError(error);
    if (cancelled || described.code === 'CANCELLED') set({ phase: 'cancelled' });
    else set({ phase: 'failed', error: described.message, errorFields: described.fields });
  };

  const dropUpload = async () => {
    const id = uploadId;
    uploadId = null;
    try {
      if (id) await api.invoke('uploads.cancel', { uploadId: id });
    } catch {
      // Main drops abandoned uploads on its own.
    }
  };

  return {
    ...initial,

    async upload(file, chosen) {
      // A lock or sign-out resets this store: the upload stops there and writes nothing back.
      const current = sameSession();
      const left = () => !current();
      cancelled = false;
      uploadId = null;
      jobId = null;
      options = chosen;
      useMappingStore.getState().reset();
      set({ ...initial, phase: 'uploading', fileName: file.name, size: file.size });
      try {
        const ticket = await api.invoke('uploads.begin', { fileName: file.name.slice(0, 255) || 'upload', size: file.size });
        if (left()) return;
        uploadId = ticket.uploadId;
        for (const range of chunkRanges(file.size, ticket.chunkBytes)) {
          if (cancelled || left()) return;
          const bytes = new Uint8Array(await file.slice(range.offset, range.end).arrayBuffer());
          await api.invoke('uploads.chunk', { uploadId: ticket.uploadId, offset: range.offset, dataBase64: bytesToBase64(bytes) });
          if (left()) return;
          set({ sent: range.end });
        }
        if (cancelled || left()) return;
        set({ phase: 'mapping' });
        await useMappingStore.getState().begin(ticket.uploadId, chosen.kind, chosen.format === 'auto' ? undefined : chosen.format, chosen.source);
      } catch (error) {
        if (!left()) failed(error);
      }
    },

    async run(mapping) {
      if (!uploadId || !options) return;
      const chosen = options;
      const current = sameSession();
      const thisUpload = uploadId;
      jobId = crypto.randomUUID();
      const thisJob = jobId;
      // The import takes the upload: from here only the job can be cancelled.
      uploadId = null;
      set({ phase: 'importing', rowsRead: 0, rowsTotal: null });
      const stop = onEvent('job.progress', (event) => {
        if (event.jobId === thisJob && current()) set({ rowsRead: event.done, rowsTotal: event.total });
      });
      try {
        const common = {
          uploadId: thisUpload, jobId: thisJob, source: chosen.source, mode: chosen.mode, mapping,
          timeZone: mapping.timestamp.timeZone, format: chosen.format === 'auto' ? undefined : chosen.format,
        };
        const result: ImportResult =
          chosen.kind === 'alerts'
            ? { kind: 'alerts', summary: await api.invoke('alerts.importUpload', common) }
            : { kind: 'investigations', summary: await api.invoke('investigations.importUpload', common) };
        if (!cancelled && current()) set({ phase: 'done', result });
      } catch (error) {
        if (current()) failed(error);
      } finally {
        stop();
      }
    },

    async back() {
      await dropUpload();
      useMappingStore.getState().reset();
      set(initial);
    },

    async cancel() {
      const { phase } = get();
      cancelled = true;
      set({ phase: 'cancelled' });
      try {
        if ((phase === 'uploading' || phase === 'mapping') && uploadId) await dropUpload();
        if (phase === 'importing' && jobId) await api.invoke('jobs.cancel', { jobId });
      } catch {
        // Main drops abandoned uploads on its own; the dialog already says the import was cancelled.
      }
    },

    reset() {
      cancelled = false;
      uploadId = null;
      jobId = null;
      options = null;
      useMappingStore.getState().reset();
      set(initial);
    },
  };
});

registerSessionStore('import', useImportStore, () => useImportStore.getState().reset());
