// Executing an action is a record, not an act: the dialog says so, lists what the analyst must now do
// outside Vigil for this kind (src-shared/action-instructions.ts), and records only on confirmation.
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ACTION_INSTRUCTIONS } from '../../../src-shared/action-instructions';
import type { ActionItem } from '../../../src-shared/workspace-model';
import { ACTION_KIND_LABELS } from './action-rules';

export interface ExecuteDialogProps {
  action: Pick<ActionItem, 'kind' | 'destructive' | 'targets'>;
  pending: boolean;
  /** Why the last attempt failed (the card's own banner sits behind the modal). */
  error?: string | null | undefined;
  onConfirm(): void | Promise<void>;
  onClose(): void;
}

export function ExecuteDialog({ action, pending, error, onConfirm, onClose }: ExecuteDialogProps) {
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
            I have done this: record it
          </Button>
        </>
      }
    >
      <ErrorBanner message={error} />
      <p data-testid="action-execute-records">{instructions.records}</p>
      <p>
        Before you confirm, outside Vigil, for {targets === 1 ? 'the target' : `all ${targets} targets`}:
      </p>
      <ol className="action-instructions" data-testid="action-execute-steps">
        {instructions.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </Dialog>
  );
}
