// Which case-package dialog is open (the investigation screen, the investigations list and the
// command palette all open them), and the calls behind them.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { api } from '../../api/client';
import type { CasePackageExported, CasePackageImportOutcome, CasePackageInspection } from '../../../src-shared/case-package-contract';
import { downloadPackage, uploadPackage } from './transfer';

export interface TransferProgress {
  label: string;
  done: number;
  total: number | null;
}

interface CasePackageStore {
  /** The investigation whose export dialog is open. */
  exportFor: string | null;
  importOpen: boolean;
  openExport(investigationId: string): void;
  openImport(): void;
  close(): void;
  exportPackage(investigationId: string, passphrase: string, onProgress: (p: TransferProgress) => void): Promise<CasePackageExported>;
  inspect(source: { file: File } | { stagedId: string }, passphrase: string, onProgress: (p: TransferProgress) => void): Promise<CasePackageInspection>;
  importPackage(stagedId: string, passphrase: string): Promise<CasePackageImportOutcome>;
  discard(stagedId: string): Promise<void>;
}

export const useCasePackageStore = create<CasePackageStore>()((set) => ({
  exportFor: null,
  importOpen: false,
  openExport: (investigationId) => set({ exportFor: investigationId, importOpen: false }),
  openImport: () => set({ importOpen: true, exportFor: null }),
  close: () => set({ exportFor: null, importOpen: false }),

  async exportPackage(investigationId, passphrase, onProgress) {
    onProgress({ label: 'Sealing the package', done: 0, total: null });
    const made = await api.invoke('casePackage.export', { investigationId, passphrase });
    if (made.downloadId) {
      await downloadPackage(made.downloadId, made.fileName, (done, total) => onProgress({ label: 'Saving the file', done, total }));
    }
    return made;
  },

  async inspect(source, passphrase, onProgress) {
    if ('stagedId' in source) {
      onProgress({ label: 'Checking the passphrase and the seal', done: 0, total: null });
      return api.invoke('casePackage.inspect', { stagedId: source.stagedId, passphrase });
    }
    const uploadId = await uploadPackage(source.file, (done, total) => onProgress({ label: 'Reading the file', done, total }));
    onProgress({ label: 'Checking the passphrase and the seal', done: 0, total: null });
    return api.invoke('casePackage.inspect', { uploadId, passphrase });
  },

  importPackage: (stagedId, passphrase) => api.invoke('casePackage.import', { stagedId, passphrase }),

  async discard(stagedId) {
    await api.invoke('casePackage.discard', { stagedId }).catch(() => undefined);
  },
}));

registerSessionStore('case-package', useCasePackageStore);
