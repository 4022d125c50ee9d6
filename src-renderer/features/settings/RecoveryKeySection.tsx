// Replaces the vault's recovery key (system_config). The old key stops working at once, and the new
// one goes through the same show-once-and-confirm step as at setup.
import type { SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { useSessionStore } from '../../kit/session-store';
import { fieldText } from '../../components/native-form';

export function RecoveryKeySection() {
  const rotate = useSessionStore((state) => state.rotateRecoveryKey);
  const action = useAction(rotate, { INVALID_CREDENTIALS: 'Wrong password' });

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await action.run(fieldText(new FormData(event.currentTarget), 'password'));
  };

  return (
    <section className="panel" aria-labelledby="settings-recovery-key">
      <h2 id="settings-recovery-key">Recovery key</h2>
      <p className="panel__description">The key that opens the vault when every password is lost. Replace it if it may have been seen by someone else.</p>
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <Alert tone="warning" role="note">
          The current recovery key stops working immediately. You will be shown the new key once and asked to type it back.
        </Alert>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" hint="Your password, to confirm it is you." />
        <div className="form-actions">
          <Button type="submit" variant="danger" busy={action.pending}>
            Generate a new recovery key
          </Button>
        </div>
      </form>
    </section>
  );
}
