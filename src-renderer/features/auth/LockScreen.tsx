// A locked session: the vault key is out of memory until the same user's password unlocks it.
import type { SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { fieldText, focusFirstField } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../kit/session-store';
import { VaultUpgradeProgressBar } from './VaultUpgradeProgressBar';
import { useVaultUpgradeStore } from './vault-upgrade-store';

export function LockScreen() {
  const session = useSessionStore((state) => state.session);
  const upgrade = useVaultUpgradeStore((state) => state.progress);
  const unlock = useSessionStore((state) => state.unlock);
  const logout = useSessionStore((state) => state.logout);
  const unlockAction = useAction(unlock, { INVALID_CREDENTIALS: 'Wrong password' });
  const signOut = useAction(logout);
  const who = session ? `${session.displayName} (${session.username})` : 'this session';

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const unlocked = await unlockAction.run(fieldText(new FormData(form), 'password'));
    if (!unlocked) {
      form.reset();
      focusFirstField(form, ['password']);
    }
  };

  return (
    <AuthLayout title={`Locked — ${who}`} description={<p>Your work is hidden while locked. Enter your password to continue where you left off.</p>}>
      {upgrade && <VaultUpgradeProgressBar progress={upgrade} />}
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={unlockAction.error?.message} />
        <TextField label="Password" name="password" type="password" autoFocus required autoComplete="current-password" />
        <Button type="submit" variant="primary" busy={unlockAction.pending}>
          Unlock
        </Button>
      </form>
      <div className="auth__secondary-actions">
        <span className="muted">Someone else? Sign out to end this session.</span>
        <Button variant="ghost" size="sm" onClick={() => void signOut.run()} busy={signOut.pending}>
          Sign out
        </Button>
      </div>
    </AuthLayout>
  );
}
