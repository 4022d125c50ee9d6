// Setup step 1: name the vault and create its first administrator.
import type { SubmitEvent } from 'react';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../kit/session-store';
import { NewPasswordFields, useNewPasswordCheck } from '../auth/NewPasswordFields';

export function CreateVaultForm() {
  const initialize = useSessionStore((state) => state.initialize);
  const action = useAction(initialize);
  const password = useNewPasswordCheck('password');

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!password.check(event.currentTarget)) return;
    const data = new FormData(event.currentTarget);
    const field = (name: string) => fieldText(data, name);
    await action.run({ vaultName: field('vaultName'), username: field('username'), displayName: field('displayName'), password: field('password') });
  };

  const serverField = (name: string) => action.error?.fields[name];

  return (
    <AuthLayout
      eyebrow="Step 1 of 2"
      title="Set up Vigil"
      description={<p>Create the encrypted vault on this computer and its first administrator account.</p>}
    >
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
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
        <NewPasswordFields check={password} label="Password" repeatLabel="Repeat password" serverError={serverField('password')} />
        <Button type="submit" variant="primary" busy={action.pending}>
          Create vault
        </Button>
      </form>
    </AuthLayout>
  );
}
