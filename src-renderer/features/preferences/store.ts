// The signed-in user's preferences (today: the theme). Before sign-in, and after sign-out, the
// theme follows the system.
import { create } from 'zustand';
import { api } from '../../api/client';
import type { Theme } from '../../../src-shared/model';

interface PreferencesStore {
  theme: Theme;
  loaded: boolean;
  load(): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  reset(): void;
}

export const usePreferencesStore = create<PreferencesStore>()((set, get) => ({
  theme: 'system',
  loaded: false,

  async load() {
    const preferences = await api.invoke('preferences.get', {});
    set({ theme: preferences.theme, loaded: true });
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

  reset() {
    set({ theme: 'system', loaded: false });
  },
}));
