// Every password lost: the vault's recovery key sets a new password for one account and signs in.
import type { SubmitEvent, MouseEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../kit/session-store';
import { NewPasswordFields, useNewPasswordCheck } from './NewPasswordFields';
import { VaultUpgradeProgressBar } from './VaultUpgradeProgressBar';
import { useVaultUpgradeStore } from './vault-upgrade-store';

export function RecoverForm({ onBack }: { onBack(event: MouseEvent<HTMLAnchorElement>): void }) {
  const recover = useSessionStore((state) => state.recover);
  const action = useAction(recover);
  const newPassword = useNewPasswordCheck();
  const upgrade = useVaultUpgradeStore((state) => state.progress);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!newPassword.check(event.currentTarget)) return;
    const data = new FormData(event.currentTarget);
    const field = (name: string) => fieldText(data, name);
    await action.run({ username: field('username'), recoveryKey: field('recoveryKey'), newPassword: field('newPassword') });
  };

  return (
    <AuthLayout
      title="Recover access"
      description={<p>The vault&apos;s recovery key lets you set a new password for your account. Other accounts are not changed.</p>}
    >
      {upgrade && <VaultUpgradeProgressBar progress={upgrade} />}
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Username" name="username" autoFocus required autoComplete="username" autoCapitalize="none" spellCheck={false} error={action.error?.fields['username']} />
        <TextField label="Recovery key" name="recoveryKey" required mono autoComplete="off" spellCheck={false} hint="Dashes and letter case do not matter." error={action.error?.fields['recoveryKey']} />
        <NewPasswordFields check={newPassword} serverError={action.error?.fields['newPassword']} />
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
