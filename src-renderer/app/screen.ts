// The screen state machine: which top-level screen shows, derived only from app.status and the
// session's state. Pure, so the whole table reads at a glance.
import type { SessionView } from '../../src-shared/model';
import type { BootState } from '../kit/session-store';

/** Values of data-screen on the root element; e2e tests wait on them. */
export type ScreenName = 'loading' | 'unavailable' | 'setup' | 'login' | 'totp' | 'change-password' | 'lock' | 'app';

/** Within the setup screen: the vault form, or the recovery-key step (also reached by rotation or reload). */
export type SetupStep = 'create-vault' | 'recovery-key';

export interface Screen {
  name: ScreenName;
  setupStep?: SetupStep;
}

export function screenFor(boot: BootState, initialized: boolean, session: SessionView | null): Screen {
  if (boot.phase === 'loading') return { name: 'loading' };
  if (boot.phase === 'failed') return { name: 'unavailable' };
  if (!initialized) return { name: 'setup', setupStep: 'create-vault' };
  if (!session) return { name: 'login' };
  switch (session.state) {
    case 'totp_required':
      return { name: 'totp' };
    case 'password_change_required':
      return { name: 'change-password' };
    case 'locked':
      return { name: 'lock' };
    case 'recovery_key_unconfirmed':
      return { name: 'setup', setupStep: 'recovery-key' };
    case 'active':
      return { name: 'app' };
  }
}
