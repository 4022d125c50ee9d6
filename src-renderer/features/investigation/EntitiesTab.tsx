// Entities of the investigation: the link graph (entities joined by the alerts they share; click a
// node to open the entity) and the same entities as a table, the accessible alternative.
import { useCallback, useEffect, useMemo } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { MaskedValue } from '../pii/MaskedValue';
import { EChart, type ChartClick } from '../../charts/EChart';
import { entityGraphOption } from '../../charts/entity-graph-option';
import type { ChartTheme } from '../../charts/chart-theme';
import { useNavigationStore } from '../../kit/navigation';
import type { EntityGraph } from '../../../src-shared/workspace-model';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';

type GraphNode = EntityGraph['nodes'][number];

export function EntitiesTab() {
  const slot = useInvestigationStore((state) => state.parts.graph);
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
        {(graph) => <EntityGraphView graph={graph} />}
      </PartState>
    </div>
  );
}

function EntityGraphView({ graph }: { graph: EntityGraph }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const option = useCallback((theme: ChartTheme) => entityGraphOption(graph, theme), [graph]);
  const onClick = useCallback(
    (event: ChartClick) => {
      if (event.dataType !== 'node') return;
      const id = (event.data as { id?: unknown }).id;
      if (typeof id === 'string') navigate('entity', id);
    },
    [navigate],
  );
  const rows = useMemo(() => [...graph.nodes].sort((a, b) => b.alertCount - a.alertCount), [graph.nodes]);
  const linkCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const link of graph.links) {
      counts.set(link.source, (counts.get(link.source) ?? 0) + 1);
      counts.set(link.target, (counts.get(link.target) ?? 0) + 1);
    }
    return counts;
  }, [graph.links]);

  if (graph.nodes.length === 0) return <p className="muted">No entities yet: they come from the investigation's alerts.</p>;

  const columns: Column<GraphNode>[] = [
    { id: 'kind', header: 'Kind', width: '100px', cell: (node) => node.kind },
    { id: 'value', header: 'Value', rowHeader: true, cell: (node) => <MaskedValue entity={node} onOpen={() => navigate('entity', node.id)} /> },
    { id: 'alerts', header: 'Alerts', width: '90px', align: 'end', cell: (node) => node.alertCount.toLocaleString() },
    { id: 'links', header: 'Linked to', width: '100px', align: 'end', cell: (node) => (linkCounts.get(node.id) ?? 0).toLocaleString() },
  ];

  return (
    <>
      {graph.truncated && (
        <Alert tone="info" role="status">
          Showing the {graph.nodes.length} most-connected entities.
        </Alert>
      )}
      <EChart
        option={option}
        onClick={onClick}
        label={`Link graph of ${graph.nodes.length} entities and ${graph.links.length} links; the table below lists the same entities.`}
        testId="entity-graph"
      />
      <p className="muted inv-hint">Drag to move, scroll to zoom, click an entity to open it. Lines join entities that appear in the same alerts.</p>
      <DataTable label="Entities in this investigation" columns={columns} rows={rows} rowKey={(node) => node.id} emptyMessage="No entities." testId="entities-table" />
    </>
  );
}
