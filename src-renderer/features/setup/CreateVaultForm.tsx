// Setup step 1: name the vault and create its first administrator.
import { useRef, useState, type SubmitEvent } from 'react';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { fieldText, focusFirstField } from '../../components/native-form';
import { useAction } from '../../app/use-action';
import { AuthLayout } from '../../app/AuthLayout';
import { useSessionStore } from '../session/store';
import { PASSWORD_RULE, checkNewPassword, hasProblems, type NewPasswordProblems } from '../auth/password-rules';

export function CreateVaultForm() {
  const initialize = useSessionStore((state) => state.initialize);
  const action = useAction(initialize);
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<NewPasswordProblems>({});

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string) => fieldText(data, name);
    const found = checkNewPassword(field('password'), field('repeat'));
    setProblems(found);
    if (hasProblems(found)) {
      focusFirstField(formRef.current, [found.newPassword ? 'password' : 'repeat']);
      return;
    }
    await action.run({ vaultName: field('vaultName'), username: field('username'), displayName: field('displayName'), password: field('password') });
  };

  const serverField = (name: string) => action.error?.fields[name];

  return (
    <AuthLayout
      eyebrow="Step 1 of 2"
      title="Set up Vigil"
      description={<p>Create the encrypted vault on this computer and its first administrator account.</p>}
    >
      <form ref={formRef} className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Vault name" name="vaultName" required autoFocus hint="Shown on the sign-in screen, e.g. the team's name." error={serverField('vaultName')} />
        <TextField
          label="Username"
          name="username"
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          hint="2–32 characters: letters, digits, dot, dash, underscore."
          error={serverField('username')}
        />
        <TextField label="Display name" name="displayName" required autoComplete="name" error={serverField('displayName')} />
        <TextField
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          error={problems.newPassword ?? serverField('password')}
        />
        <TextField label="Repeat password" name="repeat" type="password" required autoComplete="new-password" error={problems.repeat} />
        <Button type="submit" variant="primary" busy={action.pending}>
          Create vault
        </Button>
      </form>
    </AuthLayout>
  );
}
