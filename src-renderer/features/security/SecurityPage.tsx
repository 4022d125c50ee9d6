// The Security screen: incidents the monitoring of Vigil's own use opened (docs/SECURITY-MONITORING.md),
// newest first, one open beside the list with the audit rows that made it fire and its status actions,
// and each person's risk score with what contributed.
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { useAction } from '../../kit/use-action';
import { useSessionStore } from '../../kit/session-store';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../../src-shared/security-model';
import { IncidentDetail } from './IncidentDetail';
import { IncidentTable } from './IncidentTable';
import { RiskScores } from './RiskScores';
import { ThresholdsPanel } from './ThresholdsPanel';
import { STATUS_LABELS } from './incident-labels';
import { useSecurityStore } from './store';
import './security.css';

export function SecurityPage() {
  const { incidents, loadingMore, status, detail, risk, load, loadMore, open, move, scan } = useSecurityStore();
  const userId = useSessionStore((state) => state.session?.userId ?? null);
  const scanning = useAction(scan);

  useEffect(() => {
    void load(useSecurityStore.getState().status);
  }, [load]);

  const rows = incidents.data.incidents;
  const loading = incidents.status === 'loading' || incidents.status === 'idle';

  return (
    <div className="security-page">
      <PageHeader
        title="Security"
        description="Incidents about how Vigil itself is used: sign-in failures, unusual sign-in hours, mass exports, PII reveals, permission denials, restores, role changes and the audit chain. Nobody may handle an incident about themselves."
        actions={
          <Button onClick={() => void scanning.run()} busy={scanning.pending}>
            Scan now
          </Button>
        }
      />
      <ErrorBanner message={scanning.error?.message} />
      <div className="security-page__filter">
        <SelectField label="Status" inline value={status} onChange={(event) => void load(event.target.value as IncidentStatus | '')}>
          <option value="">All</option>
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner message={incidents.error} />
      <div className="security-page__split">
        <IncidentTable incidents={rows} selectedId={detail.data?.id ?? null} loading={loading} status={status} onOpen={(id) => void open(id)} />
        <aside className="panel security-pane" aria-label="Incident" data-testid="security-incident">
          <ErrorBanner message={detail.error} />
          {detail.data ? (
            <IncidentDetail incident={detail.data} userId={userId} onMove={move} onClose={() => void open(null)} />
          ) : (
            <p className="muted">{detail.status === 'loading' ? 'Loading…' : 'Choose an incident to see its evidence and act on it.'}</p>
          )}
        </aside>
      </div>
      <div className="table-footer">
        <span role="status">{loading ? '' : `Showing ${rows.length} ${rows.length === 1 ? 'incident' : 'incidents'}`}</span>
        {incidents.data.nextCursor !== null && (
          <Button size="sm" onClick={() => void loadMore()} busy={loadingMore}>
            Load older
          </Button>
        )}
      </div>
      <RiskScores scores={risk.data} error={risk.error} />
      <ThresholdsPanel />
    </div>
  );
}
