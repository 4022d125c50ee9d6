// Applies the theme preference to <html data-theme>. "system" follows prefers-color-scheme live.
import { useEffect } from 'react';
import type { Theme } from '../../src-shared/model';

export type AppliedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(preference: Theme, systemPrefersDark: boolean): AppliedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

export function useAppliedTheme(preference: Theme): void {
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      document.documentElement.dataset['theme'] = resolveTheme(preference, media.matches);
    };
    apply();
    if (preference !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [preference]);
}
