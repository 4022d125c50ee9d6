// Setup step 2, also reached after a recovery-key rotation or a reload: show the key once, make the
// person type it back, confirm it with main. Without a key in memory, offer to issue a new one.
import { useRef, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SecretValue } from '../../components/SecretValue';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore, type IssuedRecoveryKey } from '../../kit/session-store';
import { sameRecoveryKey } from './recovery-key-text';
import { fieldText } from '../../components/native-form';

export function RecoveryKeyStep() {
  const recoveryKey = useSessionStore((state) => state.recoveryKey);
  const logout = useSessionStore((state) => state.logout);
  const signOut = useAction(logout);
  const fromSetup = recoveryKey?.origin === 'setup';

  return (
    <AuthLayout eyebrow={fromSetup ? 'Step 2 of 2' : 'Recovery key'} title="Save your recovery key" wide>
      {recoveryKey ? <ConfirmRecoveryKey issued={recoveryKey} /> : <IssueRecoveryKey />}
      <div className="auth__secondary-actions">
        <span className="muted">You can finish this later; the vault asks again at the next sign-in.</span>
        <Button variant="ghost" size="sm" onClick={() => void signOut.run()} busy={signOut.pending}>
          Sign out
        </Button>
      </div>
    </AuthLayout>
  );
}

function ConfirmRecoveryKey({ issued }: { issued: IssuedRecoveryKey }) {
  const confirm = useSessionStore((state) => state.confirmRecoveryKey);
  const action = useAction(confirm, { INVALID_CREDENTIALS: 'That is not the recovery key shown above' });
  const [mismatch, setMismatch] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = fieldText(new FormData(event.currentTarget), 'recoveryKey');
    if (!sameRecoveryKey(typed, issued.key)) {
      setMismatch(typed.trim() ? 'That does not match the key above. Check each group of four characters.' : 'Type the recovery key shown above');
      inputRef.current?.focus();
      return;
    }
    setMismatch(null);
    await action.run(typed);
  };

  return (
    <>
      <Alert tone="warning" role="note" title="Shown once. Keep it somewhere safe and offline.">
        This key is the only way back into the vault if every password is lost. Vigil cannot show it again, and nobody can
        recover the data without it. Write it down or print it, and store it apart from this computer.
      </Alert>
      <SecretValue value={issued.key} testId="recovery-key" label="Recovery key" />
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField
          ref={inputRef}
          label="Type the recovery key to confirm"
          name="recoveryKey"
          mono
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          hint="Dashes and letter case do not matter."
          error={mismatch}
        />
        <Button type="submit" variant="primary" busy={action.pending}>
          Confirm recovery key
        </Button>
      </form>
    </>
  );
}

function IssueRecoveryKey() {
  const reissue = useSessionStore((state) => state.reissueRecoveryKey);
  const action = useAction(reissue);
  return (
    <div className="form-stack">
      <p>
        The vault&apos;s recovery key has not been confirmed, and it is no longer on screen (the window was reloaded or
        signed in again). Generate a new key to continue; the previous one stops working.
      </p>
      <ErrorBanner message={action.error?.message} />
      <Button variant="primary" autoFocus onClick={() => void action.run()} busy={action.pending}>
        Generate a new recovery key
      </Button>
    </div>
  );
}
