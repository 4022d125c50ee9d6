// Charts drawn in main for printed reports: the same options as the screen's, as SVG with a bar per
// day and the days on the axis, without a browser.
import { describe, expect, it } from 'vitest';
import { backlogOption, volumeOption } from '../../../src-shared/analytics-charts';
import { chartSvg, PRINT_CHART_THEME } from '../../../src-main/reports/chart-svg';
import { statsFixture } from './stats-fixture';

/** The bars of the first bar series: echarts tags each drawn datum with its series and index. */
const barsOf = (svg: string, series: number): number => (svg.match(new RegExp(`ecmeta_series_index="${series}" ecmeta_data_index="\\d+" ecmeta_ssr_type="chart"`, 'g')) ?? []).length;

describe('charts as SVG', () => {
  it('draws one alert bar per day of the range, and more days make more bars', () => {
    // Series 0–3 are the forecast bands; 4 is the alerts' bars.
    const week = chartSvg(volumeOption(statsFixture(7), PRINT_CHART_THEME), { width: 720, height: 330 });
    const month = chartSvg(volumeOption(statsFixture(30), PRINT_CHART_THEME), { width: 720, height: 330 });
    expect(week.startsWith('<svg')).toBe(true);
    expect(barsOf(week, 4)).toBe(7);
    expect(barsOf(month, 4)).toBe(30);
  });

  it('labels the axis with the days and the legend with the series, and has no script or style', () => {
    const svg = chartSvg(backlogOption(statsFixture(7), PRINT_CHART_THEME), { width: 720, height: 280 });
    expect(svg).toContain('>2026-03-01</text>');
    expect(svg).toContain('>Open at day end</text>');
    expect(svg).not.toMatch(/<(script|style|foreignObject)\b/);
    // Drawn once for paper: the same numbers give the same picture.
    expect(chartSvg(backlogOption(statsFixture(7), PRINT_CHART_THEME), { width: 720, height: 280 }).replace(/zr\d+-/g, '')).toBe(svg.replace(/zr\d+-/g, ''));
  });
});
