// Chart colours come from the app's CSS variables (theme.css), so charts follow light and dark like
// everything else. Series palettes that theme.css has no variables for are chosen per theme here,
// each checked to stand apart on that theme's background.

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

const PALETTES: Readonly<Record<ChartMode, readonly string[]>> = {
  light: ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#0a7c86', '#6e7781', '#bc4c00'],
  dark: ['#4c9bff', '#ff80c8', '#56d364', '#e3b341', '#b392f0', '#ff7b72', '#39c5cf', '#9ea7b3', '#ffa657'],
};

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
    palette: PALETTES[mode],
  };
}

/** A theme for tests and for code that runs before the DOM is styled. */
export function fallbackChartTheme(mode: ChartMode): ChartTheme {
  return mode === 'dark'
    ? { mode, text: '#f0f6fc', textMuted: '#9ea7b3', border: '#3d444d', background: '#0d1117', accent: '#4c9bff', fontFamily: 'system-ui', palette: PALETTES.dark }
    : { mode, text: '#1f2328', textMuted: '#57606a', border: '#d1d9e0', background: '#ffffff', accent: '#0550ae', fontFamily: 'system-ui', palette: PALETTES.light };
}
