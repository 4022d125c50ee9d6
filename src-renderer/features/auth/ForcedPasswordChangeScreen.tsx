// First sign-in with a one-time password from an administrator: the user must choose their own.
import { Button } from '../../components/Button';
import { useAction } from '../../kit/use-action';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../kit/session-store';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ForcedPasswordChangeScreen() {
  const session = useSessionStore((state) => state.session);
  const logout = useSessionStore((state) => state.logout);
  const signOut = useAction(logout);
  return (
    <AuthLayout
      title="Choose your password"
      description={
        <p>
          {session ? `Welcome, ${session.displayName}. ` : ''}Your administrator gave you a one-time password. Choose your own to continue.
        </p>
      }
    >
      <ChangePasswordForm autoFocus currentHint="The one-time password you were given." />
      <div className="auth__secondary-actions">
        <span className="muted">Nobody else, administrators included, will know your new password.</span>
        <Button variant="ghost" size="sm" onClick={() => void signOut.run()} busy={signOut.pending}>
          Sign out
        </Button>
      </div>
    </AuthLayout>
  );
}
