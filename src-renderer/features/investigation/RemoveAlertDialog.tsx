// Confirms taking an alert out of the case, saying what follows: it goes back to the triage queue
// as acknowledged, its entities leave the link graph unless another alert of the case has them, and
// the timeline records the removal (with the reason, if given).
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAction } from '../../kit/use-action';
import type { AlertRow } from '../../../src-shared/model';
import { UNLINKED_ALERT_STATUS } from '../../../src-shared/investigation-views-contract';
import { TextAreaField } from './TextAreaField';
import { useInvestigationStore } from './store';

export function RemoveAlertDialog({ alert, caseKey, onClose, onRemoved }: { alert: AlertRow; caseKey: string; onClose(): void; onRemoved(): void }) {
  const removeAlerts = useInvestigationStore((state) => state.removeAlerts);
  const action = useAction(removeAlerts);
  const [reason, setReason] = useState('');

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await action.run([alert.id], reason)) onRemoved();
  };

  return (
    <Dialog title={`Remove this alert from ${caseKey}?`} onClose={onClose} size="sm" testId="remove-alert-dialog">
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <p>
          <strong>{alert.title}</strong>
        </p>
        <p>
          It goes back to the triage queue as {UNLINKED_ALERT_STATUS}. Its entities leave this case's link graph unless another of the case's alerts has them. The
          timeline records the removal.
        </p>
        <TextAreaField label="Reason (optional)" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} rows={2} data-testid="remove-alert-reason" />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={action.pending} data-testid="remove-alert-confirm">
            Remove from case
          </Button>
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
