// The link graph as an echarts option, from what entity-graph-model.ts and entity-graph-layout.ts
// decided: nodes at their computed places (no live force layout: the picture is the same each time
// and nothing animates at 300 nodes), coloured and shaped by kind, sized by alert count, labelled
// only where the model says (others on hover), the selected node ringed and its neighbourhood
// brought forward. Labels are the values as main sent them, so masked for roles without access_pii.
import type { EChartsCoreOption } from 'echarts/core';
import type { ChartTheme } from '../../charts/chart-theme';
import { kindStyle, nodeSize, type GraphLink, type GraphNode } from './entity-graph-model';
import type { Point } from './entity-graph-layout';

const LABEL_CHARS = 28;

export interface EntityGraphPicture {
  nodes: readonly GraphNode[];
  links: readonly GraphLink[];
  positions: ReadonlyMap<string, Point>;
  labelled: ReadonlySet<string>;
  selectedId: string | null;
  /** The selected node and its neighbours (empty without a selection): the rest is dimmed. */
  highlighted: ReadonlySet<string>;
}

export interface GraphNodeDatum {
  id: string;
  name: string;
  value: number;
  x: number;
  y: number;
  symbol: string;
  symbolSize: number;
  kind: GraphNode['kind'];
}

export function shortLabel(value: string): string {
  return value.length <= LABEL_CHARS ? value : `${value.slice(0, LABEL_CHARS - 1)}…`;
}

export function entityGraphOption(picture: EntityGraphPicture, theme: ChartTheme): EChartsCoreOption {
  const max = picture.nodes.reduce((highest, node) => Math.max(highest, node.alertCount), 0);
  const maxWeight = picture.links.reduce((highest, link) => Math.max(highest, link.weight), 1);
  const dimOthers = picture.highlighted.size > 0;
  const byId = new Map(picture.nodes.map((node) => [node.id, node]));
  return {
    textStyle: { fontFamily: theme.fontFamily, color: theme.text },
    tooltip: {
      backgroundColor: theme.background,
      borderColor: theme.border,
      textStyle: { color: theme.text },
      formatter: (params: { dataType?: string; data: unknown }) => tooltipText(params, byId),
    },
    animation: false,
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        draggable: false,
        top: 24,
        bottom: 24,
        left: 24,
        right: 24,
        data: picture.nodes.map((node): GraphNodeDatum & Record<string, unknown> => {
          const style = kindStyle(node.kind, theme.mode);
          const position = picture.positions.get(node.id) ?? { x: 0, y: 0 };
          const selected = node.id === picture.selectedId;
          return {
            id: node.id,
            name: node.value,
            value: node.alertCount,
            x: position.x,
            y: position.y,
            kind: node.kind,
            symbol: `path://${style.path}`,
            symbolSize: nodeSize(node.alertCount, max),
            itemStyle: {
              color: style.colour,
              // An outline in the text colour: yellow on white and black on dark stay visible.
              borderColor: selected ? theme.accent : theme.text,
              borderWidth: selected ? 3 : 0.6,
              opacity: dimOthers && !picture.highlighted.has(node.id) ? 0.35 : 1,
            },
            label: { show: picture.labelled.has(node.id), formatter: shortLabel(node.value) },
          };
        }),
        links: picture.links.map((link) => ({
          source: link.source,
          target: link.target,
          value: link.weight,
          lineStyle: {
            width: 1 + 3 * (link.weight / maxWeight),
            opacity: dimOthers && !(link.source === picture.selectedId || link.target === picture.selectedId) ? 0.2 : 0.8,
          },
        })),
        label: { position: 'right', color: theme.text, fontSize: 11, backgroundColor: theme.background, padding: [1, 3] },
        lineStyle: { color: theme.border, curveness: 0.05 },
        emphasis: { focus: 'adjacency', label: { show: true } },
        scaleLimit: { min: 0.3, max: 6 },
      },
    ],
  };
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** echarts renders tooltip strings as HTML: every value in them is escaped. */
function tooltipText(params: { dataType?: string; data: unknown }, byId: ReadonlyMap<string, GraphNode>): string {
  if (params.dataType === 'edge') {
    const link = params.data as { value: number };
    return `${link.value} shared ${link.value === 1 ? 'alert' : 'alerts'}`;
  }
  const datum = params.data as GraphNodeDatum;
  const node = byId.get(datum.id);
  const count = node?.alertCount ?? datum.value;
  const what = node?.addedBy ? `${count} shared ${count === 1 ? 'alert' : 'alerts'} (added by expanding)` : `${count} ${count === 1 ? 'alert' : 'alerts'}`;
  return `${escapeText(datum.kind)}: ${escapeText(node?.value ?? datum.name)}<br/>${what}`;
}
