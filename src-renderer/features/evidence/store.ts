// Evidence of the open investigation: the list with custody trails, a chunked upload with
// progress, and verification results. Viewing and exporting return the bytes to the caller (the
// viewer keeps them only while it is open); both add a custody event, so the list is re-read.
import { create } from 'zustand';
import { registerSessionStore, sessionEpoch } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { EvidenceContent, EvidenceItem, EvidenceVerification } from '../../../src-shared/workspace-model';
import { describeError } from '../../format/error-message';
import type { LoadStatus } from '../../kit/load-status';
import { bytesToBase64, chunkRanges, effectiveChunkBytes, mediaTypeOf } from './upload-chunks';

export interface UploadProgress {
  fileName: string;
  sent: number;
  total: number;
}

interface EvidenceStore {
  investigationId: string | null;
  items: EvidenceItem[];
  status: LoadStatus;
  loadError: string | null;
  upload: UploadProgress | null;
  verifications: Record<string, EvidenceVerification>;
  load(investigationId: string, force?: boolean): Promise<void>;
  uploadFile(file: File, description: string): Promise<void>;
  verify(evidenceId: string): Promise<void>;
  view(evidenceId: string): Promise<EvidenceContent>;
  exportFile(evidenceId: string): Promise<EvidenceContent>;
  reset(): void;
}

const initial = { investigationId: null, items: [] as EvidenceItem[], status: 'idle' as LoadStatus, loadError: null, upload: null, verifications: {} };

export const useEvidenceStore = create<EvidenceStore>()((set, get) => {
  const refresh = () => {
    const id = get().investigationId;
    if (id) void get().load(id, true).catch(() => undefined);
  };

  return {
    ...initial,

    async load(investigationId, force = false) {
      const state = get();
      if (state.investigationId !== investigationId) set({ ...initial, investigationId });
      else if (!force && (state.status === 'loading' || state.status === 'ready')) return;
      set((now) => ({ status: now.items.length > 0 ? now.status : 'loading', loadError: null }));
      try {
        const items = await api.invoke('evidence.list', { investigationId });
        if (get().investigationId === investigationId) set({ items, status: 'ready' });
      } catch (error) {
        if (get().investigationId === investigationId) set({ status: 'failed', loadError: describeError(error).message });
      }
    },

    async uploadFile(file, description) {
      const investigationId = get().investigationId;
      if (!investigationId) return;
      set({ upload: { fileName: file.name, sent: 0, total: file.size } });
      const ticket = await api.invoke('uploads.begin', { fileName: file.name, size: file.size }).catch((error: unknown) => {
        set({ upload: null });
        throw error;
      });
      try {
        // Sequential, each chunk naming its byte offset: main refuses a repeated or skipped chunk.
        for (const range of chunkRanges(file.size, effectiveChunkBytes(ticket.chunkBytes))) {
          const bytes = new Uint8Array(await file.slice(range.offset, range.end).arrayBuffer());
          await api.invoke('uploads.chunk', { uploadId: ticket.uploadId, offset: range.offset, dataBase64: bytesToBase64(bytes) });
          set({ upload: { fileName: file.name, sent: range.end, total: file.size } });
        }
        const item = await api.invoke('evidence.add', { investigationId, uploadId: ticket.uploadId, mediaType: mediaTypeOf(file.type), description });
        if (get().investigationId === investigationId) set({ items: [...get().items.filter((existing) => existing.id !== item.id), item] });
      } catch (error) {
        // The upload is useless without its evidence row: free it in main rather than wait for expiry.
        void api.invoke('uploads.cancel', { uploadId: ticket.uploadId }).catch(() => undefined);
        throw error;
      } finally {
        set({ upload: null });
      }
    },

    async verify(evidenceId) {
      const since = sessionEpoch();
      const result = await api.invoke('evidence.verify', { evidenceId });
      if (since !== sessionEpoch()) return;
      set({ verifications: { ...get().verifications, [evidenceId]: result } });
      refresh();
    },

    async view(evidenceId) {
      const content = await api.invoke('evidence.view', { evidenceId });
      refresh();
      return content;
    },

    async exportFile(evidenceId) {
      const content = await api.invoke('evidence.export', { evidenceId });
      refresh();
      return content;
    },

    reset() {
      set(initial);
    },
  };
});

registerSessionStore('evidence', useEvidenceStore);
