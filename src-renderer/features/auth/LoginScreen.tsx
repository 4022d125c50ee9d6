// Sign-in, and the way back in with the recovery key when the password is lost.
import { useState, type SubmitEvent, type MouseEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../kit/session-store';
import { RecoverForm } from './RecoverForm';
import { fieldText } from '../../components/native-form';
import { VaultUpgradeProgressBar } from './VaultUpgradeProgressBar';
import { useVaultUpgradeStore } from './vault-upgrade-store';

type LoginMode = 'sign-in' | 'recover';

export function LoginScreen() {
  const [mode, setMode] = useState<LoginMode>('sign-in');
  const switchTo = (next: LoginMode) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setMode(next);
  };
  return mode === 'sign-in' ? <SignInForm onForgot={switchTo('recover')} /> : <RecoverForm onBack={switchTo('sign-in')} />;
}

function SignInForm({ onForgot }: { onForgot(event: MouseEvent<HTMLAnchorElement>): void }) {
  const vaultName = useSessionStore((state) => state.vaultName);
  const notice = useSessionStore((state) => state.notice);
  const upgrade = useVaultUpgradeStore((state) => state.progress);
  const login = useSessionStore((state) => state.login);
  const action = useAction(login, { INVALID_CREDENTIALS: 'Wrong username or password' });

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    await action.run({ username: fieldText(data, 'username'), password: fieldText(data, 'password') });
  };

  return (
    <AuthLayout title={vaultName ?? 'Vigil'} description={<p>Sign in to continue.</p>}>
      {notice && <Alert tone="info">{notice}</Alert>}
      {upgrade && <VaultUpgradeProgressBar progress={upgrade} />}
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Username" name="username" autoFocus required autoComplete="username" autoCapitalize="none" spellCheck={false} />
        <TextField label="Password" name="password" type="password" required autoComplete="current-password" />
        <Button type="submit" variant="primary" busy={action.pending}>
          Sign in
        </Button>
      </form>
      <p className="auth__switch">
        <a href="#recover" onClick={onForgot}>
          Forgot your password? Use the recovery key
        </a>
      </p>
    </AuthLayout>
  );
}
