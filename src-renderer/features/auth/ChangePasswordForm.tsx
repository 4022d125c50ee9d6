// Current password, new password twice. Used by the forced change after a one-time password and by
// Settings; the session store's changePassword moves the session on when it was waiting for this.
import { useState, type SubmitEvent, type ReactNode } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { useSessionStore } from '../../kit/session-store';
import { NewPasswordFields, useNewPasswordCheck } from './NewPasswordFields';

export interface ChangePasswordFormProps {
  currentHint?: ReactNode;
  autoFocus?: boolean;
  /** Show a confirmation after success (Settings); the forced change moves to another screen instead. */
  confirmSuccess?: boolean;
}

export function ChangePasswordForm({ currentHint, autoFocus = false, confirmSuccess = false }: ChangePasswordFormProps) {
  const changePassword = useSessionStore((state) => state.changePassword);
  const action = useAction(changePassword, { INVALID_CREDENTIALS: 'The current password is wrong' });
  const newPassword = useNewPasswordCheck();
  const [changed, setChanged] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setChanged(false);
    if (!newPassword.check(form)) return;
    const data = new FormData(form);
    const field = (name: string) => fieldText(data, name);
    if (await action.run({ currentPassword: field('currentPassword'), newPassword: field('newPassword') })) {
      form.reset();
      setChanged(true);
    }
  };

  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner message={action.error?.message} />
      {confirmSuccess && changed && <Alert tone="success">Password changed. Use the new one from your next sign-in or unlock.</Alert>}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        required
        autoFocus={autoFocus}
        autoComplete="current-password"
        hint={currentHint}
        error={action.error?.fields['currentPassword']}
      />
      <NewPasswordFields check={newPassword} serverError={action.error?.fields['newPassword']} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
