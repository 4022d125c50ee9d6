// Shows a one-time password once, after create, enable or reset. Closing drops it from memory.
// Focus starts on Copy, not Done, so a reflexive Enter does not throw the password away.
import type { RefObject } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SecretValue } from '../../components/SecretValue';
import type { IssuedPassword, IssueReason } from './store';

const TITLES: Readonly<Record<IssueReason, (name: string) => string>> = {
  created: (name) => `Account created for ${name}`,
  enabled: (name) => `${name} is enabled again`,
  reset: (name) => `New password for ${name}`,
};

export function OneTimePasswordDialog({ issued, onClose, returnFocusTo }: { issued: IssuedPassword; onClose(): void; returnFocusTo?: RefObject<HTMLElement | null> }) {
  return (
    <Dialog
      title={TITLES[issued.reason](issued.user.displayName)}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      testId="one-time-password-dialog"
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <p>
        One-time password for <strong className="mono">{issued.user.username}</strong>:
      </p>
      <SecretValue value={issued.oneTimePassword} testId="one-time-password" label="One-time password" size="md" />
      <Alert tone="info" role="note">
        Give this to the user in person or over a trusted channel; they must change it at first sign-in. It is shown only
        now and cannot be read back later.
      </Alert>
    </Dialog>
  );
}
