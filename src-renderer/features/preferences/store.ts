// The signed-in user's preferences: the theme, and whether evidence images start blurred. Before
// sign-in, and after sign-out, the theme follows the system and images are blurred.
import { create } from 'zustand';
import { api } from '../../api/client';
import type { Preferences, Theme } from '../../../src-shared/model';

export type EvidenceImages = Preferences['evidenceImages'];

interface PreferencesStore {
  theme: Theme;
  evidenceImages: EvidenceImages;
  loaded: boolean;
  load(): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  setEvidenceImages(choice: EvidenceImages): Promise<void>;
  reset(): void;
}

export const usePreferencesStore = create<PreferencesStore>()((set, get) => ({
  theme: 'system',
  evidenceImages: 'blurred',
  loaded: false,

  async load() {
    const preferences = await api.invoke('preferences.get', {});
    set({ theme: preferences.theme, evidenceImages: preferences.evidenceImages ?? 'blurred', loaded: true });
  },

  async setTheme(theme) {
    const previous = get().theme;
    // Apply at once so the radio and the page agree; undo if the server refuses.
    set({ theme });
    try {
      const saved = await api.invoke('preferences.update', { theme });
      set({ theme: saved.theme });
    } catch (error) {
      set({ theme: previous });
      throw error;
    }
  },

  async setEvidenceImages(evidenceImages) {
    const previous = get().evidenceImages;
    set({ evidenceImages });
    try {
      const saved = await api.invoke('preferences.update', { evidenceImages });
      set({ evidenceImages: saved.evidenceImages ?? evidenceImages });
    } catch (error) {
      set({ evidenceImages: previous });
      throw error;
    }
  },

  reset() {
    set({ theme: 'system', evidenceImages: 'blurred', loaded: false });
  },
}));
