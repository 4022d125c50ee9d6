// Entities of the investigation: the link graph (entities joined by the alerts they share) and the
// same entities as a table, the keyboard and screen-reader way through it. Both follow the kind
// filter; selecting a node (click it, or "Select" in the table) labels it and its neighbours and
// dims the rest; "Neighbours" grows the graph by the entities seen with it in other alerts.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { MaskedValue } from '../pii/MaskedValue';
import { EChart, useChartTheme, type ChartClick } from '../../charts/EChart';
import type { ChartTheme } from '../../charts/chart-theme';
import { useNavigationStore } from '../../kit/navigation';
import type { EntityGraph, EntityKind } from '../../../src-shared/workspace-model';
import { entityGraphOption } from './entity-graph-chart';
import { adjacency, filterByKind, growGraph, kindCounts, kindStyle, labelledNodes, type GraphNode } from './entity-graph-model';
import { useGraphExpansionStore } from './graph-expansion-store';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';
import type { EntityNeighbours } from '../../../src-shared/investigation-views-contract';
import './entity-graph.css';

/** One empty list, so a graph without expansions is not laid out again on every render. */
const NO_EXPANSIONS: readonly EntityNeighbours[] = [];

export function EntitiesTab() {
  const slot = useInvestigationStore((state) => state.parts.graph);
  const investigationId = useInvestigationStore((state) => state.investigationId);
  const loadPart = useInvestigationStore((state) => state.loadPart);

  useEffect(() => {
    void loadPart('graph');
  }, [loadPart]);

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Entities</h2>
        <Button size="sm" onClick={() => void loadPart('graph', true)} busy={slot.status === 'loading'}>
          Refresh
        </Button>
      </div>
      <PartState slot={slot} onRetry={() => void loadPart('graph', true)}>
        {(graph) => (investigationId ? <EntityGraphView graph={graph} investigationId={investigationId} /> : null)}
      </PartState>
    </div>
  );
}

/** The kind's shape in its colour, outlined so black and yellow show on either background. */
function KindGlyph({ kind, mode }: { kind: EntityKind; mode: 'light' | 'dark' }) {
  const style = kindStyle(kind, mode);
  return (
    <svg className="kind-glyph" viewBox="-1 -1 12 12" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={style.path} fill={style.colour} stroke="currentColor" strokeWidth="0.8" />
    </svg>
  );
}

function EntityGraphView({ graph, investigationId }: { graph: EntityGraph; investigationId: string }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const mode = useChartTheme().mode;
  const expansions = useGraphExpansionStore((state) => state.expansions);
  const expansionsFor = useGraphExpansionStore((state) => state.investigationId);
  const pending = useGraphExpansionStore((state) => state.pending);
  const expandError = useGraphExpansionStore((state) => state.error);
  const expand = useGraphExpansionStore((state) => state.expand);
  const openFor = useGraphExpansionStore((state) => state.openFor);
  const [hidden, setHidden] = useState<ReadonlySet<EntityKind>>(() => new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    openFor(investigationId);
  }, [investigationId, openFor]);

  // Expansions read for another investigation are not this graph's.
  const ownExpansions = expansionsFor === investigationId ? expansions : NO_EXPANSIONS;
  const { model, positions } = useMemo(() => growGraph(graph, ownExpansions), [graph, ownExpansions]);
  const shown = useMemo(() => filterByKind(model, hidden), [model, hidden]);
  const selected = selectedId !== null && shown.nodes.some((node) => node.id === selectedId) ? selectedId : null;
  const neighbours = useMemo(() => adjacency(shown.links), [shown.links]);
  const labelled = useMemo(() => labelledNodes(shown, selected), [shown, selected]);
  const highlighted = useMemo(() => (selected ? new Set([selected, ...(neighbours.get(selected) ?? [])]) : new Set<string>()), [selected, neighbours]);
  const expanded = useMemo(() => new Set(ownExpansions.map((e) => e.entity.id)), [ownExpansions]);

  const option = useCallback(
    (theme: ChartTheme) => entityGraphOption({ nodes: shown.nodes, links: shown.links, positions, labelled, selectedId: selected, highlighted }, theme),
    [shown, positions, labelled, selected, highlighted],
  );
  const onClick = useCallback((event: ChartClick) => {
    if (event.dataType !== 'node') return;
    const id = (event.data as { id?: unknown }).id;
    if (typeof id === 'string') setSelectedId((current) => (current === id ? null : id));
  }, []);
  const toggleKind = (kind: EntityKind) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  const rows = useMemo(() => [...shown.nodes].sort((a, b) => b.alertCount - a.alertCount || (a.id < b.id ? -1 : 1)), [shown.nodes]);
  const selectedNode = selected ? shown.nodes.find((node) => node.id === selected) ?? null : null;

  if (graph.nodes.length === 0) return <p className="muted">No entities yet: they come from the investigation's alerts.</p>;

  const expandButton = (node: GraphNode) => (
    <Button
      size="sm"
      variant="ghost"
      onClick={() => void expand(investigationId, node.id)}
      busy={pending === node.id}
      disabled={expanded.has(node.id)}
      aria-label={`Show the neighbours of ${node.kind} ${node.value}`}
      data-testid="entity-expand"
    >
      {expanded.has(node.id) ? 'Expanded' : 'Neighbours'}
    </Button>
  );

  const columns: Column<GraphNode>[] = [
    {
      id: 'kind', header: 'Kind', width: '110px',
      cell: (node) => (
        <span className="kind-cell">
          <KindGlyph kind={node.kind} mode={mode} /> {node.kind}
        </span>
      ),
    },
    { id: 'value', header: 'Value', rowHeader: true, cell: (node) => <MaskedValue entity={node} onOpen={() => navigate('entity', node.id)} /> },
    { id: 'alerts', header: 'Alerts', width: '110px', align: 'end', cell: (node) => (node.addedBy ? `${node.alertCount.toLocaleString()} shared` : node.alertCount.toLocaleString()) },
    { id: 'links', header: 'Linked to', width: '90px', align: 'end', cell: (node) => (neighbours.get(node.id)?.size ?? 0).toLocaleString() },
    {
      id: 'actions', header: <span className="visually-hidden">Actions</span>, width: '190px',
      cell: (node) => (
        <span className="entity-row-actions">
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={node.id === selected}
            aria-label={`${node.id === selected ? 'Clear the selection of' : 'Select'} ${node.kind} ${node.value} in the graph`}
            onClick={() => setSelectedId(node.id === selected ? null : node.id)}
            data-testid="entity-select"
          >
            {node.id === selected ? 'Selected' : 'Select'}
          </Button>
          {expandButton(node)}
        </span>
      ),
    },
  ];

  const hiddenCount = model.nodes.length - shown.nodes.length;
  return (
    <>
      {model.truncated && (
        <Alert tone="info" role="status">
          Showing the {graph.nodes.length} most-connected entities.
        </Alert>
      )}
      {model.leftOut > 0 && (
        <Alert tone="info" role="status">
          The graph holds at most {model.nodes.length} entities: {model.leftOut} more neighbours were left out.
        </Alert>
      )}
      {expandError && <Alert tone="error">{expandError}</Alert>}
      <fieldset className="kind-filter" data-testid="entity-kind-filter">
        <legend>Show kinds</legend>
        {kindCounts(model.nodes).map(({ kind, count }) => (
          <label key={kind} className="kind-filter__choice">
            <input type="checkbox" checked={!hidden.has(kind)} onChange={() => toggleKind(kind)} data-testid={`kind-filter-${kind}`} />
            <KindGlyph kind={kind} mode={mode} /> {kind} <span className="muted">({count})</span>
          </label>
        ))}
        {hidden.size > 0 && (
          <Button size="sm" variant="link" onClick={() => setHidden(new Set())}>
            Show all
          </Button>
        )}
      </fieldset>
      <EChart
        option={option}
        onClick={onClick}
        label={`Link graph of ${shown.nodes.length} entities and ${shown.links.length} links${hiddenCount > 0 ? ` (${hiddenCount} hidden by the kind filter)` : ''}; the table below lists the same entities.`}
        testId="entity-graph"
        keepView
      />
      <p className="muted inv-hint">
        Each kind has its own colour and shape. Scroll to zoom, drag to pan, hover for a name; click an entity to label it and its neighbours. Lines join entities that appear in the same alerts.
      </p>
      <div className="graph-selection" data-testid="graph-selection">
        {/* Only the words are announced; the buttons beside them are not part of the live region. */}
        <span role="status" className="graph-selection__what">
          {selectedNode ? (
            <>
              <span className="kind-cell">
                <KindGlyph kind={selectedNode.kind} mode={mode} /> {selectedNode.kind}
              </span>{' '}
              <span className="mono">{selectedNode.value}</span>{' '}
              <span className="muted">
                {selectedNode.alertCount.toLocaleString()} {selectedNode.addedBy ? 'shared ' : ''}
                {selectedNode.alertCount === 1 ? 'alert' : 'alerts'}, linked to {(neighbours.get(selectedNode.id)?.size ?? 0).toLocaleString()}
              </span>
            </>
          ) : (
            <span className="muted">No entity selected.</span>
          )}
        </span>
        {selectedNode && (
          <>
            <Button size="sm" onClick={() => navigate('entity', selectedNode.id)}>
              Open entity
            </Button>
            {expandButton(selectedNode)}
            <Button size="sm" variant="ghost" onClick={() => setSelectedId(null)}>
              Clear selection
            </Button>
          </>
        )}
      </div>
      <DataTable label="Entities in this investigation" columns={columns} rows={rows} rowKey={(node) => node.id} emptyMessage="No entities of the kinds shown." testId="entities-table" />
    </>
  );
}
