// Chart colours on screen come from the app's CSS variables (theme.css), so charts follow light and
// dark like everything else; the palettes and the fallback theme are shared with main's printed
// reports (src-shared/chart-theme.ts).
import { CHART_PALETTES, type ChartMode, type ChartTheme } from '../../src-shared/chart-theme';

export { fallbackChartTheme, type ChartMode, type ChartTheme } from '../../src-shared/chart-theme';

/** The theme as the CSS variables define it right now. */
export function readChartTheme(root: HTMLElement = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const mode: ChartMode = root.dataset['theme'] === 'dark' ? 'dark' : 'light';
  return {
    mode,
    text: read('--color-text', mode === 'dark' ? '#f0f6fc' : '#1f2328'),
    textMuted: read('--color-text-muted', mode === 'dark' ? '#9ea7b3' : '#57606a'),
    border: read('--color-border', mode === 'dark' ? '#3d444d' : '#d1d9e0'),
    background: read('--color-bg', mode === 'dark' ? '#0d1117' : '#ffffff'),
    accent: read('--color-accent', mode === 'dark' ? '#4c9bff' : '#0550ae'),
    fontFamily: read('--font-sans', 'system-ui, sans-serif'),
    palette: CHART_PALETTES[mode],
  };
}

