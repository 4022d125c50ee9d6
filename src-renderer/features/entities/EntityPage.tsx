// One entity: its value (masked per role), when it was seen, its risk and why, its severity mix,
// the investigations that touch it and its alerts.
import { useCallback, useEffect, useMemo } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { MaskedValue } from '../pii/MaskedValue';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable } from '../../components/VirtualTable';
import { formatDateTime } from '../../format/time';
import { useNavigationStore } from '../../kit/navigation';
import { SEVERITIES } from '../../../src-shared/model';
import { ALERT_COLUMNS } from '../triage/alert-columns';
import { firstHeldPosition, hasAfter, hasBefore, heldRows } from '../triage/alert-window';
import { SeverityBadge } from '../triage/severity';
import { LiveReveals } from '../pii/LiveReveals';
import { useEntityStore } from './store';
import { clampScore, riskBand } from './risk';
import '../triage/triage.css';
import './entity.css';

export function EntityPage() {
  const entityId = useNavigationStore((state) => state.param);
  const navigate = useNavigationStore((state) => state.navigate);
  const { detail: { data: detail, status, error }, alerts: alertsSlot, load } = useEntityStore();
  const { data: alerts, status: alertsStatus, error: alertsError } = alertsSlot;
  const rows = useMemo(() => heldRows(alerts), [alerts]);
  const loadNext = useCallback(() => void useEntityStore.getState().loadNext(), []);
  const loadPrevious = useCallback(() => void useEntityStore.getState().loadPrevious(), []);

  useEffect(() => {
    if (entityId) void load(entityId);
  }, [entityId, load]);

  if (!entityId) {
    return (
      <div className="page--narrow">
        <PageHeader title="Entity" />
        <ErrorBanner message="No entity was named. Open one from an alert, an investigation or a search." />
      </div>
    );
  }

  const score = clampScore(detail?.riskScore ?? 0);
  const band = riskBand(score);
  const severityTotal = detail ? SEVERITIES.reduce((sum, severity) => sum + detail.severityCounts[severity], 0) : 0;

  return (
    <div className="page--table entity-page" data-testid="entity-page">
      <PageHeader
        title={detail ? `Entity: ${detail.kind}` : 'Entity'}
        description={detail ? `Seen in ${detail.alertCount.toLocaleString()} ${detail.alertCount === 1 ? 'alert' : 'alerts'}` : status === 'loading' ? 'Loading…' : undefined}
        actions={
          <Button onClick={() => navigate('triage', `entity:${entityId}`)} data-testid="entity-open-triage">
            Open in triage queue
          </Button>
        }
      />
      <ErrorBanner message={error} />
      <LiveReveals />
      {detail && (
        <div className="entity-summary">
          <section className="panel entity-facts" aria-label="Facts">
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{detail.kind}</dd>
              <dt>Value</dt>
              <dd>
                <MaskedValue entity={detail} />
              </dd>
              <dt>First seen</dt>
              <dd>{formatDateTime(detail.firstSeenAt)}</dd>
              <dt>Last seen</dt>
              <dd>{formatDateTime(detail.lastSeenAt)}</dd>
              <dt>Alerts</dt>
              <dd data-testid="entity-alert-count">{detail.alertCount.toLocaleString()}</dd>
            </dl>
          </section>
          <section className="panel entity-risk" aria-labelledby="entity-risk-title">
            <h2 id="entity-risk-title">Risk</h2>
            <div className="risk-meter">
              <meter
                className={`risk-meter__bar risk--${band}`}
                min={0}
                max={100}
                low={30}
                high={60}
                optimum={0}
                value={score}
                aria-label="Risk score"
                data-testid="entity-risk"
              />
              <span className="risk-meter__value">
                <strong>{score}</strong>/100 · {band}
              </span>
            </div>
            {detail.riskFactors.length > 0 ? (
              <ul className="risk-factors">
                {detail.riskFactors.map((factor) => (
                  <li key={factor}>{factor}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No risk factors.</p>
            )}
          </section>
          <section className="panel entity-severity" aria-labelledby="entity-severity-title">
            <h2 id="entity-severity-title">Severity of its alerts</h2>
            <ul className="severity-bars">
              {SEVERITIES.slice().reverse().map((severity) => {
                const count = detail.severityCounts[severity];
                return (
                  <li key={severity}>
                    <SeverityBadge severity={severity} />
                    <span className="severity-bars__track" aria-hidden="true">
                      <span className={`severity-bars__fill severity--${severity}`} style={{ width: `${severityTotal ? (count / severityTotal) * 100 : 0}%` }} />
                    </span>
                    <span className="severity-bars__count">{count.toLocaleString()}</span>
                  </li>
                );
              })}
            </ul>
          </section>
          <section className="panel entity-investigations" aria-labelledby="entity-investigations-title">
            <h2 id="entity-investigations-title">Investigations ({detail.investigations.length})</h2>
            {detail.investigations.length === 0 ? (
              <p className="muted">No investigation touches this entity yet.</p>
            ) : (
              <ul className="entity-investigation-list">
                {detail.investigations.map((investigation) => (
                  <li key={investigation.id}>
                    <a
                      href={`#investigation/${investigation.id}`}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate('investigation', investigation.id);
                      }}
                    >
                      <span className="mono">{investigation.key}</span> <span className="truncate">{investigation.title}</span>
                    </a>
                    <span className="muted">{investigation.status.replace('_', ' ')}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      <h2 className="entity-alerts-title">Alerts</h2>
      <ErrorBanner message={alertsError} />
      <VirtualTable
        label="Alerts of this entity"
        columns={ALERT_COLUMNS}
        rows={rows}
        rowKey={(row) => row.id}
        firstPosition={firstHeldPosition(alerts)}
        totalCount={detail?.alertCount ?? null}
        hasBefore={hasBefore(alerts)}
        hasAfter={hasAfter(alerts)}
        loading={alertsStatus === 'loading'}
        emptyMessage={alertsStatus === 'failed' ? 'The alerts could not be read.' : 'No alerts mention this entity.'}
        resetKey={entityId}
        focusedKey={null}
        onNearStart={loadPrevious}
        onNearEnd={loadNext}
        onRowDoubleClick={(row) => (row.investigationId ? navigate('investigation', row.investigationId) : navigate('triage', `entity:${entityId}`))}
        testId="entity-alerts"
      />
    </div>
  );
}
