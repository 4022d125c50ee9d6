// Charts for printed reports, drawn as SVG without a browser: echarts' server-side renderer draws
// the same options the screen draws (src-shared/analytics-charts.ts) into a string. Only the chart
// kinds and components those options use are registered. Runs in the report worker: a first chart
// costs tens of milliseconds.
import PDFDocument from 'pdfkit';
import { init, setPlatformAPI, use, type EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { fallbackChartTheme, type ChartTheme } from '../../src-shared/chart-theme';
import { resourceFile } from '../platform/resource-files';

use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** Printed charts are light and set in the report's own font, which the PDF embeds. */
export const PRINT_CHART_THEME: ChartTheme = { ...fallbackChartTheme('light'), fontFamily: 'DejaVu Sans, sans-serif' };

// Without a browser echarts guesses text widths from a generic sans-serif; DejaVu is wider, and a
// legend laid out by the guess overlaps itself on paper. Measured with the embedded font instead.
let measuring: PDFKit.PDFDocument | null = null;
setPlatformAPI({
  measureText(text: string, font?: string) {
    if (!measuring) {
      measuring = new PDFDocument({ autoFirstPage: false });
      measuring.registerFont('body', resourceFile('fonts/DejaVuSans.ttf'));
      measuring.registerFont('bold', resourceFile('fonts/DejaVuSans-Bold.ttf'));
    }
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
    const bold = /\b(bold|[6-9]00)\b/.test(font ?? '');
    return { width: measuring.font(bold ? 'bold' : 'body').fontSize(size).widthOfString(text) };
  },
});

export interface ChartSize {
  /** In CSS pixels (1/96 in); the PDF scales them to fit its column. */
  width: number;
  height: number;
}

/** An SVG document of the chart, the same for the same option and size. */
export function chartSvg(option: EChartsCoreOption, size: ChartSize): string {
  // Paper has no pointer: the tooltip (and its component, not registered) has nothing to do there.
  const { tooltip: _tooltip, ...printable } = option;
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...printable, animation: false });
    // Hover rules (a style sheet and the classes it styles) are for screens; a PDF converter would
    // only stumble over them.
    return chart.renderToSVGString().replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '').replace(/ class="zr\d+-cls-\d+"/g, '');
  } finally {
    chart.dispose();
  }
}
