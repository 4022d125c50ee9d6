// Every password lost: the vault's recovery key sets a new password for one account and signs in.
import { useRef, useState, type SubmitEvent, type MouseEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { fieldText, focusFirstField } from '../../components/native-form';
import { useAction } from '../../app/use-action';
import { AuthLayout } from '../../app/AuthLayout';
import { useSessionStore } from '../session/store';
import { PASSWORD_RULE, checkNewPassword, hasProblems, type NewPasswordProblems } from './password-rules';

export function RecoverForm({ onBack }: { onBack(event: MouseEvent<HTMLAnchorElement>): void }) {
  const recover = useSessionStore((state) => state.recover);
  const action = useAction(recover);
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<NewPasswordProblems>({});

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string) => fieldText(data, name);
    const found = checkNewPassword(field('newPassword'), field('repeat'));
    setProblems(found);
    if (hasProblems(found)) {
      focusFirstField(formRef.current, [found.newPassword ? 'newPassword' : 'repeat']);
      return;
    }
    await action.run({ username: field('username'), recoveryKey: field('recoveryKey'), newPassword: field('newPassword') });
  };

  return (
    <AuthLayout
      title="Recover access"
      description={<p>The vault&apos;s recovery key lets you set a new password for your account. Other accounts are not changed.</p>}
    >
      <form ref={formRef} className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Username" name="username" autoFocus required autoComplete="username" autoCapitalize="none" spellCheck={false} error={action.error?.fields['username']} />
        <TextField label="Recovery key" name="recoveryKey" required mono autoComplete="off" spellCheck={false} hint="Dashes and letter case do not matter." error={action.error?.fields['recoveryKey']} />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          required
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          error={problems.newPassword ?? action.error?.fields['newPassword']}
        />
        <TextField label="Repeat new password" name="repeat" type="password" required autoComplete="new-password" error={problems.repeat} />
        <Button type="submit" variant="primary" busy={action.pending}>
          Set password and sign in
        </Button>
      </form>
      <p className="auth__switch">
        <a href="#sign-in" onClick={onBack}>
          Back to sign in
        </a>
      </p>
    </AuthLayout>
  );
}
