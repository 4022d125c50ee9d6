// Chart themes both processes draw with: the screen reads its colours from the app's CSS variables
// (src-renderer/charts/chart-theme.ts); reports printed in main use the light fallback. Series
// palettes are chosen per theme here, each checked to stand apart on that theme's background.
import type { Severity } from './model';

export type ChartMode = 'light' | 'dark';

export interface ChartTheme {
  mode: ChartMode;
  text: string;
  textMuted: string;
  border: string;
  background: string;
  accent: string;
  fontFamily: string;
  /** Categorical colours, in a fixed order so a category keeps its colour across charts. */
  palette: readonly string[];
}

export const CHART_PALETTES: Readonly<Record<ChartMode, readonly string[]>> = {
  light: ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#0a7c86', '#6e7781', '#bc4c00'],
  dark: ['#4c9bff', '#ff80c8', '#56d364', '#e3b341', '#b392f0', '#ff7b72', '#39c5cf', '#9ea7b3', '#ffa657'],
};

/**
 * Severity in charts, in the tones its badge has everywhere else (severity.ts): low neutral, medium
 * info, high warning, critical danger; each taken from the theme's palette, so they stand apart.
 */
export const SEVERITY_CHART_COLOURS: Readonly<Record<ChartMode, Readonly<Record<Severity, string>>>> = {
  light: { low: '#6e7781', medium: '#0969da', high: '#9a6700', critical: '#cf222e' },
  dark: { low: '#9ea7b3', medium: '#4c9bff', high: '#e3b341', critical: '#ff7b72' },
};

/** A theme for tests, for printed reports and for code that runs before the DOM is styled. */
export function fallbackChartTheme(mode: ChartMode): ChartTheme {
  return mode === 'dark'
    ? { mode, text: '#f0f6fc', textMuted: '#9ea7b3', border: '#3d444d', background: '#0d1117', accent: '#4c9bff', fontFamily: 'system-ui', palette: CHART_PALETTES.dark }
    : { mode, text: '#1f2328', textMuted: '#57606a', border: '#d1d9e0', background: '#ffffff', accent: '#0550ae', fontFamily: 'system-ui', palette: CHART_PALETTES.light };
}
