// The link graph: node size by alert count, colour (category) by kind, edges by shared alerts,
// labels exactly as main sent them (masked values stay masked), tooltips escaped.
import { describe, expect, it } from 'vitest';
import { entityGraphOption, graphNodes, nodeSize, shortLabel } from '../../../src-renderer/charts/entity-graph-option';
import { fallbackChartTheme } from '../../../src-renderer/charts/chart-theme';
import type { EntityGraph } from '../../../src-shared/workspace-model';
import { ENTITY_KINDS } from '../../../src-shared/workspace-model';

const graph: EntityGraph = {
  nodes: [
    { id: 'a', kind: 'account', value: 'acct-1', masked: false, alertCount: 100 },
    { id: 'e', kind: 'email', value: 'j***@example.com', masked: true, alertCount: 25 },
    { id: 'i', kind: 'ip', value: '<img src=x onerror=alert(1)>', masked: false, alertCount: 1 },
  ],
  links: [
    { source: 'a', target: 'e', weight: 20 },
    { source: 'a', target: 'i', weight: 1 },
  ],
  truncated: false,
};

type Series = { type: string; layout: string; data: { id: string; name: string; category: number }[]; links: { source: string; target: string; lineStyle: { width: number } }[] };
type Tooltip = { formatter(params: { dataType?: string; data: unknown }): string };

describe('entity link graph', () => {
  it('sizes nodes by alert count, the busiest largest, never below the minimum', () => {
    const nodes = graphNodes(graph);
    const size = (id: string) => nodes.find((node) => node.id === id)?.symbolSize ?? 0;
    expect(size('a')).toBeGreaterThan(size('e'));
    expect(size('e')).toBeGreaterThan(size('i'));
    expect(nodeSize(0, 0)).toBe(nodeSize(0, 10));
    expect(nodeSize(100, 100)).toBe(48);
  });

  it('colours by kind: one category per entity kind, the same index in every graph', () => {
    const nodes = graphNodes(graph);
    expect(nodes.map((node) => node.category)).toEqual([ENTITY_KINDS.indexOf('account'), ENTITY_KINDS.indexOf('email'), ENTITY_KINDS.indexOf('ip')]);
  });

  it('is a force-layout graph series whose links point at node ids, thicker for more shared alerts', () => {
    const option = entityGraphOption(graph, fallbackChartTheme('light')) as { series: Series[] };
    const series = option.series[0];
    expect(series?.type).toBe('graph');
    expect(series?.layout).toBe('force');
    expect(series?.links.map((link) => [link.source, link.target])).toEqual([['a', 'e'], ['a', 'i']]);
    expect(series?.links[0]?.lineStyle.width).toBeGreaterThan(series?.links[1]?.lineStyle.width ?? Infinity);
  });

  it('labels masked entities with their masked value only', () => {
    const option = entityGraphOption(graph, fallbackChartTheme('dark')) as { series: Series[] };
    expect(option.series[0]?.data.find((node) => node.id === 'e')?.name).toBe('j***@example.com');
  });

  it('escapes values in tooltips, which echarts renders as HTML', () => {
    const option = entityGraphOption(graph, fallbackChartTheme('light')) as { tooltip: Tooltip };
    const node = graphNodes(graph).find((candidate) => candidate.id === 'i');
    const html = option.tooltip.formatter({ dataType: 'node', data: node });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
  });

  it('shortens long labels with an ellipsis', () => {
    expect(shortLabel('x'.repeat(40))).toHaveLength(28);
    expect(shortLabel('short')).toBe('short');
  });
});
