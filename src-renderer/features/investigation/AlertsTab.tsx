// The investigation's alerts, newest first, with keyset "Load more".
import { useEffect } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import type { AlertRow } from '../../../src-shared/model';
import { SEVERITY_LABELS, severityTone } from '../../components/severity';
import { PartState } from './PartState';
import { useInvestigationStore } from './store';

const COLUMNS: Column<AlertRow>[] = [
  { id: 'occurred', header: 'Occurred', width: '140px', cell: (alert) => formatDateTime(alert.occurredAt) },
  { id: 'severity', header: 'Severity', width: '96px', cell: (alert) => <Badge tone={severityTone(alert.severity)}>{SEVERITY_LABELS[alert.severity]}</Badge> },
  { id: 'title', header: 'Title', rowHeader: true, cell: (alert) => alert.title, fullText: (alert) => alert.title },
  { id: 'source', header: 'Source', width: '130px', cell: (alert) => alert.source, fullText: (alert) => `${alert.source}${alert.rule ? ` / ${alert.rule}` : ''}` },
  {
    id: 'entity',
    header: 'Primary entity',
    width: '200px',
    mono: true,
    cell: (alert) => (alert.primaryEntity ? `${alert.primaryEntity.kind}: ${alert.primaryEntity.value}` : '—'),
    fullText: (alert) => (alert.primaryEntity ? `${alert.primaryEntity.kind}: ${alert.primaryEntity.value}` : undefined),
  },
  { id: 'count', header: 'Seen', width: '64px', align: 'end', cell: (alert) => alert.occurrences.toLocaleString() },
];

export function AlertsTab() {
  const slot = useInvestigationStore((state) => state.parts.alerts);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const loadMore = useInvestigationStore((state) => state.loadMoreAlerts);
  const more = useAction(loadMore);

  useEffect(() => {
    void loadPart('alerts');
  }, [loadPart]);

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Alerts</h2>
        <Button size="sm" onClick={() => void loadPart('alerts', true)} busy={slot.status === 'loading'}>
          Refresh
        </Button>
      </div>
      <PartState slot={slot} onRetry={() => void loadPart('alerts', true)}>
        {(list) => (
          <>
            <DataTable label="Alerts in this investigation" columns={COLUMNS} rows={list.rows} rowKey={(alert) => alert.id} emptyMessage="No alerts linked to this investigation." testId="investigation-alerts" />
            <div className="table-footer">
              <span>
                {list.rows.length.toLocaleString()} shown{list.next ? '; more available' : ''}
              </span>
              {more.error && <span role="alert">{more.error.message}</span>}
              {list.next && (
                <Button size="sm" onClick={() => void more.run()} busy={more.pending} data-testid="alerts-load-more">
                  Load more
                </Button>
              )}
            </div>
          </>
        )}
      </PartState>
    </div>
  );
}
