// Asks why a masked value is needed before revealing it: main records the purpose in the audit log
// and shows the value to this user only, for a limited time.
import { useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FieldFrame } from '../../components/FieldFrame';
import { useAction } from '../../kit/use-action';
import type { EntityRef } from '../../../src-shared/workspace-model';
import { formatTimeOfDay } from '../../format/time';
import { usePiiStore } from './store';

const MIN_PURPOSE = 10;

export function RevealDialog({ entity, onClose }: { entity: EntityRef; onClose(): void }) {
  const reveal = usePiiStore((state) => state.reveal);
  const action = useAction(reveal);
  const [purpose, setPurpose] = useState('');
  const [shown, setShown] = useState<{ value: string; expiresAt: number } | null>(null);
  const [attempted, setAttempted] = useState(false);
  const tooShort = purpose.trim().length < MIN_PURPOSE;
  const localError = attempted && tooShort ? `State the purpose (at least ${MIN_PURPOSE} characters)` : null;

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (tooShort) return;
    let result: { value: string; expiresAt: number } | null = null;
    const ok = await action.run(entity.id, purpose.trim());
    if (ok) result = usePiiStore.getState().reveals.data[entity.id] ?? null;
    if (result) setShown(result);
  };

  return (
    <Dialog
      title={`Reveal ${entity.kind}`}
      onClose={onClose}
      size="sm"
      testId="pii-reveal-dialog"
      footer={
        shown ? (
          <Button variant="primary" onClick={onClose} data-testid="pii-reveal-done">
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" form="pii-reveal-form" variant="primary" busy={action.pending} data-testid="pii-reveal-confirm">
              Reveal
            </Button>
          </>
        )
      }
    >
      {shown ? (
        <>
          <p>
            <code className="masked-value__revealed" data-testid="pii-revealed-value">
              {shown.value}
            </code>
          </p>
          <Alert tone="info" role="status">
            Shown to you until {formatTimeOfDay(shown.expiresAt)}. The reveal and its purpose are in the audit log.
          </Alert>
        </>
      ) : (
        <form id="pii-reveal-form" className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
          <p>
            The value <code>{entity.value}</code> is masked for your role. Say why you need to see it; the reveal is recorded in the
            audit log and lasts a limited time.
          </p>
          <ErrorBanner message={action.error?.message} />
          <FieldFrame
            label="Purpose"
            hint={`At least ${MIN_PURPOSE} characters, e.g. “confirm account owner for INV-2025-0042”.`}
            error={localError ?? action.error?.fields['purpose']}
          >
            {(control) => (
              <textarea
                {...control}
                className="input masked-value__purpose"
                name="purpose"
                rows={3}
                maxLength={500}
                value={purpose}
                onChange={(event) => setPurpose(event.target.value)}
                data-autofocus
                data-testid="pii-reveal-purpose"
              />
            )}
          </FieldFrame>
        </form>
      )}
    </Dialog>
  );
}
