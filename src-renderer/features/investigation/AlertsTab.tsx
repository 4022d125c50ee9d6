// The investigation's alerts, newest first, with keyset "Load more". A title opens the alert in the
// triage screen's detail panel (the same panel, beside the table; the timeline opens it too);
// "Remove" takes an alert out of the case, and ticked alerts go out together ("Remove N from
// case…"), after a confirmation (RemoveAlertDialog), while the case takes changes.
import { useEffect, useRef, useState } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import { useTransientMessage } from '../../kit/use-transient-message';
import { useWidthOf } from '../../kit/use-element-width';
import { formatDateTime } from '../../format/time';
import type { AlertRow } from '../../../src-shared/model';
import { takesChanges } from '../../../src-shared/investigation-status';
import { UNLINKED_ALERT_STATUS } from '../../../src-shared/investigation-views-contract';
import { SEVERITY_LABELS, severityTone } from '../../components/severity';
import { AlertDetailPanel } from '../triage/AlertDetailPanel';
import '../triage/triage.css';
import { NO_PICKS, keepListed, pickAll, pickAllState, pickRow, picksToRemove } from './alert-picks';
import { PartState } from './PartState';
import { PickBox } from './PickBox';
import { PickedAlertsBar } from './PickedAlertsBar';
import { RemoveAlertDialog } from './RemoveAlertDialog';
import { investigationAlertColumns } from './investigation-alert-columns';
import { useInvestigationStore } from './store';
import './alerts-tab.css';

/** The cells of the columns that are always the same; their widths come from investigation-alert-columns.ts. */
const CELLS: Column<AlertRow>[] = [
  { id: 'occurred', header: 'Occurred', cell: (alert) => formatDateTime(alert.occurredAt), fullText: (alert) => formatDateTime(alert.occurredAt) },
  { id: 'severity', header: 'Severity', cell: (alert) => <Badge tone={severityTone(alert.severity)}>{SEVERITY_LABELS[alert.severity]}</Badge> },
  { id: 'source', header: 'Source', cell: (alert) => alert.source, fullText: (alert) => `${alert.source}${alert.rule ? ` / ${alert.rule}` : ''}` },
  {
    id: 'entity',
    header: 'Primary entity',
    mono: true,
    cell: (alert) => (alert.primaryEntity ? `${alert.primaryEntity.kind}: ${alert.primaryEntity.value}` : '—'),
    fullText: (alert) => (alert.primaryEntity ? `${alert.primaryEntity.kind}: ${alert.primaryEntity.value}` : undefined),
  },
  { id: 'count', header: 'Seen', align: 'end', cell: (alert) => alert.occurrences.toLocaleString() },
];

export function AlertsTab() {
  const slot = useInvestigationStore((state) => state.parts.alerts);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const loadMore = useInvestigationStore((state) => state.loadMoreAlerts);
  const detail = useInvestigationStore((state) => state.detail.data);
  const openId = useInvestigationStore((state) => state.openAlertId);
  const setOpenId = useInvestigationStore((state) => state.showAlert);
  const more = useAction(loadMore);
  const mayModify = usePermission('modify_investigations');
  const [removing, setRemoving] = useState<readonly AlertRow[] | null>(null);
  const [storedPicks, setPicks] = useState(NO_PICKS);
  const [removed, setRemoved] = useState<string | null>(null);
  const removedShown = useTransientMessage(removed, () => setRemoved(null));
  const tableRef = useRef<HTMLDivElement>(null);
  // The list's own width: less the detail panel when an alert is open beside it.
  const [listRef, listWidth] = useWidthOf();
  const refreshButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void loadPart('alerts');
  }, [loadPart]);

  const rows = slot.data?.rows ?? [];
  // Only the rows on screen stay ticked: one removed, or gone after a refresh, is no longer picked.
  const picks = keepListed(storedPicks, rows);
  const toRemove = picksToRemove(picks, rows);
  const allState = pickAllState(picks, rows);

  const mayRemove = mayModify && detail !== null && takesChanges(detail.status);
  const pickColumn: Column<AlertRow> = {
    id: 'pick',
    header: (
      <PickBox
        checked={allState === 'all'}
        mixed={allState === 'some'}
        label={`Select all ${rows.length.toLocaleString()} listed alerts`}
        onPick={() => setPicks(pickAll(picks, rows))}
        testId="investigation-alerts-pick-all"
      />
    ),
    cell: (alert) => (
      <PickBox checked={picks.ids.has(alert.id)} label={`Select ${alert.title}`} onPick={(shift) => setPicks(pickRow(picks, rows, alert.id, shift))} testId="investigation-alert-pick" />
    ),
  };
  const cells: Column<AlertRow>[] = [
    pickColumn,
    {
      id: 'title', header: 'Title', rowHeader: true, fullText: (alert) => alert.title,
      cell: (alert) => (
        <Button variant="link" size="sm" className="inv-alerts__title truncate" aria-expanded={openId === alert.id} onClick={() => setOpenId(alert.id)} data-testid="investigation-alert-open">
          {alert.title}
        </Button>
      ),
    },
    ...CELLS,
    {
      id: 'remove', header: <span className="visually-hidden">Remove</span>,
      cell: (alert: AlertRow) => (
        <Button size="sm" variant="ghost" onClick={() => setRemoving([alert])} aria-label={`Remove ${alert.title} from the case`} data-testid="investigation-alert-remove">
          Remove
        </Button>
      ),
    },
  ];
  const layout = investigationAlertColumns(listWidth, { picks: mayRemove && rows.length > 0, remove: mayRemove });
  const columns = layout.shown.flatMap(({ spec, px }) => {
    const cell = cells.find((candidate) => candidate.id === spec.id);
    // The title takes what the others leave.
    return cell ? [{ ...cell, width: spec.flexible ? undefined : `${px}px` }] : [];
  });

  const afterRemoval = (count: number) => {
    // The removed rows leave the list and so the picks (keepListed); others ticked stay ticked.
    setRemoving(null);
    const what = count === 1 ? '1 alert' : `${count.toLocaleString()} alerts`;
    setRemoved(`Removed ${what} from ${detail?.key ?? 'the case'}: back in the triage queue as ${UNLINKED_ALERT_STATUS}.`);
  };

  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Alerts</h2>
        <Button ref={refreshButton} size="sm" onClick={() => void loadPart('alerts', true)} busy={slot.status === 'loading'}>
          Refresh
        </Button>
      </div>
      <PartState slot={slot} onRetry={() => void loadPart('alerts', true)}>
        {(list) => (
          <div className="inv-alerts__split" ref={tableRef}>
            <div className="inv-alerts__list" ref={listRef}>
              {mayRemove && list.rows.length > 0 && (
                <PickedAlertsBar
                  count={toRemove.ids.length}
                  refusal={toRemove.tooMany}
                  onClear={() => setPicks(NO_PICKS)}
                  onRemove={() => setRemoving(list.rows.filter((row) => picks.ids.has(row.id)))}
                />
              )}
              <DataTable
                label="Alerts in this investigation"
                columns={columns}
                rows={list.rows}
                rowKey={(alert) => alert.id}
                rowClassName={(alert) => (picks.ids.has(alert.id) ? 'is-picked' : undefined)}
                emptyMessage="No alerts linked to this investigation."
                testId="investigation-alerts"
              />
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
            </div>
            {openId && (
              <AlertDetailPanel
                alertId={openId}
                onClose={() => {
                  setOpenId(null);
                  tableRef.current?.querySelector<HTMLElement>('[role="region"]')?.focus();
                }}
                onOpenAlert={setOpenId}
              />
            )}
          </div>
        )}
      </PartState>
      {/* A toast over the list, as in the triage queue: the rows never move when it shows or goes. */}
      <p className="triage__result" role="status" aria-live="polite" data-testid={removedShown ? 'investigation-alerts-removed' : undefined} hidden={!removedShown}>
        {removedShown}
      </p>
      {removing && detail && (
        <RemoveAlertDialog alerts={removing} caseKey={detail.key} onClose={() => setRemoving(null)} onRemoved={afterRemoval} returnFocusTo={refreshButton} />
      )}
    </div>
  );
}
