// The last compliance evaluation, and the retention policy with its dry run, for the Compliance screen.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import { saveFile } from '../../kit/download';
import { createSlotLoader, idleSlot, type AsyncSlot } from '../../kit/async-slot';
import type { ComplianceEvaluation } from '../../../src-shared/compliance-contract';
import type { RetentionOutcome, RetentionPolicy, RetentionPreview } from '../../../src-shared/retention-contract';

interface ComplianceStore {
  evaluation: AsyncSlot<ComplianceEvaluation | null>;
  policy: AsyncSlot<RetentionPolicy | null>;
  preview: AsyncSlot<RetentionPreview | null>;
  lastRun: RetentionOutcome | null;
  evaluate(): Promise<void>;
  exportReport(format: 'pdf' | 'html'): Promise<void>;
  markRevealsReviewed(): Promise<void>;
  loadRetention(): Promise<void>;
  saveRetention(policy: RetentionPolicy): Promise<void>;
  applyRetention(): Promise<void>;
  reset(): void;
}

const initial = {
  evaluation: idleSlot<ComplianceEvaluation | null>(null),
  policy: idleSlot<RetentionPolicy | null>(null),
  preview: idleSlot<RetentionPreview | null>(null),
  lastRun: null,
};

export const useComplianceStore = create<ComplianceStore>()((set, get) => {
  const evaluation = createSlotLoader<ComplianceEvaluation | null>(null, () => get().evaluation, (slot) => set({ evaluation: slot }));
  const policy = createSlotLoader<RetentionPolicy | null>(null, () => get().policy, (slot) => set({ policy: slot }));
  const preview = createSlotLoader<RetentionPreview | null>(null, () => get().preview, (slot) => set({ preview: slot }));
  return {
    ...initial,
    async evaluate() {
      await evaluation.load(() => api.invoke('compliance.evaluate', {}), { keepData: true });
    },
    async exportReport(format) {
      const file = await api.invoke('compliance.exportReport', { format });
      saveFile(file.fileName, file.mediaType, file.contentBase64);
    },
    async markRevealsReviewed() {
      await api.invoke('compliance.markRevealsReviewed', {});
      await get().evaluate();
    },
    async loadRetention() {
      await Promise.all([policy.load(() => api.invoke('retention.getPolicy', {})), preview.load(() => api.invoke('retention.preview', {}))]);
    },
    async saveRetention(next) {
      set({ policy: { status: 'ready', data: await api.invoke('retention.updatePolicy', next), error: null } });
      await preview.load(() => api.invoke('retention.preview', {}));
    },
    async applyRetention() {
      const outcome = await api.invoke('retention.apply', {});
      set({ lastRun: outcome });
      await Promise.all([preview.load(() => api.invoke('retention.preview', {})), get().evaluate()]);
    },
    reset() {
      evaluation.cancel();
      policy.cancel();
      preview.cancel();
      set(initial);
    },
  };
});

registerSessionStore('compliance', useComplianceStore, () => useComplianceStore.getState().reset());
