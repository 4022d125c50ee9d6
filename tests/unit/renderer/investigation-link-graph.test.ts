// The link graph's view model, as plain functions: which labels show (selected neighbourhood; all
// of a small graph), node size by alert count, kind filtering, a colour and a shape per kind (so
// colour is never the only cue), growing by a node's neighbours (bounded), a stable layout that
// does not freeze at 300 nodes, and the echarts option built from all of it (masked labels, escaped
// tooltips).
import { describe, expect, it } from 'vitest';
import { entityGraphOption, shortLabel } from '../../../src-renderer/features/investigation/entity-graph-chart';
import { layoutGraph, LAYOUT_SIZE } from '../../../src-renderer/features/investigation/entity-graph-layout';
import {
  addNeighbours, filterByKind, graphModel, growGraph, kindCounts, kindStyle, labelledNodes, LABEL_ALL_UP_TO, LABELS_AT_MOST, MAX_NODE_SIZE, MIN_NODE_SIZE, nodeSize,
  type GraphNode,
} from '../../../src-renderer/features/investigation/entity-graph-model';
import { fallbackChartTheme } from '../../../src-renderer/charts/chart-theme';
import type { EntityNeighbours } from '../../../src-shared/investigation-views-contract';
import type { EntityGraph, EntityKind } from '../../../src-shared/workspace-model';
import { ENTITY_KINDS } from '../../../src-shared/workspace-model';

const node = (id: string, kind: EntityKind, alertCount = 1, value = `value-${id}`): GraphNode => ({ id, kind, value, masked: false, alertCount });

/** A hub with `n` spokes of alternating kinds, plus a few links between spokes. */
function star(n: number): EntityGraph {
  const kinds: EntityKind[] = ['ip', 'email', 'domain'];
  const nodes = [node('hub', 'account', 50), ...Array.from({ length: n }, (_, i) => node(`s${i}`, kinds[i % 3] ?? 'ip', 1 + (i % 7)))];
  const links = Array.from({ length: n }, (_, i) => ({ source: 'hub', target: `s${i}`, weight: 1 + (i % 4) }));
  for (let i = 0; i + 1 < n; i += 10) links.push({ source: `s${i}`, target: `s${i + 1}`, weight: 1 });
  return { nodes, links, truncated: false };
}

describe('labels', () => {
  it('labels every node of a small graph', () => {
    const small = star(LABEL_ALL_UP_TO - 1);
    expect(labelledNodes(small, null).size).toBe(small.nodes.length);
  });

  it('labels nothing of a large graph until a node is selected, then that node and its neighbours only', () => {
    const big = star(120);
    expect(labelledNodes(big, null).size).toBe(0);
    expect([...labelledNodes(big, 's10')].sort()).toEqual(['hub', 's10', 's11']);
    // A hub's 120 neighbours: only the most shared are labelled (weights 4, then 3, … by id).
    const hub = labelledNodes(big, 'hub');
    expect(hub.size).toBe(LABELS_AT_MOST);
    expect(hub.has('hub')).toBe(true);
    const weightOf = (id: string) => big.links.find((l) => l.source === 'hub' && l.target === id)?.weight ?? 0;
    const minLabelled = Math.min(...[...hub].filter((id) => id !== 'hub').map(weightOf));
    expect(big.nodes.filter((n) => n.id !== 'hub' && !hub.has(n.id)).every((n) => weightOf(n.id) <= minLabelled)).toBe(true);
    // A selection the filter hid labels nothing.
    expect(labelledNodes(filterByKind(big, new Set(['ip'])), 's0').size).toBe(0);
  });
});

describe('size', () => {
  it('grows with the alert count by its square root, between the bounds', () => {
    expect(nodeSize(0, 0)).toBe(MIN_NODE_SIZE);
    expect(nodeSize(100, 100)).toBe(MAX_NODE_SIZE);
    expect(nodeSize(25, 100)).toBe(Math.round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * 0.5));
    expect(nodeSize(1, 100)).toBeGreaterThan(MIN_NODE_SIZE);
    expect(nodeSize(500, 100)).toBe(MAX_NODE_SIZE);
  });
});

describe('kinds', () => {
  it('gives every kind its own shape and an Okabe–Ito colour; no two kinds look the same', () => {
    const okabeIto = new Set(['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000']);
    const styles = ENTITY_KINDS.map((kind) => kindStyle(kind, 'light'));
    expect(new Set(styles.map((s) => s.shape)).size).toBe(ENTITY_KINDS.length);
    expect(styles.every((s) => okabeIto.has(s.colour))).toBe(true);
    expect(new Set(styles.map((s) => `${s.colour}/${s.shape}`)).size).toBe(ENTITY_KINDS.length);
    // Black would vanish on the dark theme.
    expect(kindStyle('content', 'dark').colour).not.toBe('#000000');
  });

  it('filters by kind: hidden kinds leave with every link that touched them', () => {
    const graph = star(9);
    const shown = filterByKind(graph, new Set<EntityKind>(['email']));
    expect(shown.nodes.some((n) => n.kind === 'email')).toBe(false);
    expect(shown.nodes).toHaveLength(7);
    const ids = new Set(shown.nodes.map((n) => n.id));
    expect(shown.links.every((l) => ids.has(l.source) && ids.has(l.target))).toBe(true);
    expect(shown.links).toHaveLength(6);
    expect(filterByKind(graph, new Set()).nodes).toHaveLength(10);
  });

  it('counts kinds in the one order every graph uses', () => {
    expect(kindCounts(star(4).nodes)).toEqual([{ kind: 'account', count: 1 }, { kind: 'email', count: 1 }, { kind: 'ip', count: 2 }, { kind: 'domain', count: 1 }]);
  });
});

describe('expanding a node', () => {
  const expansion = (from: string, ids: string[]): EntityNeighbours => ({
    entity: { id: from, kind: 'account', value: 'x', masked: false },
    neighbours: ids.map((id, i) => ({ id, kind: 'device', value: `dev-${id}`, masked: true, sharedAlerts: 10 - i })),
    alertsRead: 10,
    truncated: false,
  });

  it('adds neighbours not yet shown, marked as added, linked once, and stops at the node limit', () => {
    const model = graphModel(star(3));
    const grown = addNeighbours(model, expansion('hub', ['s0', 'd1', 'd2']));
    expect(grown.nodes.map((n) => n.id)).toEqual(['hub', 's0', 's1', 's2', 'd1', 'd2']);
    expect(grown.nodes.find((n) => n.id === 'd1')).toMatchObject({ addedBy: 'hub', alertCount: 9, masked: true });
    // hub–s0 was linked already: not twice.
    expect(grown.links.filter((l) => [l.source, l.target].sort().join() === 'hub,s0')).toHaveLength(1);

    const capped = addNeighbours(model, expansion('hub', ['d1', 'd2', 'd3']), 5);
    expect(capped.nodes).toHaveLength(5);
    expect(capped.leftOut).toBe(2);
  });

  it('keeps what was on screen where it was, and places the new nodes', () => {
    const graph = star(40);
    const before = growGraph(graph, []);
    const after = growGraph(graph, [expansion('s3', ['d1', 'd2'])]);
    for (const n of graph.nodes) expect(after.positions.get(n.id)).toEqual(before.positions.get(n.id));
    expect(after.positions.has('d1')).toBe(true);
    expect(after.model.nodes).toHaveLength(43);
  });

  it('lays out each expansion once: asked again with the same expansions, the same picture comes back', () => {
    const graph = star(40);
    const first = expansion('s3', ['d1', 'd2']);
    const grown = growGraph(graph, [first]);
    expect(growGraph(graph, [first])).toBe(grown);
    const second = expansion('s5', ['d3']);
    const more = growGraph(graph, [first, second]);
    for (const [id, point] of grown.positions) expect(more.positions.get(id)).toEqual(point);
    expect(more.model.nodes.find((n) => n.id === 'd3')?.addedBy).toBe('s5');
    // Dropping the last expansion returns to the earlier picture.
    expect(growGraph(graph, [first])).toBe(grown);
  });
});

describe('layout', () => {
  it('is the same every time, whatever order the nodes arrive in', () => {
    const graph = star(60);
    const ids = graph.nodes.map((n) => n.id);
    const first = layoutGraph(ids, graph.links);
    expect(layoutGraph([...ids].reverse(), [...graph.links].reverse())).toEqual(first);
    expect(layoutGraph(ids, graph.links)).toEqual(first);
  });

  it('holds fixed nodes and keeps everything inside the square', () => {
    const graph = star(30);
    const positions = layoutGraph(graph.nodes.map((n) => n.id), graph.links, { fixed: new Map([['hub', { x: 10, y: 20 }]]) });
    expect(positions.get('hub')).toEqual({ x: 10, y: 20 });
    for (const p of positions.values()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(LAYOUT_SIZE);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(LAYOUT_SIZE);
    }
  });

  it('spreads nodes apart and lays out 300 nodes without holding the screen', () => {
    const graph = star(299);
    const started = performance.now();
    const positions = layoutGraph(graph.nodes.map((n) => n.id), graph.links);
    const took = performance.now() - started;
    expect(positions.size).toBe(300);
    // Generous for a shared test machine; it takes tens of ms.
    expect(took).toBeLessThan(1500);
    const points = [...positions.values()];
    const distinct = new Set(points.map((p) => `${Math.round(p.x / 5)},${Math.round(p.y / 5)}`));
    expect(distinct.size).toBe(300);
  });
});

describe('the echarts option', () => {
  type Datum = { id: string; name: string; x: number; y: number; symbol: string; symbolSize: number; label: { show: boolean }; itemStyle: { color: string; opacity: number } };
  type Series = { type: string; layout: string; data: Datum[]; links: { source: string; target: string; lineStyle: { width: number } }[] };
  const graph: EntityGraph = {
    nodes: [node('a', 'account', 100, 'acct-1'), { ...node('e', 'email', 25), value: 'j***@example.com', masked: true }, node('i', 'ip', 1, '<img src=x onerror=alert(1)>')],
    links: [{ source: 'a', target: 'e', weight: 20 }, { source: 'a', target: 'i', weight: 1 }],
    truncated: false,
  };
  const picture = (selectedId: string | null, highlighted: string[] = []) => {
    const { model, positions } = growGraph(graph, []);
    return { nodes: model.nodes, links: model.links, positions, labelled: labelledNodes(model, selectedId), selectedId, highlighted: new Set(highlighted) };
  };

  it('places nodes where the layout put them (no live force layout), shaped and coloured by kind', () => {
    const option = entityGraphOption(picture(null), fallbackChartTheme('light')) as { series: Series[]; animation: boolean };
    const series = option.series[0];
    expect(series?.layout).toBe('none');
    expect(option.animation).toBe(false);
    const positions = layoutGraph(['a', 'e', 'i'], graph.links);
    expect(series?.data.map((d) => [d.id, d.x, d.y])).toEqual(['a', 'e', 'i'].map((id) => [id, positions.get(id)?.x, positions.get(id)?.y]));
    expect(series?.data.find((d) => d.id === 'e')?.symbol).toBe(`path://${kindStyle('email', 'light').path}`);
    expect(series?.data.find((d) => d.id === 'e')?.itemStyle.color).toBe(kindStyle('email', 'light').colour);
    expect(series?.data.find((d) => d.id === 'a')?.symbolSize).toBe(MAX_NODE_SIZE);
    expect(series?.links[0]?.lineStyle.width).toBeGreaterThan(series?.links[1]?.lineStyle.width ?? Infinity);
  });

  it('labels masked entities with their masked value only, and escapes tooltips (echarts renders them as HTML)', () => {
    const option = entityGraphOption(picture(null), fallbackChartTheme('dark')) as { series: Series[]; tooltip: { formatter(p: { dataType?: string; data: unknown }): string } };
    const masked = option.series[0]?.data.find((d) => d.id === 'e');
    expect(masked?.name).toBe('j***@example.com');
    const html = option.tooltip.formatter({ dataType: 'node', data: option.series[0]?.data.find((d) => d.id === 'i') });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
    expect(shortLabel('x'.repeat(40))).toHaveLength(28);
  });

  it('dims what is outside the selected neighbourhood', () => {
    const option = entityGraphOption(picture('e', ['e', 'a']), fallbackChartTheme('light')) as { series: Series[] };
    const opacity = (id: string) => option.series[0]?.data.find((d) => d.id === id)?.itemStyle.opacity;
    expect([opacity('a'), opacity('e'), opacity('i')]).toEqual([1, 1, 0.35]);
  });
});
