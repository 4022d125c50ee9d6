// The one echarts wrapper: creates the chart, rebuilds its option when the data or the theme
// changes (data-theme on <html>), resizes with its box (ResizeObserver), and disposes on unmount.
// Only the echarts parts the app uses are registered, to keep the bundle small.
import { useEffect, useRef, useState } from 'react';
import { init, use as registerEchartsParts, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { BarChart, GraphChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { readChartTheme, type ChartTheme } from './chart-theme';
import './chart.css';

registerEchartsParts([GraphChart, LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface ChartClick {
  dataType?: string;
  data: unknown;
  /** The series clicked (its name in the option) and the item's category (an x-axis date). */
  seriesName?: string;
  /** The series' place in the option's series, for charts whose series names are data (source names). */
  seriesIndex?: number;
  name?: string;
  dataIndex?: number;
}

export interface EChartProps {
  /** Built from the current theme; memoise it (useCallback) so the chart is not rebuilt every render. */
  option(theme: ChartTheme): EChartsCoreOption;
  /** What the chart shows, for assistive technology (the chart itself is a canvas). */
  label: string;
  onClick?(event: ChartClick): void;
  height?: number;
  testId?: string;
  /**
   * Merge a new option into the chart instead of replacing it, so a zoom or pan the user made
   * survives an update (the link graph is rebuilt on every selection).
   */
  keepView?: boolean;
}

/** The chart theme now, following the app's light and dark (for legends drawn beside a chart). */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(() => readChartTheme());
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readChartTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

export function EChart({ option, label, onClick, height = 420, testId, keepView = false }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickHandler = useRef(onClick);
  const theme = useChartTheme();

  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.({
      dataType: (params as { dataType?: string }).dataType, data: params.data, seriesName: params.seriesName, seriesIndex: params.seriesIndex, name: params.name, dataIndex: params.dataIndex,
    }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option(theme), { notMerge: !keepView });
  }, [option, theme, keepView]);

  return <div ref={box} className="echart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}
