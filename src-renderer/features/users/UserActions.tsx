// Disable, enable and reset password for one account. Reset asks first: it ends the user's
// sessions and their current password stops working.
import { useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAction } from '../../kit/use-action';
import type { UserView } from '../../../src-shared/model';
import { useUsersStore } from './store';

export function UserActions({ user }: { user: UserView }) {
  const disable = useUsersStore((state) => state.disable);
  const enable = useUsersStore((state) => state.enable);
  const resetPassword = useUsersStore((state) => state.resetPassword);
  const toggle = useAction(user.disabled ? enable : disable);
  const reset = useAction(resetPassword);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const error = toggle.error ?? reset.error;

  const confirmReset = async () => {
    setConfirmingReset(false);
    await reset.run(user.id);
  };

  return (
    <div className="cell-actions">
      <div className="cell-actions__buttons">
        {user.disabled ? (
          <Button size="sm" onClick={() => void toggle.run(user.id)} busy={toggle.pending}>
            Enable
          </Button>
        ) : (
          <>
            <Button size="sm" variant="danger" onClick={() => void toggle.run(user.id)} busy={toggle.pending}>
              Disable
            </Button>
            <Button ref={resetButton} size="sm" onClick={() => setConfirmingReset(true)} busy={reset.pending}>
              Reset password
            </Button>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="field__error">
          {error.message}
        </p>
      )}
      {confirmingReset && (
        <Dialog
          title={`Reset the password of ${user.displayName}?`}
          size="sm"
          onClose={() => setConfirmingReset(false)}
          returnFocusTo={resetButton}
          footer={
            <>
              <Button onClick={() => setConfirmingReset(false)}>Cancel</Button>
              <Button variant="danger" onClick={() => void confirmReset()}>
                Reset password
              </Button>
            </>
          }
        >
          <p>
            <strong className="mono">{user.username}</strong>&apos;s current password stops working and their open sessions end. Vigil shows
            a one-time password for you to hand over; they choose a new password at their next sign-in.
          </p>
        </Dialog>
      )}
    </div>
  );
}
