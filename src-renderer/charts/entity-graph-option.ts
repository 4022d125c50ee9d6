// The investigation's link graph as an echarts option: force layout, one category (colour) per
// entity kind, node size by how many alerts mention the entity, edge width by shared alerts.
// Labels are the values as main sent them, so masked for roles without access_pii.
import type { EChartsCoreOption } from 'echarts/core';
import type { EntityGraph, EntityKind } from '../../src-shared/workspace-model';
import { ENTITY_KINDS } from '../../src-shared/workspace-model';
import type { ChartTheme } from './chart-theme';

const MIN_SIZE = 12;
const MAX_SIZE = 48;
const LABEL_CHARS = 28;

export interface GraphNodeDatum {
  id: string;
  name: string;
  value: number;
  category: number;
  symbolSize: number;
  kind: EntityKind;
}

/** Area grows with the alert count (size with its square root), so one busy node does not swamp the rest. */
export function nodeSize(alertCount: number, maxAlertCount: number): number {
  if (maxAlertCount <= 0) return MIN_SIZE;
  const share = Math.sqrt(Math.max(0, alertCount) / maxAlertCount);
  return Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.min(1, share));
}

export function shortLabel(value: string): string {
  return value.length <= LABEL_CHARS ? value : `${value.slice(0, LABEL_CHARS - 1)}…`;
}

export function graphNodes(graph: EntityGraph): GraphNodeDatum[] {
  const max = graph.nodes.reduce((highest, node) => Math.max(highest, node.alertCount), 0);
  return graph.nodes.map((node) => ({
    id: node.id,
    name: node.value,
    value: node.alertCount,
    category: ENTITY_KINDS.indexOf(node.kind),
    symbolSize: nodeSize(node.alertCount, max),
    kind: node.kind,
  }));
}

export function entityGraphOption(graph: EntityGraph, theme: ChartTheme): EChartsCoreOption {
  const nodes = graphNodes(graph);
  const maxWeight = graph.links.reduce((highest, link) => Math.max(highest, link.weight), 1);
  const presentKinds = new Set(graph.nodes.map((node) => node.kind));
  return {
    color: [...theme.palette],
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: {
      backgroundColor: theme.background,
      borderColor: theme.border,
      textStyle: { color: theme.text },
      formatter: (params: { dataType?: string; data: unknown }) => tooltipText(params, graph),
    },
    legend: {
      top: 4,
      // Nodes drift under the legend in a force layout: give it a backdrop so it stays readable.
      backgroundColor: theme.background,
      padding: [4, 8],
      z: 10,
      textStyle: { color: theme.textMuted },
      data: ENTITY_KINDS.filter((kind) => presentKinds.has(kind)),
    },
    animationDuration: 400,
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        top: 40,
        categories: ENTITY_KINDS.map((kind) => ({ name: kind })),
        data: nodes.map((node) => ({ ...node, label: { show: node.symbolSize >= 20, formatter: shortLabel(node.name) } })),
        links: graph.links.map((link) => ({
          source: link.source,
          target: link.target,
          value: link.weight,
          lineStyle: { width: 1 + 3 * (link.weight / maxWeight) },
        })),
        force: { repulsion: 140, edgeLength: [40, 140], gravity: 0.15 },
        zoom: 0.85,
        label: { position: 'right', color: theme.text, fontSize: 11 },
        lineStyle: { color: theme.border, opacity: 0.9, curveness: 0.05 },
        emphasis: { focus: 'adjacency', label: { show: true } },
      },
    ],
  };
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** echarts renders tooltip strings as HTML: every value in them is escaped. */
function tooltipText(params: { dataType?: string; data: unknown }, graph: EntityGraph): string {
  if (params.dataType === 'edge') {
    const link = params.data as { source: string; target: string; value: number };
    return `${link.value} shared ${link.value === 1 ? 'alert' : 'alerts'}`;
  }
  const node = params.data as GraphNodeDatum;
  const source = graph.nodes.find((candidate) => candidate.id === node.id);
  return `${escapeText(node.kind)}: ${escapeText(source?.value ?? node.name)}<br/>${node.value} ${node.value === 1 ? 'alert' : 'alerts'}`;
}
