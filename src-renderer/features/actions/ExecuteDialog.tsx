// Executing an action is a record, not an act: the dialog says so, lists what the analyst must now do
// outside Vigil for this kind (src-shared/action-instructions.ts), and records only on confirmation.
// When an administrator hooked the kind to a webhook, it says the call will follow and be noted.
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ACTION_INSTRUCTIONS } from '../../../src-shared/action-instructions';
import type { ActionItem } from '../../../src-shared/workspace-model';
import { ACTION_KIND_LABELS } from './action-rules';

export interface ExecuteDialogProps {
  action: Pick<ActionItem, 'kind' | 'destructive' | 'targets'>;
  pending: boolean;
  /** True when an administrator gave this kind a webhook (Vigil calls it after recording); null while asking. */
  hooked: boolean | null;
  /** Why the last attempt failed (the card's own banner sits behind the modal). */
  error?: string | null | undefined;
  onConfirm(): void | Promise<void>;
  onClose(): void;
}

export function ExecuteDialog({ action, pending, hooked, error, onConfirm, onClose }: ExecuteDialogProps) {
  const instructions = ACTION_INSTRUCTIONS[action.kind];
  const targets = action.targets.length;
  // A destructive action starts on Cancel: Enter alone must not record a suspension.
  const focusConfirm = !action.destructive;
  return (
    <Dialog
      title={`Execute: ${ACTION_KIND_LABELS[action.kind]}`}
      onClose={onClose}
      size="sm"
      testId="action-execute-dialog"
      footer={
        <>
          <Button onClick={onClose} {...(focusConfirm ? {} : { 'data-autofocus': true })}>
            Cancel
          </Button>
          <Button
            variant={action.destructive ? 'danger' : 'primary'}
            busy={pending}
            onClick={() => void onConfirm()}
            data-testid="action-execute-confirm"
            {...(focusConfirm ? { 'data-autofocus': true } : {})}
          >
            {hooked ? 'Record it and call the webhook' : 'I have done this: record it'}
          </Button>
        </>
      }
    >
      <ErrorBanner message={error} />
      <p data-testid="action-execute-records">
        {hooked
          ? 'Vigil records that this action was carried out, then calls the webhook an administrator set for this kind and adds its answer to the investigation as a note.'
          : instructions.records}
      </p>
      <p>
        {hooked
          ? `The webhook is expected to do this for ${targets === 1 ? 'the target' : `all ${targets} targets`}; if its note says it failed, do it by hand:`
          : `Before you confirm, outside Vigil, for ${targets === 1 ? 'the target' : `all ${targets} targets`}:`}
      </p>
      <ol className="action-instructions" data-testid="action-execute-steps">
        {instructions.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </Dialog>
  );
}
