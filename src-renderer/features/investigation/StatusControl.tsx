// Moves the investigation to one of its valid next states. Closing asks for a resolution (and an
// optional reason); reopening a closed case asks for a reason; the other moves happen at once.
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { useAction } from '../../kit/use-action';
import { fieldText } from '../../components/native-form';
import type { InvestigationStatus, Resolution } from '../../../src-shared/workspace-model';
import { RESOLUTIONS } from '../../../src-shared/workspace-model';
import { useInvestigationStore } from './store';
import { moveLabel, moveRequirements, offeredMoves, primaryMove, RESOLUTION_LABELS, STATUS_LABELS } from './status-transitions';
import { TextAreaField } from './TextAreaField';

export function StatusControl({ status }: { status: InvestigationStatus }) {
  const setStatus = useInvestigationStore((state) => state.setStatus);
  const action = useAction(setStatus);
  const [asking, setAsking] = useState<InvestigationStatus | null>(null);

  const move = (to: InvestigationStatus) => {
    const needs = moveRequirements(status, to);
    if (needs.resolution || needs.reason) setAsking(to);
    else void action.run({ status: to });
  };

  return (
    <div className="status-control" role="group" aria-label="Change status">
      {offeredMoves(status).map((to) => (
        <Button
          key={to}
          size="sm"
          variant={to === primaryMove(status) ? 'primary' : 'secondary'}
          onClick={() => move(to)}
          busy={action.pending}
          data-testid={`status-move-${to}`}
          title={`Move to ${STATUS_LABELS[to]}`}
        >
          {moveLabel(status, to)}
        </Button>
      ))}
      {action.error && !asking && (
        <span role="alert" className="status-control__error">
          {action.error.message}
        </span>
      )}
      {asking && <StatusDialog from={status} to={asking} onClose={() => setAsking(null)} />}
    </div>
  );
}

function StatusDialog({ from, to, onClose }: { from: InvestigationStatus; to: InvestigationStatus; onClose(): void }) {
  const setStatus = useInvestigationStore((state) => state.setStatus);
  const action = useAction(setStatus);
  const needs = moveRequirements(from, to);
  const [resolution, setResolution] = useState<Resolution | ''>('');
  const [missing, setMissing] = useState<string | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = fieldText(new FormData(event.currentTarget), 'reason').trim();
    if (needs.resolution && resolution === '') return setMissing('Choose how the investigation was resolved');
    if (needs.reason && reason.length < 3) return setMissing('Say why it is being reopened');
    setMissing(null);
    const done = await action.run({
      status: to,
      ...(resolution !== '' ? { resolution } : {}),
      ...(reason !== '' ? { reason } : {}),
    });
    if (done) onClose();
  };

  const title = needs.resolution ? 'Close investigation' : 'Reopen investigation';
  return (
    <Dialog title={title} onClose={onClose} size="sm" testId="status-dialog">
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        {needs.resolution && (
          <SelectField
            label="Resolution"
            name="resolution"
            value={resolution}
            onChange={(event) => setResolution(event.target.value as Resolution | '')}
            error={missing && resolution === '' ? missing : action.error?.fields['resolution']}
            data-testid="status-resolution"
            data-autofocus
          >
            <option value="">Choose…</option>
            {RESOLUTIONS.map((option) => (
              <option key={option} value={option}>
                {RESOLUTION_LABELS[option]}
              </option>
            ))}
          </SelectField>
        )}
        <TextAreaField
          label={needs.reason ? 'Reason' : 'Reason (optional)'}
          name="reason"
          rows={3}
          maxLength={1000}
          error={needs.reason && missing ? missing : action.error?.fields['reason']}
          data-testid="status-reason"
          {...(needs.resolution ? {} : { 'data-autofocus': true })}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={action.pending} data-testid="status-confirm">
            {needs.resolution ? 'Close investigation' : 'Reopen'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
