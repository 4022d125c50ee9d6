// What the link graph shows, decided apart from echarts and React so it can be tested as plain
// functions: a colour and a shape per entity kind (Okabe–Ito colours, which stay apart for the
// common colour-vision deficiencies, and a distinct shape each, so colour is never the only cue),
// node size by alert count, which kinds are shown, which nodes carry a label (the selected node and
// its neighbours; every node of a small graph), and the graph grown by a node's neighbours.
import type { EntityNeighbours } from '../../../src-shared/investigation-views-contract';
import type { EntityGraph, EntityKind, EntityRef } from '../../../src-shared/workspace-model';
import { ENTITY_KINDS } from '../../../src-shared/workspace-model';
import { layoutGraph, type Point } from './entity-graph-layout';

export const MIN_NODE_SIZE = 12;
export const MAX_NODE_SIZE = 48;
/** Up to this many nodes on screen, every node is labelled: they do not crowd each other yet. */
export const LABEL_ALL_UP_TO = 15;
/** Most labels drawn around a selection (the selected node's own included). */
export const LABELS_AT_MOST = 30;
/** Most nodes the graph holds, neighbours added included: the layout and the canvas stay quick. */
export const MAX_GRAPH_NODES = 300;
/** Most of the case's own entities asked of main, leaving room for a few expansions. */
export const CASE_GRAPH_NODES = 250;

/** Shapes as SVG paths in a 0–10 box: echarts draws them (`path://`), the legend and the list reuse them. */
const SHAPES = {
  circle: 'M5 0A5 5 0 1 1 5 10A5 5 0 1 1 5 0Z',
  square: 'M0.8 0.8H9.2V9.2H0.8Z',
  triangle: 'M5 0L10 9.5H0Z',
  diamond: 'M5 0L10 5L5 10L0 5Z',
  star: 'M5 0L6.2 3.6H10L6.9 5.8L8.1 9.5L5 7.2L1.9 9.5L3.1 5.8L0 3.6H3.8Z',
  downTriangle: 'M0 0.5H10L5 10Z',
  hexagon: 'M2.5 0.7H7.5L10 5L7.5 9.3H2.5L0 5Z',
  plus: 'M3.4 0H6.6V3.4H10V6.6H6.6V10H3.4V6.6H0V3.4H3.4Z',
  pentagon: 'M5 0L10 3.8L8.1 10H1.9L0 3.8Z',
} as const;
export type ShapeName = keyof typeof SHAPES;

export interface KindStyle {
  /** Okabe–Ito colour. */
  colour: string;
  shape: ShapeName;
  /** The shape as an SVG path in a 0–10 box. */
  path: string;
}

// Okabe & Ito (2008): orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, and
// black (shown grey on a dark background). Nine kinds, eight colours: the shape tells apart the two
// kinds that share one, and every kind has a shape of its own.
const KIND_COLOUR_AND_SHAPE: Readonly<Record<EntityKind, { light: string; dark: string; shape: ShapeName }>> = {
  account: { light: '#0072B2', dark: '#3C9BE0', shape: 'circle' },
  email: { light: '#E69F00', dark: '#E69F00', shape: 'square' },
  ip: { light: '#009E73', dark: '#009E73', shape: 'triangle' },
  domain: { light: '#CC79A7', dark: '#CC79A7', shape: 'diamond' },
  url: { light: '#56B4E9', dark: '#56B4E9', shape: 'star' },
  phone: { light: '#D55E00', dark: '#D55E00', shape: 'downTriangle' },
  device: { light: '#F0E442', dark: '#F0E442', shape: 'hexagon' },
  content: { light: '#000000', dark: '#BBBBBB', shape: 'plus' },
  payment: { light: '#0072B2', dark: '#3C9BE0', shape: 'pentagon' },
};

export function kindStyle(kind: EntityKind, mode: 'light' | 'dark'): KindStyle {
  const style = KIND_COLOUR_AND_SHAPE[kind];
  return { colour: style[mode], shape: style.shape, path: SHAPES[style.shape] };
}

/** Area grows with the alert count (size with its square root), so one busy node does not swamp the rest. */
export function nodeSize(alertCount: number, maxAlertCount: number): number {
  if (maxAlertCount <= 0) return MIN_NODE_SIZE;
  const share = Math.sqrt(Math.max(0, alertCount) / maxAlertCount);
  return Math.round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.min(1, share));
}

export type GraphNode = EntityGraph['nodes'][number] & {
  /** Set on a node that came from expanding another: it is not in the case's alerts (or not shown before). */
  addedBy?: string;
};
export type GraphLink = EntityGraph['links'][number];

/** The graph as the screen holds it: the case's graph plus what expansions added. */
export interface GraphModel {
  nodes: GraphNode[];
  links: GraphLink[];
  /** The case's graph was cut to its most-connected nodes by main. */
  truncated: boolean;
  /** Neighbours left out because the graph reached MAX_GRAPH_NODES. */
  leftOut: number;
}

export function graphModel(graph: EntityGraph): GraphModel {
  return { nodes: graph.nodes, links: graph.links, truncated: graph.truncated, leftOut: 0 };
}

/** The kinds present, in the one order every graph uses, with how many nodes of each. */
export function kindCounts(nodes: readonly GraphNode[]): { kind: EntityKind; count: number }[] {
  const counts = new Map<EntityKind, number>();
  for (const node of nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  return ENTITY_KINDS.filter((kind) => counts.has(kind)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}

/** Only the kinds not hidden, and the links whose both ends are still shown. */
export function filterByKind<G extends { nodes: readonly GraphNode[]; links: readonly GraphLink[] }>(graph: G, hidden: ReadonlySet<EntityKind>): { nodes: GraphNode[]; links: GraphLink[] } {
  if (hidden.size === 0) return { nodes: [...graph.nodes], links: [...graph.links] };
  const nodes = graph.nodes.filter((node) => !hidden.has(node.kind));
  const shown = new Set(nodes.map((node) => node.id));
  return { nodes, links: graph.links.filter((link) => shown.has(link.source) && shown.has(link.target)) };
}

/** Each node's neighbours by id, from the links. */
export function adjacency(links: readonly GraphLink[]): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const set = next.get(from) ?? new Set<string>();
    set.add(to);
    next.set(from, set);
  };
  for (const link of links) {
    add(link.source, link.target);
    add(link.target, link.source);
  }
  return next;
}

/**
 * The nodes whose label is drawn: every node of a small graph; otherwise the selected node and
 * its neighbours only (the rest show theirs on hover), so 300 labels never pile up — and of a
 * hub's many neighbours, the most shared ones, up to LABELS_AT_MOST labels in all.
 */
export function labelledNodes(graph: { nodes: readonly GraphNode[]; links: readonly GraphLink[] }, selectedId: string | null): Set<string> {
  if (graph.nodes.length <= LABEL_ALL_UP_TO) return new Set(graph.nodes.map((node) => node.id));
  if (!selectedId || !graph.nodes.some((node) => node.id === selectedId)) return new Set();
  const weights = new Map<string, number>();
  for (const link of graph.links) {
    if (link.source === selectedId) weights.set(link.target, Math.max(weights.get(link.target) ?? 0, link.weight));
    else if (link.target === selectedId) weights.set(link.source, Math.max(weights.get(link.source) ?? 0, link.weight));
  }
  const strongest = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, LABELS_AT_MOST - 1);
  return new Set([selectedId, ...strongest.map(([id]) => id)]);
}

/**
 * The graph grown by one expansion: neighbours not yet in it become nodes (marked as added by the
 * expanded entity), and each gets a link weighted by the alerts they share, unless one is already
 * there. Stops at MAX_GRAPH_NODES and counts what it left out.
 */
export function addNeighbours(model: GraphModel, expansion: EntityNeighbours, maxNodes = MAX_GRAPH_NODES): GraphModel {
  const from = expansion.entity.id;
  const present = new Set(model.nodes.map((node) => node.id));
  if (!present.has(from)) return model;
  const linked = new Set(model.links.map((link) => pairKey(link.source, link.target)));
  const nodes = [...model.nodes];
  const links = [...model.links];
  let leftOut = model.leftOut;
  for (const neighbour of expansion.neighbours) {
    if (!present.has(neighbour.id)) {
      if (nodes.length >= maxNodes) {
        leftOut += 1;
        continue;
      }
      nodes.push({ ...entityRefOf(neighbour), alertCount: neighbour.sharedAlerts, addedBy: from });
      present.add(neighbour.id);
    }
    const key = pairKey(from, neighbour.id);
    if (!linked.has(key)) {
      links.push({ source: from, target: neighbour.id, weight: neighbour.sharedAlerts });
      linked.add(key);
    }
  }
  return { ...model, nodes, links, leftOut };
}

function entityRefOf(entity: EntityRef): EntityRef {
  return { id: entity.id, kind: entity.kind, value: entity.value, masked: entity.masked };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export interface GrownGraph {
  model: GraphModel;
  positions: Map<string, Point>;
}

/**
 * Each graph's layouts after 0, 1, 2… expansions, kept while the graph object lives: a new
 * expansion lays out only its own nodes instead of repeating every earlier step (tens of ms each
 * at 300 nodes), and the same inputs give the same objects back.
 */
const grownSteps = new WeakMap<EntityGraph, { expansion: EntityNeighbours | null; grown: GrownGraph }[]>();

/**
 * The case's graph grown by each expansion in turn, and where every node sits: the case's nodes
 * are placed first, then each expansion places only its new nodes (around the node expanded) and
 * holds the rest, so expanding never rearranges what the analyst was looking at.
 */
export function growGraph(graph: EntityGraph, expansions: readonly EntityNeighbours[]): GrownGraph {
  let steps = grownSteps.get(graph);
  if (!steps) {
    const model = graphModel(graph);
    steps = [{ expansion: null, grown: { model, positions: layoutGraph(model.nodes.map((node) => node.id), model.links) } }];
    grownSteps.set(graph, steps);
  }
  // Reuse the steps whose expansions are the ones asked for, in order; redo from the first that differs.
  let done = 0;
  while (done < expansions.length && steps[done + 1]?.expansion === expansions[done]) done += 1;
  steps.length = done + 1;
  for (let i = done; i < expansions.length; i += 1) {
    const expansion = expansions[i];
    const previous = steps[i]?.grown;
    if (!expansion || !previous) break;
    steps.push({ expansion, grown: growOnce(previous, expansion) });
  }
  return steps[expansions.length]?.grown ?? steps[0]?.grown ?? { model: graphModel(graph), positions: new Map() };
}

function growOnce({ model, positions }: GrownGraph, expansion: EntityNeighbours): GrownGraph {
  const grown = addNeighbours(model, expansion);
  if (grown.nodes.length === model.nodes.length) return { model: grown, positions };
  const nearOf = new Map(grown.nodes.flatMap((node) => (node.addedBy && !positions.has(node.id) ? [[node.id, node.addedBy] as const] : [])));
  return { model: grown, positions: layoutGraph(grown.nodes.map((node) => node.id), grown.links, { fixed: positions, nearOf }) };
}
