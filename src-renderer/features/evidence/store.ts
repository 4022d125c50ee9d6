// Evidence of the open investigation: the list with custody trails, a chunked upload with
// progress, and verification results. Viewing and exporting return the bytes to the caller (the
// viewer keeps them only while it is open); both add a custody event, so the list is re-read.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { EvidenceContent, EvidenceItem, EvidenceVerification } from '../../../src-shared/workspace-model';
import { createSlotLoader, idleSlot, sameSession, type AsyncSlot } from '../../kit/async-slot';
import { bytesToBase64, chunkRanges, effectiveChunkBytes, mediaTypeOf } from './upload-chunks';

export interface UploadProgress {
  fileName: string;
  sent: number;
  total: number;
}

interface EvidenceStore {
  investigationId: string | null;
  items: AsyncSlot<EvidenceItem[]>;
  upload: UploadProgress | null;
  verifications: Record<string, EvidenceVerification>;
  load(investigationId: string, force?: boolean): Promise<void>;
  uploadFile(file: File, description: string): Promise<void>;
  verify(evidenceId: string): Promise<void>;
  view(evidenceId: string): Promise<EvidenceContent>;
  exportFile(evidenceId: string): Promise<EvidenceContent>;
  reset(): void;
}

const initial = { investigationId: null, items: idleSlot<EvidenceItem[]>([]), upload: null, verifications: {} };

export const useEvidenceStore = create<EvidenceStore>()((set, get) => {
  const items = createSlotLoader<EvidenceItem[]>([], () => get().items, (slot) => set({ items: slot }));
  const refresh = () => {
    const id = get().investigationId;
    if (id) void get().load(id, true).catch(() => undefined);
  };

  return {
    ...initial,

    async load(investigationId, force = false) {
      const state = get();
      if (state.investigationId !== investigationId) set({ ...initial, investigationId });
      else if (!force && (state.items.status === 'loading' || state.items.status === 'ready')) return;
      // A re-read after a view or an export (custody grew) does not blank the list.
      await items.load(() => api.invoke('evidence.list', { investigationId }), { quiet: true });
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
        const held = get().items;
        if (get().investigationId === investigationId) set({ items: { ...held, data: [...held.data.filter((existing) => existing.id !== item.id), item] } });
      } catch (error) {
        // The upload is useless without its evidence row: free it in main rather than wait for expiry.
        void api.invoke('uploads.cancel', { uploadId: ticket.uploadId }).catch(() => undefined);
        throw error;
      } finally {
        set({ upload: null });
      }
    },

    async verify(evidenceId) {
      const current = sameSession();
      const result = await api.invoke('evidence.verify', { evidenceId });
      if (!current()) return;
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
      items.cancel();
      set(initial);
    },
  };
});

registerSessionStore('evidence', useEvidenceStore);
