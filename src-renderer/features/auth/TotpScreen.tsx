// Second factor: a code from the authenticator app, or one of the printed recovery codes.
import type { SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../kit/session-store';
import { fieldText } from '../../components/native-form';

export function TotpScreen() {
  const session = useSessionStore((state) => state.session);
  const verifyTotp = useSessionStore((state) => state.verifyTotp);
  const logout = useSessionStore((state) => state.logout);
  const verify = useAction(verifyTotp, { VALIDATION: 'Enter the 6-digit code, or a recovery code' });
  const signOut = useAction(logout);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await verify.run(fieldText(new FormData(event.currentTarget), 'code').trim());
  };

  return (
    <AuthLayout
      title="Two-factor sign-in"
      description={<p>{session ? `Signed in as ${session.displayName} (${session.username}). ` : ''}Enter the code your authenticator app shows now.</p>}
    >
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={verify.error?.message} />
        <TextField
          label="Authentication code"
          name="code"
          autoFocus
          required
          mono
          autoComplete="one-time-code"
          spellCheck={false}
          hint="The 6-digit code, or one of your recovery codes (each works once)."
        />
        <Button type="submit" variant="primary" busy={verify.pending}>
          Verify
        </Button>
      </form>
      <div className="auth__secondary-actions">
        <span className="muted">Not you, or no device at hand?</span>
        <Button variant="ghost" size="sm" onClick={() => void signOut.run()} busy={signOut.pending}>
          Sign out
        </Button>
      </div>
    </AuthLayout>
  );
}
