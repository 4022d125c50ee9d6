// Confirms taking one alert or several out of the case, saying what follows: they go back to the
// triage queue as acknowledged, their entities leave the link graph unless another alert of the
// case has them, and the timeline records the removal (with the reason, if given). All or none:
// main removes every one or, on any failure, none.
import { useState, type RefObject, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAction } from '../../kit/use-action';
import type { AlertRow } from '../../../src-shared/model';
import { UNLINKED_ALERT_STATUS } from '../../../src-shared/investigation-views-contract';
import { TextAreaField } from './TextAreaField';
import { useInvestigationStore } from './store';

/** Titles named in the dialog; past these it says how many more. */
const NAMED = 5;

export interface RemoveAlertDialogProps {
  alerts: readonly AlertRow[];
  caseKey: string;
  onClose(): void;
  /** After main removed them all: how many. */
  onRemoved(count: number): void;
  /** Where focus goes when the button that opened it left with the removed rows. */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

export function RemoveAlertDialog({ alerts, caseKey, onClose, onRemoved, returnFocusTo }: RemoveAlertDialogProps) {
  const removeAlerts = useInvestigationStore((state) => state.removeAlerts);
  const action = useAction(removeAlerts);
  const [reason, setReason] = useState('');
  const one = alerts.length === 1;
  const count = alerts.length.toLocaleString();

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await action.run(alerts.map((alert) => alert.id), reason)) onRemoved(alerts.length);
  };

  const unnamed = alerts.length - NAMED;
  return (
    <Dialog title={one ? `Remove this alert from ${caseKey}?` : `Remove ${count} alerts from ${caseKey}?`} onClose={onClose} returnFocusTo={returnFocusTo} size="sm" testId="remove-alert-dialog">
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        {one ? (
          <p>
            <strong>{alerts[0]?.title}</strong>
          </p>
        ) : (
          <ul className="remove-alerts__titles" data-testid="remove-alert-titles">
            {alerts.slice(0, NAMED).map((alert) => (
              <li key={alert.id} className="truncate" title={alert.title}>
                {alert.title}
              </li>
            ))}
            {unnamed > 0 && <li className="muted">and {unnamed.toLocaleString()} more</li>}
          </ul>
        )}
        <p>
          {one
            ? `It goes back to the triage queue as ${UNLINKED_ALERT_STATUS}. Its entities leave this case's link graph unless another of the case's alerts has them.`
            : `They go back to the triage queue as ${UNLINKED_ALERT_STATUS}. Their entities leave this case's link graph unless another of the case's alerts has them. All ${count} are removed, or none if one cannot be.`}{' '}
          The timeline records the removal.
        </p>
        <TextAreaField label="Reason (optional)" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} rows={2} data-testid="remove-alert-reason" />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={action.pending} data-testid="remove-alert-confirm">
            {one ? 'Remove from case' : `Remove ${count} alerts from case`}
          </Button>
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
