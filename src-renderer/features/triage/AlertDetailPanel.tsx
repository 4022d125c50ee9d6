// The side panel beside the queue: one alert in full (description, entities, raw fields, its
// investigation) and the alerts most like it, with why. A panel, not a modal: the queue stays usable.
import { useEffect, useRef } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { MaskedValue } from '../pii/MaskedValue';
import { formatDateTime } from '../../format/time';
import { useNavigationStore } from '../../kit/navigation';
import { useAlertDetailStore } from './detail-store';
import { ABOUT_YOU_REASON } from './BulkBar';
import { SeverityBadge, StatusBadge } from './severity';
import { leftFilterNotice, leftFilterReason } from './detail-filter';
import { useTriageStore } from './store';

export function AlertDetailPanel({ alertId, onClose, onOpenAlert }: { alertId: string; onClose(): void; onOpenAlert(id: string): void }) {
  const {
    detail: { data: detail, status, error }, similar: { data: similar, error: similarError }, filterMatch: { data: judged }, load, judge,
  } = useAlertDetailStore();
  const filter = useTriageStore((state) => state.filter);
  const navigate = useNavigationStore((state) => state.navigate);
  // Main's answer for this alert only: a previous alert's says nothing about it.
  const failing = judged && judged.alertId === alertId && !judged.match.matches ? judged.match.failing : null;
  const mismatch = detail && detail.id === alertId && failing ? leftFilterReason(failing, detail) : null;

  useEffect(() => {
    void load(alertId);
  }, [alertId, load]);

  // A new filter with the same alert open: ask main again (load asks with the filter of its time).
  const judgedFilter = useRef(filter);
  useEffect(() => {
    if (filter === judgedFilter.current) return;
    judgedFilter.current = filter;
    void judge();
  }, [filter, judge]);

  return (
    <aside className="triage-detail" aria-label="Alert detail" data-testid="alert-detail">
      <div className="triage-detail__header">
        <h2 className="truncate" title={detail?.title}>
          {detail?.title ?? (status === 'failed' ? 'Alert' : 'Loading…')}
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close alert detail" data-testid="alert-detail-close">
          Close
        </Button>
      </div>
      <ErrorBanner message={error} />
      {mismatch && (
        <Alert tone="info" role="status" className="triage-detail__left" testId="alert-detail-left-filter">
          {leftFilterNotice(mismatch)}{' '}
          <Button size="sm" onClick={() => useTriageStore.getState().openNextAfter(alertId)} data-testid="alert-detail-next">
            Next alert
          </Button>
        </Alert>
      )}
      {detail?.aboutYou && detail.id === alertId && (
        <Alert tone="warning" role="note" testId="alert-detail-about-you">
          {ABOUT_YOU_REASON}
        </Alert>
      )}
      {detail && (
        <div className="triage-detail__body">
          <dl className="facts">
            <dt>Severity</dt>
            <dd>
              <SeverityBadge severity={detail.severity} />
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={detail.status} />
              {detail.dismissReason && <span className="muted"> — {detail.dismissReason.replace(/_/g, ' ')}</span>}
            </dd>
            <dt>Source</dt>
            <dd className="mono">{detail.source}</dd>
            <dt>Rule</dt>
            <dd className="mono">{detail.rule ?? '—'}</dd>
            <dt>Occurred</dt>
            <dd>{formatDateTime(detail.occurredAt)}</dd>
            <dt>Last seen</dt>
            <dd>
              {formatDateTime(detail.lastSeenAt)} ({detail.occurrences.toLocaleString()}×)
            </dd>
            <dt>Assignee</dt>
            <dd>{detail.assignee?.displayName ?? 'Nobody'}</dd>
            <dt>Investigation</dt>
            <dd>
              {detail.investigation ? (
                <a
                  href={`#investigation/${detail.investigation.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate('investigation', detail.investigation?.id ?? null);
                  }}
                >
                  {detail.investigation.key} — {detail.investigation.title}
                </a>
              ) : (
                'None'
              )}
            </dd>
          </dl>
          <section>
            <h3>Description</h3>
            <p className="triage-detail__description">{detail.description || <span className="muted">No description.</span>}</p>
          </section>
          <section>
            <h3>Entities ({detail.entities.length})</h3>
            {detail.entities.length === 0 ? (
              <p className="muted">No entities were extracted.</p>
            ) : (
              <ul className="entity-list">
                {detail.entities.map((entity) => (
                  <li key={entity.id}>
                    <span className="entity-list__kind">{entity.kind}</span>
                    <MaskedValue entity={entity} onOpen={() => navigate('entity', entity.id)} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          {detail.raw && (
            <details className="triage-detail__raw">
              <summary>Raw fields ({Object.keys(detail.raw).length})</summary>
              <dl className="facts facts--raw">
                {Object.entries(detail.raw).map(([key, value]) => (
                  <div key={key} className="facts__pair">
                    <dt className="mono truncate" title={key}>
                      {key}
                    </dt>
                    <dd className="mono">{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
          <section aria-labelledby="similar-title">
            <h3 id="similar-title">Similar alerts</h3>
            <ErrorBanner message={similarError} />
            {similar === null && !similarError && <p className="muted">Looking for similar alerts…</p>}
            {similar?.length === 0 && <p className="muted">No similar alerts.</p>}
            {similar && similar.length > 0 && (
              <ul className="similar-list" data-testid="similar-alerts">
                {similar.map((item) => (
                  <li key={item.alert.id}>
                    <button type="button" className="similar-list__open" onClick={() => onOpenAlert(item.alert.id)} title={item.alert.title}>
                      <SeverityBadge severity={item.alert.severity} /> <span className="truncate">{item.alert.title}</span>
                    </button>
                    <p className="similar-list__reason">{item.reason}</p>
                    {item.shared.length > 0 && (
                      <div className="similar-list__shared">
                        {item.shared.map((entity) => (
                          <MaskedValue key={entity.id} entity={entity} onOpen={() => navigate('entity', entity.id)} />
                        ))}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </aside>
  );
}
