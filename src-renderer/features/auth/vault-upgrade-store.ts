// How far an upgrade of the vault to a new format has got, pushed by main to every window while a
// sign-in or unlock waits for it (vault.upgrading). Nothing from the vault: only versions and a count.
import { create } from 'zustand';
import { onEvent } from '../../api/client';
import type { VaultUpgradeProgress } from '../../../src-shared/events';

interface VaultUpgradeState {
  /** The upgrade under way; null when none is (the last one committed or failed). */
  progress: VaultUpgradeProgress | null;
  receive(progress: VaultUpgradeProgress): void;
}

export const useVaultUpgradeStore = create<VaultUpgradeState>()((set) => ({
  progress: null,
  receive(progress) {
    set({ progress: progress.failed || progress.done >= progress.total ? null : progress });
  },
}));

onEvent('vault.upgrading', (progress) => useVaultUpgradeStore.getState().receive(progress));
